import ArgumentParser
import CallCatalog
import CallModel
import CallReview
import Foundation

/// `nokchwi rubrics import|list|show`: evaluation forms, stored by version (the file's content hash).
struct RubricsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rubrics", abstract: "Import and read QA rubrics (evaluation forms, Pipelines/rubrics/*.yaml).",
        subcommands: [Import.self, List.self, Show.self])

    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Validate a rubric file and store it as a version (its content hash); a changed file is a new version, old evaluations keep theirs.")
        @Argument(help: "Rubric YAML file.") var file: String
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            let access = try CommandAccess.signIn(global)
            defer { access.finish() }
            try access.authorize(.manageRubrics)
            guard let text = try? String(contentsOfFile: file, encoding: .utf8) else {
                throw CLIError("cannot read \(file) as UTF-8 text; check the path")
            }
            let rubric: Rubric
            do { rubric = try RubricLoader.load(text, file: file) } catch let error as ReviewError {
                try QASupport.refuse(error, json: global.json)
            }
            let id = QASupport.sha256(text)
            let record = RubricVersionRecord(id: id, rubric: rubric.id, title: rubric.title,
                                             sourceFile: URL(fileURLWithPath: file).lastPathComponent, content: text,
                                             importedAt: Date(), importedBy: access.session.username)
            let added = try access.catalog.importRubricVersion(record, audit: access.actor.draft(
                .qaRubricImport, at: Date(), detail: ["rubric": rubric.id, "version": id, "items": "\(rubric.items.count)"]))
            if global.json {
                return try Output.json(RubricVersionView(record, rubric: rubric, imported: added))
            }
            Output.line(added ? "imported rubric \(rubric.id) version \(id.prefix(12)) (\(rubric.sections.count) sections, \(rubric.items.count) items)"
                              : "rubric \(rubric.id) version \(id.prefix(12)) is stored already; nothing changed")
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List stored rubric versions, newest first.")
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            let access = try CommandAccess.signIn(global)
            defer { access.finish() }
            try access.authorize(Show.readPermission(access))
            let versions = try access.catalog.rubricVersions()
            if global.json { return try Output.json(versions.map { RubricVersionView($0, rubric: nil, imported: nil) }) }
            Output.table(["VERSION", "RUBRIC", "TITLE", "FILE", "IMPORTED", "BY"], versions.map {
                [String($0.id.prefix(12)), $0.rubric, $0.title, $0.sourceFile,
                 CatalogDateText.minute($0.importedAt), $0.importedBy]
            })
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show a rubric version: sections, items, weights, answer types.")
        @Argument(help: "Version id (or a prefix of 6+ characters), or a rubric id for its newest version.") var version: String
        @OptionGroup var global: GlobalOptions

        /// Anyone who takes part in QA may read rubrics: evaluators, supervisors, the QA lead.
        static func readPermission(_ access: CommandAccess) -> Permission {
            let user = access.session.user
            if AccessPolicy.decide(user, .manageRubrics).isAllowed { return .manageRubrics }
            if AccessPolicy.decide(user, .manageQueue).isAllowed { return .manageQueue }
            return .claimCalls
        }

        func run() async throws {
            let access = try CommandAccess.signIn(global)
            defer { access.finish() }
            try access.authorize(Self.readPermission(access))
            guard let record = try access.catalog.rubricVersion(version) else {
                throw CLIError("no rubric version \(version); `nokchwi rubrics list` shows them, `nokchwi rubrics import FILE` adds one")
            }
            let rubric = try QASupport.rubric(record)
            if global.json { return try Output.json(RubricVersionView(record, rubric: rubric, imported: nil)) }
            Output.line("rubric \(rubric.id) version \(record.id) — \(rubric.title)\(rubric.titleEnglish.map { " (\($0))" } ?? "")")
            for section in rubric.sections {
                Output.line("  [\(section.id)] \(section.label) / \(section.labelEnglish ?? "-")  weight \(section.weight)")
                for item in section.items {
                    let severity = item.severity == .normal ? "" : " \(item.severity.rawValue.uppercased())"
                    Output.line("    \(item.id)  \(item.answer.name) w\(item.weight)\(item.allowsNA ? " N/A-ok" : "")\(severity)  \(item.labelEnglish ?? item.label)")
                }
            }
        }
    }
}

struct RubricVersionView: Encodable {
    var version: String
    var rubric: String
    var title: String
    var file: String
    var importedAt: String
    var importedBy: String
    var imported: Bool?
    var definition: Rubric?

    init(_ r: RubricVersionRecord, rubric: Rubric?, imported: Bool?) {
        version = r.id
        self.rubric = r.rubric
        title = r.title
        file = r.sourceFile
        importedAt = r.importedAt
        importedBy = r.importedBy
        self.imported = imported
        definition = rubric
    }

    enum CodingKeys: String, CodingKey {
        case version, rubric, title, file, importedAt = "imported_at", importedBy = "imported_by", imported, definition
    }
}

/// Catalog timestamps (ISO UTC text) shown in the center's zone.
enum CatalogDateText {
    static func minute(_ text: String?) -> String {
        guard let text, let date = try? Date(text, strategy: .iso8601.year().month().day().dateSeparator(.dash).time(includingFractionalSeconds: true).timeSeparator(.colon)) else { return text ?? "-" }
        return DisplayTime.minute(date)
    }
}

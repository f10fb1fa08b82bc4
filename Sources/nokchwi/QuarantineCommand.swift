import ArgumentParser
import CallCatalog
import CallModel
import Foundation

struct QuarantineCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "quarantine", abstract: "Inputs that could not be ingested (left untouched where they are).",
        subcommands: [List.self])

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List quarantined files with the reason and time.")
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            let access = try CommandAccess.signIn(global)
            defer { access.finish() }
            try access.authorize(.ingestCalls, record: .auditView, detail: ["view": "quarantine"])
            let records = try access.catalog.quarantineRecords()
            let shown = records.map { r in
                QuarantineView(path: PersonalDataRedactor.redact(r.path), dropFolder: PersonalDataRedactor.redact(r.dropFolder),
                               reasonCode: r.reasonCode.rawValue, reason: r.reason, detectedAt: r.detectedAt, sha256: r.sourceSHA256, bytes: r.bytes, runID: r.runID)
            }
            if global.json { return try Output.json(shown) }
            // One line per file (time, code, path under its drop folder), the reason wrapped under it: a reason runs
            // to a few hundred characters. `--json` has every field in full.
            let width = 118
            let folders = Set(shown.map(\.dropFolder)).sorted()
            if folders.count == 1 { Output.line("drop folder \(folders[0])") }
            for q in shown {
                Output.line("\(DisplayTime.minuteLabelled(q.detectedAt))  \(q.reasonCode)  \(folders.count == 1 ? q.relativePath : q.path)")
                for line in Output.wrap(q.reason, width: width - 4) { Output.line("    " + line) }
            }
            Output.line("\(shown.count) quarantined file(s), left where they are (`--json`: every field)")
        }
    }
}

struct QuarantineView: Encodable {
    let path: String
    let dropFolder: String
    let reasonCode: String
    let reason: String
    let detectedAt: Date
    let sha256: String
    let bytes: Int64
    let runID: Int64?

    /// The path under its drop folder, when it is under it.
    var relativePath: String {
        let folder = dropFolder.hasSuffix("/") ? dropFolder : dropFolder + "/"
        return path.hasPrefix(folder) ? String(path.dropFirst(folder.count)) : path
    }

    enum CodingKeys: String, CodingKey {
        case path, dropFolder = "drop_folder", reasonCode = "reason_code", reason, detectedAt = "detected_at", sha256, bytes, runID = "run_id"
    }
}

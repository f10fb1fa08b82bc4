import ArgumentParser
import CallCatalog
import CallModel
import CallReports
import CallReview
import Foundation

struct ReportYearbookCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "yearbook",
        abstract: "The year's yearbook: a printable HTML page with SVG charts and a CSV per table (totals, months, hours, departments, types, service level, one-stop rate, talk time).")

    @Argument(help: "The year (e.g. 2026).") var year: Int
    @Option(help: "Folder to write yearbook-YEAR.html and the CSV files into (created when missing).") var out: String
    @Option(help: "Labels: ko (default) or en.") var lang: String = "ko"
    @Option(name: .customLong("sl-seconds"), help: "Service level threshold in seconds.") var slSeconds: Double = 20
    @OptionGroup var global: GlobalOptions

    func run() async throws {
        guard (2000...2100).contains(year) else { throw CLIError("the year \(year) is out of range (2000-2100)") }
        guard let language = YearbookRenderer.Language(rawValue: lang) else { throw CLIError("--lang must be ko or en") }
        let access = try CommandAccess.signIn(global)
        defer { access.finish() }
        try access.authorize(.viewReports, record: .viewReport, detail: ["report": "yearbook", "year": String(year)])
        let calendar = ReportCalendar(zone: DisplayTime.zone)
        let yearbook = try ReportLoader(catalog: access.catalog, scope: access.guardian.scope(access.session, .viewReports), calendar: calendar)
            .yearbook(year: year, settings: QueueSettings(serviceLevelSeconds: slSeconds), withQA: true)
        let folder = URL(fileURLWithPath: out)
        var written: [String] = []
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            let page = folder.appendingPathComponent("yearbook-\(year).html")
            try Data(YearbookRenderer.html(yearbook, lang: language).utf8).write(to: page, options: .atomic)
            written.append(page.path)
            for table in YearbookRenderer.tables(yearbook, lang: language) {
                let file = folder.appendingPathComponent("\(table.name).csv")
                try Data(table.csv.utf8).write(to: file, options: .atomic)
                written.append(file.path)
            }
        } catch {
            throw CLIError("cannot write the yearbook into \(out) (\(error.localizedDescription)); check the folder and its permissions")
        }
        if global.json { return try Output.json(["files": written]) }
        Output.line("yearbook \(year): \(yearbook.total.offered) call(s) offered, answer rate \(ReportTable.percent(yearbook.total.answerRate)), service level \(ReportTable.percent(yearbook.total.serviceLevels.first?.value)), one-stop \(ReportTable.percent(yearbook.total.oneStopRate))")
        for file in written { Output.line("  \(file)") }
    }
}

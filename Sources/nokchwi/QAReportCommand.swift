import ArgumentParser
import CallCatalog
import CallModel
import CallReview
import Foundation

/// `nokchwi qa report --by agent|team|item|evaluator --from D --to D [--json|--csv]` (the lead mounts it as
/// `nokchwi report qa` too): evaluations, mean score, critical failures, item failure rates, monthly trend, drift.
struct QAReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "qa", abstract: "QA results by agent, team, item or evaluator over a date range.")
    @Option(help: "Group by agent, team, item or evaluator.") var by: String = "agent"
    @Option(help: "First day (YYYY-MM-DD, in the qa time zone).") var from: String
    @Option(help: "Last day, included (YYYY-MM-DD).") var to: String
    @Flag(help: "Print CSV (the groups, or the items with --by item).") var csv = false
    @Option(help: "Pipeline definition with the qa: section (default Pipelines/default.yaml).") var pipeline: String?
    @OptionGroup var global: GlobalOptions
    @OptionGroup var remote: ServerOption

    func run() async throws {
        guard let grouping = QAReport.Grouping(rawValue: by) else { throw CLIError("--by takes agent, team, item or evaluator") }
        if let server = remote.server {
            let data = try await RemoteServer(server).get("/api/reports/qa", query: [("by", by), ("from", from), ("to", to)])
            if global.json { return Output.jsonText(RemoteServer.pretty(data)) }
            return show(try RemoteServer.decode(QAReport.self, data), grouping: grouping)
        }
        let config: QAConfiguration
        do { config = try QASupport.configuration(pipeline: pipeline) } catch let e as ReviewError { try QASupport.refuse(e, json: global.json) }
        let zone = QASupport.timeZone(config)
        let start = try QASupport.day(from, zone, option: "--from")
        let end = try QASupport.day(to, zone, option: "--to").addingTimeInterval(86_400)
        guard end > start else { throw CLIError("--to is before --from") }
        let access = try CommandAccess.signIn(global)
        defer { access.finish() }
        try access.authorize(.viewReports, record: .qaReport, detail: ["by": by, "from": from, "to": to])
        let teams = QASupport.teamsScope(access.guardian.scope(access.session, .viewReports))
        let report = try QASupport.report(access.catalog, by: grouping, start: start, end: end, from: from, to: to, teams: teams, zone: zone)
        if global.json { return try Output.json(report) }
        show(report, grouping: grouping)
    }

    func show(_ report: QAReport, grouping: QAReport.Grouping) {
        func f(_ x: Double?) -> String { x.map { String(format: "%.2f", $0) } ?? "-" }
        if csv {
            if grouping == .item {
                print("item,section,severity,answered,not_applicable,failed,failure_rate")
                for i in report.items { print("\(i.itemID),\(i.sectionID),\(i.severity),\(i.answered),\(i.notApplicable),\(i.failed),\(i.failureRate.map { String($0) } ?? "")") }
            } else {
                print("\(by),evaluations,mean_score,critical_failures,fatal_failures,drift")
                for g in report.groups { print("\(Self.csvField(g.key)),\(g.evaluations),\(f(g.meanScore)),\(g.criticalFailures),\(g.fatalFailures),\(g.drift.map { String(format: "%.2f", $0) } ?? "")") }
            }
            return
        }
        Output.line("QA \(from) to \(to): \(report.evaluations) evaluation(s), mean score \(f(report.meanScore)), \(report.criticalFailures) critical and \(report.fatalFailures) fatal failure(s)")
        if grouping != .item {
            Output.line()
            Output.table([by.uppercased(), "EVALUATIONS", "MEAN", "CRITICAL", "FATAL"] + (grouping == .evaluator ? ["DRIFT"] : []),
                         report.groups.map { g in
                             [g.key, "\(g.evaluations)", f(g.meanScore), "\(g.criticalFailures)", "\(g.fatalFailures)"]
                                 + (grouping == .evaluator ? [g.drift.map { String(format: "%+.2f", $0) } ?? "-"] : [])
                         })
        }
        Output.line()
        Output.table(["ITEM", "SECTION", "SEVERITY", "ANSWERED", "N/A", "FAILED", "FAILURE RATE"], report.items.map { i in
            [i.itemID, i.sectionID, i.severity, "\(i.answered)", "\(i.notApplicable)", "\(i.failed)",
             i.failureRate.map { String(format: "%.1f%%", $0 * 100) } ?? "-"]
        })
        Output.line()
        Output.table(["MONTH", "EVALUATIONS", "MEAN"], report.months.map { [$0.month, "\($0.evaluations)", f($0.meanScore)] })
        if let figures = report.calibration {
            Output.line()
            Output.line("Calibration: \(figures.sessions) session(s) completed")
            QACalibrationSupport.printFigures(figures)
        }
    }

    static func csvField(_ s: String) -> String {
        s.contains(",") || s.contains("\"") ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s
    }
}

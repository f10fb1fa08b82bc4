import ArgumentParser
import CallCatalog
import CallModel
import CallReports
import Foundation

struct ReportQueueCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "queue",
        abstract: "Queue statistics from the imported ACD log: offered, answered, abandoned, answer rate, service level, ASA, one-stop and repeat-call rates, surveys.")

    @Option(help: "Group by total, queue, agent, team, department, category, day, week, month or hour.") var by: ReportGrouping = .day
    @Option(name: .customLong("sl-seconds"), help: "Service level threshold T: answered within T seconds (inclusive).") var slSeconds: Double = 20
    @Option(name: .customLong("short-abandon-seconds"), help: "Abandons under this many seconds are short abandons.") var shortAbandonSeconds: Double = 5
    @Option(name: .customLong("repeat-days"), help: "A call from the same number within this many days after another is a repeat call.") var repeatDays: Double = 7
    @OptionGroup var options: ReportOptions
    @OptionGroup var global: GlobalOptions
    @OptionGroup var remote: ServerOption

    func run() async throws {
        guard slSeconds >= 0, shortAbandonSeconds >= 0, repeatDays > 0 else {
            throw CLIError("--sl-seconds and --short-abandon-seconds must be 0 or more, --repeat-days more than 0")
        }
        let (from, to) = try options.range()
        if let server = remote.server {
            let data = try await RemoteServer(server).get("/api/reports/queue", query: try options.parameters() + [
                ("by", by.rawValue), ("sl-seconds", String(slSeconds)), ("short-abandon-seconds", String(shortAbandonSeconds)),
                ("repeat-days", String(repeatDays))])
            if global.json { return Output.jsonText(RemoteServer.pretty(data)) }
            return show(try RemoteServer.decode(QueueReport.self, data))
        }
        let access = try CommandAccess.signIn(global)
        defer { access.finish() }
        try access.authorize(.viewReports, record: .viewReport,
                             detail: ["report": "queue", "by": by.rawValue, "from": options.calendar.day(from),
                                      "to": options.calendar.day(to.addingTimeInterval(-1))])
        let settings = QueueSettings(serviceLevelSeconds: slSeconds, shortAbandonSeconds: shortAbandonSeconds,
                                     repeatWindowSeconds: repeatDays * 86_400)
        let report = try Self.compute(access: access, from: from, to: to, by: by, settings: settings, calendar: options.calendar)
        if global.json { return try Output.json(report) }
        show(report)
    }

    func show(_ report: QueueReport) {
        if options.csv { return ReportOutput.csv(report.table) }
        ReportOutput.text(report.table)
        let t = report.total
        Output.line("service level: \(t.serviceLevels.map { "\($0.formula) = \(ReportTable.percent($0.value))" }.joined(separator: "; "))")
        Output.line("one-call one-stop rate: answered calls neither transferred nor called back / answered = \(ReportTable.percent(t.oneStopRate))")
        if !t.transfersByTarget.isEmpty {
            Output.line("transfers by target: " + t.transfersByTarget.sorted { ($1.value, $0.key) < ($0.value, $1.key) }.map { "\($0.key) \($0.value)" }.joined(separator: ", "))
        }
        Output.line("repeat calls within \(ReportTable.seconds(repeatDays)) days: \(t.repeatCalls) of \(t.callsWithCaller) with a caller number (\(ReportTable.percent(t.repeatRate)))")
        if !t.surveyScores.isEmpty {
            Output.line("survey scores: " + t.surveyScores.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }.joined(separator: ", "))
        }
    }

    static func compute(access: CommandAccess, from: Date, to: Date, by: ReportGrouping, settings: QueueSettings,
                        calendar: ReportCalendar) throws -> QueueReport {
        try ReportLoader(catalog: access.catalog, scope: access.guardian.scope(access.session, .viewReports), calendar: calendar)
            .queue(from: from, to: to, by: by, settings: settings)
    }
}

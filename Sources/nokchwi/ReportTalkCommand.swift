import ArgumentParser
import CallCatalog
import CallModel
import CallReports
import Foundation

struct ReportTalkCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "talk", abstract: "Talk time from the stored metrics: handle time, talk shares, hold, dead air, overtalk, outliers.")

    @Option(help: "Group by agent, team, department, category, day, week, month or hour.") var by: ReportGrouping = .team
    @Option(help: "List this agent's calls instead, the most dead air and hold first (what to listen to).") var agent: String?
    @Option(help: "With --agent: at most this many calls.") var limit = 20
    @OptionGroup var options: ReportOptions
    @OptionGroup var global: GlobalOptions
    @OptionGroup var remote: ServerOption

    func run() async throws {
        let (from, to) = try options.range()
        if let server = remote.server {
            return try await fetch(from: server, days: (options.calendar.day(from), options.calendar.day(to.addingTimeInterval(-1))))
        }
        let access = try CommandAccess.signIn(global)
        defer { access.finish() }
        try access.authorize(.viewReports, record: .viewReport,
                             detail: ["report": "talk", "by": agent == nil ? by.rawValue : "calls", "from": options.calendar.day(from),
                                      "to": options.calendar.day(to.addingTimeInterval(-1))])
        let loader = ReportLoader(catalog: access.catalog, scope: access.guardian.scope(access.session, .viewReports), calendar: options.calendar)
        if let agent {
            let samples = try loader.talkSamples(from: from, to: to)
            let calls = Array(TalkReport.callsToReview(samples.filter { $0.agent == agent }).prefix(limit))
            if global.json { return try Output.json(calls) }
            return show(calls, agent: agent)
        }
        let report = try loader.talk(from: from, to: to, by: by)
        if global.json { return try Output.json(report) }
        show(report, from: options.calendar.day(from), to: options.calendar.day(to.addingTimeInterval(-1)))
    }

    func show(_ calls: [TalkSample], agent: String) {
        let table = ReportTable(name: "calls-of-\(agent)", header: ["call", "start", "duration_s", "dead_air_s", "dead_air_events", "hold_s", "holds", "overtalk_s"],
                                rows: calls.map { s in
                                    [s.callID, s.startedAt.map(DisplayTime.minute) ?? "-", ReportTable.seconds(s.durationS),
                                     ReportTable.seconds(s.deadAirS), String(s.deadAirCount), ReportTable.seconds(s.holdS),
                                     String(s.holdCount), ReportTable.seconds(s.overtalkS)]
                                })
        if options.csv { return ReportOutput.csv(table) }
        ReportOutput.text(table)
        Output.line("\(calls.count) call(s) of \(agent), the most dead air, then hold, first; `nokchwi calls show ID` for one")
    }

    func show(_ report: TalkReport, from: String, to: String) {
        if options.csv { return ReportOutput.csv(report.table) }
        ReportOutput.text(report.table)
        Output.line("\(report.total.calls) analysed call(s) from \(from) to \(to)" + (by == .agent ? "; outlier: \(TalkReport.outlierRuleText)" : ""))
    }

    /// The same report from a running server (`/api/reports/talk`, or `/api/calls` for `--agent`), scoped and audited there.
    func fetch(from server: String, days: (String, String)) async throws {
        let remote = try RemoteServer(server)
        let range = [("from", days.0), ("to", days.1)]
        if let agent {
            let data = try await remote.get("/api/calls", query: range + [("agent", agent)])
            if global.json { return Output.jsonText(RemoteServer.pretty(data)) }
            return show(Array(try RemoteServer.decode([TalkSample].self, data).prefix(limit)), agent: agent)
        }
        let data = try await remote.get("/api/reports/talk", query: range + [("by", by.rawValue)])
        if global.json { return Output.jsonText(RemoteServer.pretty(data)) }
        let report = try RemoteServer.decode(TalkReport.self, data)
        show(report, from: days.0, to: days.1)
    }
}

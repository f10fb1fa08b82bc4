import CallAccess
import CallModel
import CallReports
import CallReview
import Foundation
import Hummingbird

/// The supervisor's dashboard over their teams (the scope the CLI's reports apply): queue figures (answer rate,
/// service level, abandoned by hour, one-stop rate, transfers by department), talk time by agent and by day with
/// SVG charts drawn here, QA scores by agent and item; a drill-down to an agent's calls and from there to one
/// call's page. Every view is audited as a report view.
struct SupervisorRoutes {
    let pages: Pages

    func register(_ router: Router<WebContext>) {
        router.get("/dashboard") { request, context in
            let dashboard = try load(request, context)
            return pages.render("dashboard", title: "dashboard", dashboard.values(pages.language(request, context)), request, context)
        }
        router.get("/api/dashboard") { request, context in Response.json(try load(request, context)) }
        router.get("/calls") { request, context in
            let list = try calls(request, context)
            return pages.render("calls", title: "agentCalls", list.values, request, context)
        }
        router.get("/api/calls") { request, context in Response.json(try calls(request, context).samples) }
        router.get("/yearbook") { request, context in
            let user = try pages.user(context)
            let calendar = ReportCalendar(zone: CenterTime.zone(pages.configuration.qa.timeZone))
            var center = Calendar(identifier: .gregorian)
            center.timeZone = calendar.zone
            let year = request.uri.queryParameters.get("year").flatMap { Int($0) } ?? center.component(.year, from: pages.services.clock.now())
            guard (2000...2100).contains(year) else { throw WebError.badRequest("year must be 2000 to 2100") }
            try pages.services.guardian.authorize(user, .viewReports, record: .viewReport, detail: ["report": "yearbook", "year": "\(year)", "via": "web"])
            let loader = ReportLoader(catalog: pages.services.catalog, scope: pages.services.guardian.scope(user, .viewReports), calendar: calendar)
            let yearbook = try loader.yearbook(year: year)
            var response = Response.html(YearbookRenderer.html(yearbook, lang: pages.language(request, context) == .english ? .en : .ko))
            // The yearbook is a standalone printable document with its own inline style (no script).
            response.headers[.contentSecurityPolicy] = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'none'"
            return response
        }
    }

    struct Range {
        let from: Date, to: Date, fromDay: String, toDay: String
    }

    /// `from` and `to` (days, both included) of the request; by default the 30 days up to today.
    func range(_ request: Request, _ calendar: ReportCalendar) throws -> Range {
        let today = calendar.day(pages.services.clock.now())
        let toDay = request.uri.queryParameters.get("to") ?? today
        guard let last = calendar.start(ofDay: toDay) else { throw WebError.badRequest("to: a day is yyyy-MM-dd") }
        let fromDay = request.uri.queryParameters.get("from") ?? calendar.day(last.addingTimeInterval(-29 * 86_400))
        guard let first = calendar.start(ofDay: fromDay), first <= last else { throw WebError.badRequest("from: a day (yyyy-MM-dd) not after to") }
        return Range(from: first, to: last.addingTimeInterval(86_400), fromDay: fromDay, toDay: toDay)
    }

    private func load(_ request: Request, _ context: WebContext) throws -> Dashboard {
        let user = try pages.user(context)
        let zone = CenterTime.zone(pages.configuration.qa.timeZone)
        let calendar = ReportCalendar(zone: zone)
        let r = try range(request, calendar)
        try pages.services.guardian.authorize(user, .viewReports, record: .viewReport,
                                              detail: ["report": "dashboard", "from": r.fromDay, "to": r.toDay, "via": "web"])
        let scope = pages.services.guardian.scope(user, .viewReports)
        let loader = ReportLoader(catalog: pages.services.catalog, scope: scope, calendar: calendar)
        let settings = QueueSettings()
        let queue = try loader.queue(from: r.from, to: r.to, by: .hour, settings: settings)
        let qa = try QAReport.compute(catalog: pages.services.catalog, from: r.from, to: r.to, fromDay: r.fromDay, toDay: r.toDay,
                                   teams: QAReport.teams(scope), zone: zone, by: .agent)
        let talk = try loader.talkRows(from: r.from, to: r.to, summary: .agent)
        return Dashboard(from: r.fromDay, to: r.toDay, queue: queue,
                         talkByAgent: TalkReport.compute(rows: talk, by: .agent, from: r.from, to: r.to, calendar: calendar),
                         talkByDay: TalkReport.compute(rows: talk, by: .day, from: r.from, to: r.to, calendar: calendar), qa: qa)
    }

    struct CallList {
        let values: [String: Any]
        let samples: [TalkSample]
    }

    /// The calls behind a dashboard figure: one agent's (their row, their QA scores), or every call of the range (a
    /// day of the chart, the answered calls), the most dead air and hold first, 200 at most; scoped like the reports.
    private func calls(_ request: Request, _ context: WebContext) throws -> CallList {
        let user = try pages.user(context)
        let calendar = ReportCalendar(zone: CenterTime.zone(pages.configuration.qa.timeZone))
        let r = try range(request, calendar)
        let agent = request.uri.queryParameters.get("agent").flatMap { $0.isEmpty ? nil : $0 }
        guard (agent?.count ?? 0) <= 64 else { throw WebError.badRequest("agent: an agent id") }
        try pages.services.guardian.authorize(user, .viewReports, record: .viewReport,
                                              detail: ["report": "agent-calls", "agent": agent ?? "*", "from": r.fromDay, "to": r.toDay, "via": "web"])
        let loader = ReportLoader(catalog: pages.services.catalog, scope: pages.services.guardian.scope(user, .viewReports), calendar: calendar)
        let all = try loader.talkSamples(from: r.from, to: r.to)
        let samples = Array(TalkReport.callsToReview(agent.map { a in all.filter { $0.agent == a } } ?? all).prefix(200))
        let rows: [[String: Any]] = samples.map {
            ["id": $0.callID, "start": Pages.minute($0.startedAt), "duration": CallTimeline.clock($0.durationS), "agent": $0.agent ?? "-",
             "deadAir": String(format: "%.1f", $0.deadAirS), "hold": String(format: "%.1f", $0.holdS),
             "overtalk": $0.overtalkS.map { String(format: "%.1f", $0) } ?? "-"]
        }
        let title = agent ?? (r.fromDay == r.toDay ? r.fromDay : "\(r.fromDay) – \(r.toDay)")
        return CallList(values: ["agent": title, "from": r.fromDay, "to": r.toDay, "calls": rows], samples: samples)
    }
}

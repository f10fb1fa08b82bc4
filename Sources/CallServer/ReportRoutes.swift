import CallAccess
import CallModel
import CallReports
import CallReview
import Foundation
import Hummingbird

/// The supervisor reports and the catalog's totals as JSON, for `nokchwi report talk|queue|qa --server URL` and
/// `nokchwi status --server URL`: the same loaders, scope and audit
/// as the CLI's commands; the parameters are their flags (`by`, `from`, `to`, and for the queue `sl-seconds`,
/// `short-abandon-seconds`, `repeat-days`). The range defaults as on the dashboard (the 30 days up to today).
struct ReportRoutes {
    let pages: Pages

    func register(_ router: Router<WebContext>) {
        router.get("/api/reports/talk") { request, context in
            let (user, loader, range) = try prepare(request, context)
            let by = try grouping(request, default: .team)
            try audit(user, "talk", by.rawValue, range)
            return Response.json(try loader.talk(from: range.from, to: range.to, by: by))
        }
        router.get("/api/reports/queue") { request, context in
            let (user, loader, range) = try prepare(request, context)
            let by = try grouping(request, default: .day)
            let q = request.uri.queryParameters
            func number(_ name: String, _ fallback: Double) throws -> Double {
                guard let text = q.get(name) else { return fallback }
                guard let value = Double(text), value.isFinite, value >= 0 else { throw WebError.badRequest("\(name) must be a number 0 or more") }
                return value
            }
            let repeatDays = try number("repeat-days", 7)
            guard repeatDays > 0 else { throw WebError.badRequest("repeat-days must be more than 0") }
            let settings = QueueSettings(serviceLevelSeconds: try number("sl-seconds", 20), shortAbandonSeconds: try number("short-abandon-seconds", 5),
                                         repeatWindowSeconds: repeatDays * 86_400)
            try audit(user, "queue", by.rawValue, range)
            return Response.json(try loader.queue(from: range.from, to: range.to, by: by, settings: settings))
        }
        router.get("/api/status") { _, context in
            let user = try pages.user(context)
            try pages.services.guardian.authorize(user, CatalogStatus.permission(for: user.user), record: .viewReport,
                                                  detail: ["report": "status", "via": "web"])
            return Response.json(try CatalogStatus(catalog: pages.services.catalog, guardian: pages.services.guardian, session: user))
        }
        router.get("/api/reports/qa") { request, context in
            let user = try pages.user(context)
            let zone = CenterTime.zone(pages.configuration.qa.timeZone)
            let range = try SupervisorRoutes(pages: pages).range(request, ReportCalendar(zone: zone))
            let by = request.uri.queryParameters.get("by") ?? "agent"
            guard let grouping = QAReport.Grouping(rawValue: by) else { throw WebError.badRequest("by takes agent, team, item or evaluator") }
            try pages.services.guardian.authorize(user, .viewReports, record: .qaReport, detail: ["by": by, "from": range.fromDay, "to": range.toDay, "via": "web"])
            return Response.json(try QAReport.compute(catalog: pages.services.catalog, from: range.from, to: range.to, fromDay: range.fromDay,
                                                      toDay: range.toDay, teams: QAReport.teams(pages.services.guardian.scope(user, .viewReports)),
                                                      zone: zone, by: grouping))
        }
    }

    private func prepare(_ request: Request, _ context: WebContext) throws -> (Session, ReportLoader, SupervisorRoutes.Range) {
        let user = try pages.user(context)
        let calendar = ReportCalendar(zone: CenterTime.zone(pages.configuration.qa.timeZone))
        let range = try SupervisorRoutes(pages: pages).range(request, calendar)
        let loader = ReportLoader(catalog: pages.services.catalog, scope: pages.services.guardian.scope(user, .viewReports), calendar: calendar)
        return (user, loader, range)
    }

    private func grouping(_ request: Request, default fallback: ReportGrouping) throws -> ReportGrouping {
        guard let text = request.uri.queryParameters.get("by") else { return fallback }
        guard let by = ReportGrouping(rawValue: text) else {
            throw WebError.badRequest("by takes " + ReportGrouping.allCases.map(\.rawValue).joined(separator: ", "))
        }
        return by
    }

    private func audit(_ user: Session, _ report: String, _ by: String, _ range: SupervisorRoutes.Range) throws {
        try pages.services.guardian.authorize(user, .viewReports, record: .viewReport,
                                              detail: ["report": report, "by": by, "from": range.fromDay, "to": range.toDay, "via": "web"])
    }
}

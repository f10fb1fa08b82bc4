import CallAccess
import CallModel
import CallReports
import Foundation
import Hummingbird

/// `GET /api/call-search`: the calls the user may list that match the filter (`CallFilter`, the parameter names of
/// `calls list`'s flags), scoped and audited as `calls list` is; what `nokchwi calls list --server URL` prints.
struct CallSearchRoutes {
    let pages: Pages

    func register(_ router: Router<WebContext>) {
        router.get("/api/call-search") { request, context in
            let user = try pages.user(context)
            var parameters: [String: String] = [:]
            for (name, value) in request.uri.queryParameters where parameters[String(name)] == nil {
                parameters[String(name)] = String(value)
            }
            let filter: CallFilter
            do { filter = try CallFilter(parameters: parameters) } catch let error as CallFilterError { throw WebError.badRequest(error.message) }
            try pages.services.guardian.authorize(user, .listCalls, record: .listCalls,
                                                  detail: ["agent": filter.agent ?? "*", "team": filter.team ?? "*", "via": "web"])
            let finder = CallFinder(catalog: pages.services.catalog, scope: pages.services.guardian.scope(user, .listCalls),
                                    calendar: ReportCalendar(zone: CenterTime.zone(pages.configuration.qa.timeZone)))
            do { return Response.json(try finder.calls(filter).map(CallListRow.init)) } catch let error as CallFilterError {
                throw WebError.badRequest(error.message)
            }
        }
    }
}

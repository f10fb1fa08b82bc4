import ArgumentParser
import CallCatalog
import CallModel
import CallReports
import Foundation

/// `calls list` search filters (date range, department, category, tag, direction, duration, metric thresholds) and
/// CSV output. With any filter set, the search runs as one indexed query with the user's scope in SQL.
struct CallFilterOptions: ParsableArguments {
    @Option(help: "Calls from this day (yyyy-MM-dd, the center's time zone).") var from: String?
    @Option(help: "Calls up to this day, inclusive.") var to: String?
    @Option(help: "Only this department's calls.") var department: String?
    @Option(help: "Only this category's calls.") var category: String?
    @Option(help: "Only calls with this tag.") var tag: String?
    @Option(help: "Only inbound, outbound, internal or unknown calls.") var direction: String?
    @Option(name: .customLong("min-duration"), help: "Calls of at least this many seconds.") var minDuration: Double?
    @Option(name: .customLong("max-duration"), help: "Calls of at most this many seconds.") var maxDuration: Double?
    @Option(name: .customLong("dead-air-over"), help: "Calls with more than this many seconds of dead air.") var deadAirOver: Double?
    @Option(name: .customLong("hold-over"), help: "Calls with more than this many seconds of hold.") var holdOver: Double?
    @Option(name: .customLong("overtalk-over"), help: "Calls with more than this many seconds of overtalk.") var overtalkOver: Double?
    @Flag(help: "Print the list as CSV.") var csv = false

    var isSet: Bool {
        from != nil || to != nil || department != nil || category != nil || tag != nil || direction != nil || minDuration != nil
            || maxDuration != nil || deadAirOver != nil || holdOver != nil || overtalkOver != nil
    }

    /// The page of calls the user may list that match; nil when no filter is set (the plain listing applies).
    func calls(_ access: CommandAccess, agent: String?, team: String?, limit: Int, offset: Int) throws -> [Call]? {
        guard isSet else { return nil }
        let calendar = ReportCalendar(zone: DisplayTime.zone)
        func day(_ text: String?, _ name: String) throws -> Date? {
            guard let text else { return nil }
            guard let date = calendar.start(ofDay: text) else { throw CLIError("--\(name) \(text) is not a yyyy-MM-dd date") }
            return date
        }
        var search = CallSearch(since: try day(from, "from"), until: try day(to, "to")?.addingTimeInterval(86_400), agentID: agent,
                                team: team, department: department, category: category, tag: tag, direction: direction,
                                minDurationS: minDuration, maxDurationS: maxDuration, deadAirOverS: deadAirOver, holdOverS: holdOver,
                                overtalkOverS: overtalkOver, limit: limit, offset: offset)
        switch access.guardian.scope(access.session, .listCalls) {
        case .all: break
        case .none: search.scopeTeams = []
        case .limited(let teams, let user):
            search.scopeTeams = teams
            search.assignedTo = user
        }
        return try access.catalog.searchCallIDs(search).compactMap { try access.catalog.call(id: $0) }
    }

    func printCSV(_ calls: [Call]) {
        let table = ReportTable(name: "calls", header: ["id", "start", "duration_s", "agent", "team", "department", "category", "direction", "tags", "layout", "flags"],
                                rows: calls.map { c in
                                    [c.id.rawValue, c.metadata.startTime.map(DisplayTime.full) ?? "", String(format: "%.2f", c.durationSeconds),
                                     c.metadata.agentID ?? "", c.metadata.team ?? "", c.metadata.department ?? "", c.metadata.category ?? "",
                                     c.metadata.direction.rawValue, c.metadata.tags.joined(separator: ";"), c.layout.rawValue,
                                     c.flags.map(\.rawValue).joined(separator: ";")]
                                })
        FileHandle.standardOutput.write(Data(table.csv.utf8))
    }
}

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

    /// The request in the words the CLI and the web API share (`CallFilter`).
    func filter(agent: String?, team: String?, limit: Int, offset: Int) -> CallFilter {
        var f = CallFilter()
        (f.from, f.to, f.agent, f.team, f.department, f.category, f.tag, f.direction) = (from, to, agent, team, department, category, tag, direction)
        (f.minDuration, f.maxDuration, f.deadAirOver, f.holdOver, f.overtalkOver) = (minDuration, maxDuration, deadAirOver, holdOver, overtalkOver)
        (f.limit, f.offset) = (limit, offset)
        return f
    }

    /// The page of calls the user may list that match: with a filter beyond agent and team, one indexed query with the
    /// user's scope in SQL; else the plain listing.
    func calls(_ access: CommandAccess, _ filter: CallFilter) throws -> [Call] {
        let finder = CallFinder(catalog: access.catalog, scope: access.guardian.scope(access.session, .listCalls),
                                calendar: ReportCalendar(zone: DisplayTime.zone))
        do { return try finder.calls(filter) } catch let error as CallFilterError { throw CLIError("--" + error.message) }
    }

    static func table(_ rows: [CallListRow]) -> ReportTable {
        ReportTable(name: "calls", header: ["id", "start", "duration_s", "agent", "team", "department", "category", "direction", "tags", "layout", "flags"],
                    rows: rows.map { c in
                        [c.id, c.startTime.map(DisplayTime.full) ?? "", String(format: "%.2f", c.durationS), c.agentID ?? "", c.team ?? "",
                         c.department ?? "", c.category ?? "", c.direction, c.tags.joined(separator: ";"), c.layout, c.flags.joined(separator: ";")]
                    })
    }

    func printCSV(_ rows: [CallListRow]) {
        FileHandle.standardOutput.write(Data(Self.table(rows).csv.utf8))
    }
}

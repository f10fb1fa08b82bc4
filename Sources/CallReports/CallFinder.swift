import CallCatalog
import CallModel
import Foundation

/// A `calls list` request in words the CLI and the web API share: the parameter names are the CLI's flags
/// (`from`, `to`, `agent`, `team`, `department`, `category`, `tag`, `direction`, `min-duration`, `max-duration`,
/// `dead-air-over`, `hold-over`, `overtalk-over`, `limit`, `offset`).
public struct CallFilter: Sendable, Equatable {
    public var from: String?
    public var to: String?
    public var agent: String?
    public var team: String?
    public var department: String?
    public var category: String?
    public var tag: String?
    public var direction: String?
    public var minDuration: Double?
    public var maxDuration: Double?
    public var deadAirOver: Double?
    public var holdOver: Double?
    public var overtalkOver: Double?
    public var limit: Int = 200
    public var offset: Int = 0

    public init() {}

    /// Anything beyond agent and team: the indexed search (scope in SQL) instead of the plain listing.
    public var isSearch: Bool {
        from != nil || to != nil || department != nil || category != nil || tag != nil || direction != nil || minDuration != nil
            || maxDuration != nil || deadAirOver != nil || holdOver != nil || overtalkOver != nil
    }

    static var textNames: [(String, WritableKeyPath<CallFilter, String?>)] { [
        ("from", \.from), ("to", \.to), ("agent", \.agent), ("team", \.team), ("department", \.department),
        ("category", \.category), ("tag", \.tag), ("direction", \.direction),
    ] }
    static var numberNames: [(String, WritableKeyPath<CallFilter, Double?>)] { [
        ("min-duration", \.minDuration), ("max-duration", \.maxDuration), ("dead-air-over", \.deadAirOver),
        ("hold-over", \.holdOver), ("overtalk-over", \.overtalkOver),
    ] }

    /// The filter as query parameters (for `--server`).
    public var parameters: [(String, String)] {
        Self.textNames.compactMap { name, path in self[keyPath: path].map { (name, $0) } }
            + Self.numberNames.compactMap { name, path in self[keyPath: path].map { (name, String($0)) } }
            + [("limit", String(limit)), ("offset", String(offset))]
    }

    /// Reads query parameters; a number that is not one, or a limit outside 1...1000, is refused by name.
    public init(parameters: [String: String]) throws {
        for (name, path) in Self.textNames {
            if let value = parameters[name], !value.isEmpty {
                guard value.utf8.count <= 100 else { throw CallFilterError("\(name) is too long") }
                self[keyPath: path] = value
            }
        }
        for (name, path) in Self.numberNames {
            if let value = parameters[name], !value.isEmpty {
                guard let number = Double(value), number.isFinite, number >= 0 else { throw CallFilterError("\(name) must be a number of seconds") }
                self[keyPath: path] = number
            }
        }
        if let value = parameters["limit"] {
            guard let n = Int(value), (1...1000).contains(n) else { throw CallFilterError("limit must be 1 to 1000") }
            limit = n
        }
        if let value = parameters["offset"] {
            guard let n = Int(value), n >= 0 else { throw CallFilterError("offset must be 0 or more") }
            offset = n
        }
    }
}

/// A filter the user got wrong (a date that is not yyyy-MM-dd, a bad number): what to fix.
public struct CallFilterError: Error, Sendable, CustomStringConvertible {
    public let message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// The calls a user may list that match a filter, a page at a time, for `calls list` and the web API: every call,
/// or those of the user's teams and those the QA queue assigned to them.
public struct CallFinder: Sendable {
    let catalog: Catalog
    let scope: CallScope
    let calendar: ReportCalendar

    public init(catalog: Catalog, scope: CallScope, calendar: ReportCalendar) {
        self.catalog = catalog
        self.scope = scope
        self.calendar = calendar
    }

    public func calls(_ filter: CallFilter) throws -> [Call] {
        guard filter.isSearch else { return try listing(CallQuery(agentID: filter.agent, team: filter.team, limit: filter.limit, offset: filter.offset)) }
        func day(_ text: String?, _ name: String) throws -> Date? {
            guard let text else { return nil }
            guard let date = calendar.start(ofDay: text) else { throw CallFilterError("\(name) \(text) is not a yyyy-MM-dd date") }
            return date
        }
        var search = CallSearch(since: try day(filter.from, "from"), until: try day(filter.to, "to")?.addingTimeInterval(86_400),
                                agentID: filter.agent, team: filter.team, department: filter.department, category: filter.category,
                                tag: filter.tag, direction: filter.direction, minDurationS: filter.minDuration,
                                maxDurationS: filter.maxDuration, deadAirOverS: filter.deadAirOver, holdOverS: filter.holdOver,
                                overtalkOverS: filter.overtalkOver, limit: filter.limit, offset: filter.offset)
        switch scope {
        case .all: break
        case .none: search.scopeTeams = []
        case .limited(let teams, let user):
            search.scopeTeams = teams
            search.assignedTo = user
        }
        return try catalog.searchCallIDs(search).compactMap { try catalog.call(id: $0) }
    }

    /// The plain listing (oldest first): all calls, or the page of those the scope admits.
    func listing(_ query: CallQuery) throws -> [Call] {
        if case .all = scope { return try catalog.calls(query) }
        var shown: [Call] = []
        var skipped = 0
        var page = query
        page.offset = 0
        page.limit = 500
        while shown.count < query.limit {
            let batch = try catalog.calls(page)
            for call in batch {
                guard let context = try catalog.callContext(callID: call.id), scope.admits(context) else { continue }
                if skipped < query.offset { skipped += 1; continue }
                shown.append(call)
                if shown.count == query.limit { break }
            }
            if batch.count < page.limit { break }
            page.offset += page.limit
        }
        return shown
    }
}

/// One call as a listing shows it (no caller number): the web API's rows, which `calls list --server` prints.
public struct CallListRow: Codable, Sendable, Equatable {
    public var id: String
    public var startTime: Date?
    public var durationS: Double
    public var agentID: String?
    public var team: String?
    public var department: String?
    public var category: String?
    public var direction: String
    public var tags: [String]
    public var layout: String
    public var flags: [String]

    public init(_ call: Call) {
        id = call.id.rawValue
        startTime = call.metadata.startTime
        durationS = call.durationSeconds
        agentID = call.metadata.agentID
        team = call.metadata.team
        department = call.metadata.department
        category = call.metadata.category
        direction = call.metadata.direction.rawValue
        tags = call.metadata.tags
        layout = call.layout.rawValue
        flags = call.flags.map(\.rawValue)
    }

    enum CodingKeys: String, CodingKey {
        case id, startTime = "start_time", durationS = "duration_s", agentID = "agent_id", team, department, category
        case direction, tags, layout, flags
    }
}

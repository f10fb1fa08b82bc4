import CallModel
import Foundation
import GRDB

/// Filters of `calls list` (the consultation case database of the Bucheon ordinance, art. 4), with the caller's
/// scope applied in SQL so that paging is exact.
public struct CallSearch: Sendable, Equatable {
    public var since: Date?
    public var until: Date?
    public var agentID: String?
    public var team: String?
    public var department: String?
    public var category: String?
    public var tag: String?
    public var direction: String?
    public var minDurationS: Double?
    public var maxDurationS: Double?
    /// Calls with more dead air (seconds, summed) than this.
    public var deadAirOverS: Double?
    public var holdOverS: Double?
    public var overtalkOverS: Double?
    /// Only calls of these teams (a supervisor's scope) or assigned to `assignedTo` (an evaluator's); nil = all.
    public var scopeTeams: Set<String>?
    public var assignedTo: String?
    public var limit: Int
    public var offset: Int

    public init(since: Date? = nil, until: Date? = nil, agentID: String? = nil, team: String? = nil, department: String? = nil,
                category: String? = nil, tag: String? = nil, direction: String? = nil, minDurationS: Double? = nil,
                maxDurationS: Double? = nil, deadAirOverS: Double? = nil, holdOverS: Double? = nil, overtalkOverS: Double? = nil,
                scopeTeams: Set<String>? = nil, assignedTo: String? = nil, limit: Int = 200, offset: Int = 0) {
        self.since = since
        self.until = until
        self.agentID = agentID
        self.team = team
        self.department = department
        self.category = category
        self.tag = tag
        self.direction = direction
        self.minDurationS = minDurationS
        self.maxDurationS = maxDurationS
        self.deadAirOverS = deadAirOverS
        self.holdOverS = holdOverS
        self.overtalkOverS = overtalkOverS
        self.scopeTeams = scopeTeams
        self.assignedTo = assignedTo
        self.limit = limit
        self.offset = offset
    }
}

extension Catalog {
    /// Ids of the calls matching `search`, oldest first (calls without a start time last), one page.
    public func searchCallIDs(_ search: CallSearch) throws -> [CallID] {
        try read { db in
            var clauses: [String] = []
            var arguments: StatementArguments = []
            func add(_ sql: String, _ value: (any DatabaseValueConvertible)?) {
                guard let value else { return }
                clauses.append(sql)
                arguments += [value]
            }
            add("c.started_at >= ?", search.since.map(CatalogDates.string))
            add("c.started_at < ?", search.until.map(CatalogDates.string))
            add("c.agent_id = ?", search.agentID)
            add("c.team = ?", search.team)
            add("c.department = ?", search.department)
            add("c.category = ?", search.category)
            add("EXISTS (SELECT 1 FROM json_each(c.tags) WHERE json_each.value = ?)", search.tag)
            add("c.direction = ?", search.direction)
            add("c.duration_s >= ?", search.minDurationS)
            add("c.duration_s <= ?", search.maxDurationS)
            add("m.dead_air_s > ?", search.deadAirOverS)
            add("m.hold_s > ?", search.holdOverS)
            add("COALESCE(m.overtalk_s, 0) > ?", search.overtalkOverS)
            if search.scopeTeams != nil || search.assignedTo != nil {
                var either: [String] = []
                if let teams = search.scopeTeams, !teams.isEmpty {
                    either.append("c.team IN (\(databaseQuestionMarks(count: teams.count)))")
                    arguments += StatementArguments(teams.sorted())
                }
                if let user = search.assignedTo {
                    either.append("c.id IN (SELECT call_id FROM call_assignment WHERE username = ?)")
                    arguments += [user]
                }
                clauses.append(either.isEmpty ? "0" : "(" + either.joined(separator: " OR ") + ")")
            }
            let needsMetrics = search.deadAirOverS != nil || search.holdOverS != nil || search.overtalkOverS != nil
            let join = needsMetrics ? "JOIN call_metrics m ON m.call_id = c.id" : ""
            let whereSQL = clauses.isEmpty ? "" : "WHERE " + clauses.joined(separator: " AND ")
            arguments += [search.limit, search.offset]
            return try CallID.fetchAll(db, sql: """
                SELECT c.id FROM call c \(join) \(whereSQL)
                ORDER BY c.started_at IS NULL, c.started_at, c.id LIMIT ? OFFSET ?
                """, arguments: arguments)
        }
    }
}

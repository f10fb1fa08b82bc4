import CallModel
import Foundation
import GRDB

/// How many calls a team has, split by the metadata format that named it (or did not).
public struct TeamCallCount: Codable, Sendable, Equatable {
    /// The call's team; nil when the metadata named none.
    public var team: String?
    public var metadataFormat: MetadataFormat
    public var calls: Int

    public init(team: String?, metadataFormat: MetadataFormat, calls: Int) {
        self.team = team
        self.metadataFormat = metadataFormat
        self.calls = calls
    }

    enum CodingKeys: String, CodingKey {
        case team, metadataFormat = "metadata_format", calls
    }
}

extension Catalog {
    /// Calls per team and metadata format under the query's agent, team and time filters (its limit and offset
    /// are ignored): what a listing scoped to some teams leaves out, and why (`calls list`'s footer).
    public func callCountsByTeam(_ query: CallQuery = CallQuery()) throws -> [TeamCallCount] {
        try read { db in
            var clauses: [String] = []
            var arguments: StatementArguments = []
            if let agent = query.agentID { clauses.append("agent_id = ?"); arguments += [agent] }
            if let team = query.team { clauses.append("team = ?"); arguments += [team] }
            if let since = query.since { clauses.append("started_at >= ?"); arguments += [CatalogDates.string(since)] }
            if let until = query.until { clauses.append("started_at < ?"); arguments += [CatalogDates.string(until)] }
            let whereSQL = clauses.isEmpty ? "" : "WHERE " + clauses.joined(separator: " AND ")
            let rows = try Row.fetchAll(db, sql: """
                SELECT team, metadata_format, COUNT(*) AS n FROM call \(whereSQL)
                GROUP BY team, metadata_format ORDER BY team, metadata_format
                """, arguments: arguments)
            return rows.map { row in
                TeamCallCount(team: row["team"], metadataFormat: MetadataFormat(rawValue: row["metadata_format"]) ?? .none,
                              calls: row["n"])
            }
        }
    }
}

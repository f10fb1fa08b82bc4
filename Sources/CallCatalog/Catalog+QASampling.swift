import CallModel
import Foundation
import GRDB

/// A call a sampling plan picked, and its place in the QA queue.
public struct QASampleRecord: Codable, Sendable, Equatable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "qa_sample"
    public enum State: String, Codable, Sendable { case queued, claimed, submitted }

    public var id: Int64?
    public var plan: String
    public var period: String
    public var callID: String
    public var agentID: String
    public var team: String?
    public var targeted: Bool
    public var reason: String
    public var rubricVersion: String
    public var sampledAt: String
    public var sampledBy: String
    public var state: State
    public var claimedBy: String?
    public var leaseExpiresAt: String?

    public init(plan: String, period: String, callID: String, agentID: String, team: String?, targeted: Bool, reason: String,
                rubricVersion: String, sampledAt: Date, sampledBy: String) {
        self.plan = plan
        self.period = period
        self.callID = callID
        self.agentID = agentID
        self.team = team
        self.targeted = targeted
        self.reason = reason
        self.rubricVersion = rubricVersion
        self.sampledAt = CatalogDates.string(sampledAt)
        self.sampledBy = sampledBy
        self.state = .queued
    }

    public var leaseExpiry: Date? { CatalogDates.date(leaseExpiresAt) }

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }

    enum CodingKeys: String, CodingKey {
        case id, plan, period, callID = "call_id", agentID = "agent_id", team, targeted, reason, rubricVersion = "rubric_version"
        case sampledAt = "sampled_at", sampledBy = "sampled_by", state, claimedBy = "claimed_by", leaseExpiresAt = "lease_expires_at"
    }
}

/// What sampling reads of a call: metadata and stored metrics, never the caller number.
public struct QACandidateRow: Sendable, Equatable {
    public var callID: String
    public var agentID: String
    public var team: String?
    public var category: String?
    public var tags: [String]
    public var startedAt: Date
    public var durationS: Double
    public var deadAirS: Double?
    public var holdS: Double?
    public var overtalkS: Double?
    public var transfers: Int
    /// Purged, or under a legal hold that is not released.
    public var unavailable: Bool
}

extension Catalog {
    /// Calls with an agent that started in [from, to), with their stored metrics, for a sampling plan. `teams`
    /// limits them to those teams (a supervisor samples their own teams only).
    public func qaCandidates(from: Date, to: Date, teams: Set<String>? = nil) throws -> [QACandidateRow] {
        try read { db in
            // Calls under a legal hold not released: read once as a set (a few), not probed per call.
            let held = Set(try String.fetchAll(db, sql: """
                SELECT hc.call_id FROM legal_hold_call hc JOIN legal_hold h ON h.id = hc.hold_id WHERE h.released_at IS NULL
                """))
            var sql = """
                SELECT c.id, c.agent_id, c.team, c.category, c.tags, CAST(strftime('%s', c.started_at) AS INTEGER), c.duration_s,
                       c.purged_at IS NOT NULL, m.dead_air_s, m.hold_s, m.overtalk_s,
                       (SELECT COUNT(*) FROM call_event e WHERE e.call_id = c.id AND e.kind = 'transfer')
                FROM call c INDEXED BY call_started_at LEFT JOIN call_metrics m ON m.call_id = c.id
                WHERE c.started_at >= ? AND c.started_at < ? AND c.agent_id IS NOT NULL
                """
            var arguments: StatementArguments = [CatalogDates.string(from), CatalogDates.string(to)]
            if let teams {
                sql += " AND c.team IN (\(teams.map { _ in "?" }.joined(separator: ",")))"
                for team in teams.sorted() { arguments += [team] }
                if teams.isEmpty { sql += " AND 0" }
            }
            // A cursor with columns by position: 400,000 rows by name cost seconds (Benchmarks/QA.md).
            var result: [QACandidateRow] = []
            let rows = try Row.fetchCursor(db, sql: sql, arguments: arguments)
            while let r = try rows.next() {
                // Seconds from SQLite (parsing 400,000 ISO strings in Swift costs seconds); tags decoded only when present.
                guard let startedS = r[5] as Int64? else { continue }
                let id: String = r[0], tagsText: String = r[4], purged: Bool = r[7]
                result.append(QACandidateRow(
                    callID: id, agentID: r[1], team: r[2], category: r[3],
                    tags: tagsText == "[]" ? [] : try CatalogJSON.decode([String].self, tagsText, what: "tags of a call"),
                    startedAt: Date(timeIntervalSince1970: Double(startedS)), durationS: r[6], deadAirS: r[8], holdS: r[9],
                    overtalkS: r[10], transfers: r[11], unavailable: purged || held.contains(id)))
            }
            return result
        }
    }

    /// A plan's samples of one period (or of every period when nil).
    public func qaSamples(plan: String, period: String? = nil) throws -> [QASampleRecord] {
        try read { db in
            var request = QASampleRecord.filter(Column("plan") == plan)
            if let period { request = request.filter(Column("period") == period) }
            return try request.order(Column("id")).fetchAll(db)
        }
    }

    /// Call ids a plan ever sampled (a call is never sampled twice for a plan).
    public func qaSampledCallIDs(plan: String) throws -> Set<String> {
        try read { db in Set(try String.fetchAll(db, sql: "SELECT call_id FROM qa_sample WHERE plan = ?", arguments: [plan])) }
    }

    /// Adds samples in one transaction with their audit entry (written even when nothing was new: the run is a QA step); a
    /// call the plan sampled already is skipped.
    /// Returns the rows inserted.
    public func addQASamples(_ samples: [QASampleRecord], audit: AuditDraft?) throws -> [QASampleRecord] {
        try write { db in
            var inserted: [QASampleRecord] = []
            for var sample in samples {
                let known = try Bool.fetchOne(db, sql: "SELECT 1 FROM qa_sample WHERE plan = ? AND call_id = ?",
                                              arguments: [sample.plan, sample.callID]) ?? false
                if known { continue }
                try sample.insert(db)
                inserted.append(sample)
            }
            if let audit { try appendAudit(audit, in: db) }
            return inserted
        }
    }

    public func qaSample(id: Int64) throws -> QASampleRecord? {
        try read { db in try QASampleRecord.fetchOne(db, key: id) }
    }

    /// The sample of a call (the newest, when several plans sampled it).
    public func qaSample(callID: String) throws -> QASampleRecord? {
        try read { db in try QASampleRecord.filter(Column("call_id") == callID).order(Column("id").desc).fetchOne(db) }
    }
}

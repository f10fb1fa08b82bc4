import CallModel
import Foundation
import GRDB

/// What committing a call did.
public enum CommitOutcome: Sendable, Equatable {
    case inserted
    /// A call with the same source hash was already committed (by an earlier or concurrent run).
    case alreadyPresent(callID: CallID)
}

/// Filters for listing calls.
public struct CallQuery: Sendable {
    public var agentID: String?
    public var team: String?
    public var since: Date?
    public var until: Date?
    public var limit: Int
    public var offset: Int

    public init(agentID: String? = nil, team: String? = nil, since: Date? = nil, until: Date? = nil, limit: Int = 100, offset: Int = 0) {
        self.agentID = agentID
        self.team = team
        self.since = since
        self.until = until
        self.limit = limit
        self.offset = offset
    }
}

extension Catalog {
    /// The id of the call whose source audio has this hash, if it is cataloged.
    public func callID(sourceSHA256: String) throws -> CallID? {
        try read { db in
            try CallID.fetchOne(db, sql: "SELECT id FROM call WHERE source_sha256 = ?", arguments: [sourceSHA256])
        }
    }

    /// Commits a call, its legs, its events, its metrics, its archive's wrapped data key, its retention class and
    /// expiry (`RetentionPolicy.evaluate`) and its audit entry in one transaction; the call becomes visible all at
    /// once or not at all. The audit entry (its call id defaults to the call's) is written only when the call is
    /// inserted, not when it was already present. A call committed without `retention` is never purged until
    /// `extendRetention(policy:...)` gives it a class.
    /// A call whose metadata names an agent but no team takes the team (and department, when missing) the agent
    /// directory gives the agent on the call's local day in `centerZone`, in the same transaction, with its own
    /// `agent-directory-team` audit entry (as `agents apply` does for calls stored before the directory).
    public func commit(_ call: Call, analysis: CallAnalysis? = nil, analyzerVersion: String = NokchwiVersion.current,
                       archiveKey: ArchiveKeyRecord? = nil, retention: RetentionAssignment? = nil,
                       retentionPolicy: RetentionPolicy? = nil, audit: AuditDraft? = nil,
                       centerZone: TimeZone = CenterTime.defaultZone,
                       sealedPersonal: SealedPersonalRecord? = nil) throws -> CommitOutcome {
        try write { db in
            if let existing = try CallID.fetchOne(db, sql: "SELECT id FROM call WHERE source_sha256 = ?", arguments: [call.sourceSHA256]) {
                return .alreadyPresent(callID: existing)
            }
            var record = CallRecord(call)
            let directoryTeam = try Self.directoryTeam(for: record, zone: centerZone, in: db)
            if let directoryTeam {
                record.team = directoryTeam.team
                record.department = record.department ?? directoryTeam.department
            }
            var events = call.metadata.events.map { CallEventRecord($0, callID: call.id) }
            if let sealedPersonal { try Self.applySealed(sealedPersonal, to: &record, events: &events) }
            try record.insert(db)
            for leg in call.legs { try LegRecord(leg, callID: call.id).insert(db) }
            for event in events { try event.insert(db) }
            if let analysis {
                try CallMetricsRecord(analysis, callID: call.id, analyzerVersion: analyzerVersion).insert(db)
            }
            if let archiveKey {
                try Self.insertArchiveKey(archiveKey, callID: call.id, at: call.ingestedAt, in: db)
            }
            if let retention {
                try Self.storeRetention(retention, policy: retentionPolicy, callID: call.id, in: db)
            }
            if var audit {
                audit.callID = audit.callID ?? call.id
                try appendAudit(audit, in: db)
            }
            if let directoryTeam {
                try appendAudit(AuditDraft(at: audit?.at ?? call.ingestedAt, account: audit?.account ?? "nokchwi", sourceAddress: audit?.sourceAddress ?? "local",
                                           action: AuditAction("agent-directory-team"), callID: call.id,
                                           detail: ["team": directoryTeam.team, "source": "agent-directory", "at": "ingest"]), in: db)
            }
            try commitHook?(call.id.rawValue)  // every row written, COMMIT not yet run
            return .inserted
        }
    }

    /// The call's talk metrics and segment timeline, when it was analysed; throws `corrupt` when the stored analysis
    /// no longer decodes.
    public func analysis(callID: CallID) throws -> CallAnalysis? {
        try read { db in try CallMetricsRecord.fetchOne(db, key: callID)?.analysis() }
    }

    public func call(id: CallID) throws -> Call? {
        try read { db in try CallRecord.fetchOne(db, key: id).map { try Self.call($0, db) } }
    }

    /// A call row with its legs and events.
    static func call(_ record: CallRecord, _ db: Database) throws -> Call {
        let legs = try LegRecord.filter(Column("call_id") == record.id).order(Column("leg_index")).fetchAll(db)
        let events = try CallEventRecord.filter(Column("call_id") == record.id).order(Column("start_s"), Column("id")).fetchAll(db)
        return try record.call(legs: legs, events: events)
    }

    public func calls(_ query: CallQuery = CallQuery()) throws -> [Call] {
        try read { db in
            var clauses: [String] = []
            var arguments: StatementArguments = []
            if let agent = query.agentID { clauses.append("agent_id = ?"); arguments += [agent] }
            if let team = query.team { clauses.append("team = ?"); arguments += [team] }
            if let since = query.since { clauses.append("started_at >= ?"); arguments += [CatalogDates.string(since)] }
            if let until = query.until { clauses.append("started_at < ?"); arguments += [CatalogDates.string(until)] }
            let whereSQL = clauses.isEmpty ? "" : "WHERE " + clauses.joined(separator: " AND ")
            arguments += [query.limit, query.offset]
            let rows = try CallRecord.fetchAll(db, sql: "SELECT * FROM call \(whereSQL) ORDER BY started_at IS NULL, started_at, id LIMIT ? OFFSET ?", arguments: arguments)
            return try rows.map { try Self.call($0, db) }
        }
    }

    public func callCount() throws -> Int {
        try read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM call") ?? 0 }
    }
}

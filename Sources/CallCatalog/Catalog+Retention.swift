import CallModel
import Foundation
import GRDB

/// A call's retention as the catalog keeps it (`nokchwi calls show`, `holds list`).
public struct CallRetentionStatus: Codable, Sendable, Equatable {
    public var callID: CallID
    /// Nil for a call cataloged before retention existed (or committed without an assignment): never purged.
    public var retentionClass: String?
    public var expiresAt: Date?
    public var purgedAt: Date?
    /// Ids of the legal holds that keep the call now.
    public var activeHoldIDs: [Int64]

    enum CodingKeys: String, CodingKey {
        case callID = "call_id", retentionClass = "retention_class", expiresAt = "expires_at", purgedAt = "purged_at"
        case activeHoldIDs = "active_hold_ids"
    }
}

/// A call whose retention has expired, not held and not destroyed: what `nokchwi purge --dry-run` lists.
public struct ExpiredCall: Codable, Sendable, Equatable {
    public var callID: CallID
    public var retentionClass: String
    public var expiresAt: Date
    public var startedAt: Date?
    public var ingestedAt: Date
    public var archivePath: String
    public var archiveFormat: ArchiveRef.ArchiveFormat
    public var archiveBytes: Int64

    enum CodingKeys: String, CodingKey {
        case callID = "call_id", retentionClass = "retention_class", expiresAt = "expires_at", startedAt = "started_at"
        case ingestedAt = "ingested_at", archivePath = "archive_path", archiveFormat = "archive_format"
        case archiveBytes = "archive_bytes"
    }
}

/// What `extendRetention` changed.
public struct RetentionUpdate: Codable, Sendable, Equatable {
    /// Calls that had no retention class and got one.
    public var assigned: Int
    /// Calls whose expiry moved later.
    public var extended: Int
    /// Calls whose stored expiry is already as late or later (never shortened).
    public var unchanged: Int
    public var policySHA256: String

    public var changed: Int { assigned + extended }

    enum CodingKeys: String, CodingKey { case assigned, extended, unchanged, policySHA256 = "policy_sha256" }
}

extension Catalog {
    /// SQL condition: the `call` row is under an active (unreleased) legal hold.
    static let heldSQL = """
        EXISTS (SELECT 1 FROM legal_hold_call hc JOIN legal_hold h ON h.id = hc.hold_id
                WHERE hc.call_id = call.id AND h.released_at IS NULL)
        """
    /// SQL condition (one argument: the clock reading): the `call` row is due for destruction.
    static let dueSQL = """
        call.purged_at IS NULL AND call.expires_at IS NOT NULL AND call.expires_at <= ? AND NOT \(heldSQL)
        """

    /// Stores a call's class and expiry and, when known, the policy that assigned them (kept once per policy in
    /// `retention_policy`, so a destruction certificate records the policy actually applied).
    static func storeRetention(_ assignment: RetentionAssignment, policy: RetentionPolicy?, callID: CallID, in db: Database) throws {
        var sha: String?
        if let policy {
            sha = policy.snapshotSHA256
            try db.execute(sql: "INSERT OR IGNORE INTO retention_policy (sha256, policy_json, first_applied_at) VALUES (?, ?, ?)",
                           arguments: [sha, policy.snapshotJSON, CatalogDates.string(Date())])
        }
        try db.execute(sql: "UPDATE call SET retention_class = ?, expires_at = ?, retention_policy_sha256 = ? WHERE id = ?",
                       arguments: [assignment.className, CatalogDates.string(assignment.expiresAt), sha, callID])
    }

    /// The policies recorded under these SHA-256s (those that assigned calls their class).
    public func retentionPolicies(sha256s: Set<String>) throws -> [String: RetentionPolicy] {
        try read { db in
            var result: [String: RetentionPolicy] = [:]
            for sha in sha256s.sorted() {
                guard let json = try String.fetchOne(db, sql: "SELECT policy_json FROM retention_policy WHERE sha256 = ?", arguments: [sha]) else { continue }
                result[sha] = try CatalogJSON.decode(RetentionPolicy.self, json, what: "a recorded retention policy")
            }
            return result
        }
    }

    /// Applies `policy` to every stored call that is not destroyed: a call without a class gets one; a call whose
    /// expiry the policy puts later is extended (class and expiry); an expiry is never moved earlier. Works in pages
    /// of `pageSize` calls, one transaction each (ingest is never blocked for long), then appends one `policy-change`
    /// audit entry with the counts. Safe to rerun: a run killed half-way is finished by the next.
    public func extendRetention(policy: RetentionPolicy, at date: Date, by account: String, from sourceAddress: String,
                                reason: String, pageSize: Int = 500) throws -> RetentionUpdate {
        if let problem = policy.validationProblem() {
            throw CatalogError(.invalidValue, "the retention policy is invalid (retention.\(problem)); nothing was changed")
        }
        guard !reason.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw CatalogError(.invalidValue, "a retention policy change must state a reason; nothing was changed")
        }
        var update = RetentionUpdate(assigned: 0, extended: 0, unchanged: 0, policySHA256: policy.snapshotSHA256)
        var after = ""
        while true {
            let (count, last) = try write { db -> (Int, String) in
                let rows = try Row.fetchAll(db, sql: """
                    SELECT id, category, department, tags, started_at, ingested_at, expires_at FROM call
                    WHERE purged_at IS NULL AND NOT \(Self.beingDestroyedSQL) AND id > ? ORDER BY id LIMIT ?
                    """, arguments: [after, max(1, pageSize)])
                for row in rows {
                    let metadata = CallMetadata(department: row["department"], category: row["category"],
                                                tags: try CatalogJSON.decode([String].self, row["tags"] as String, what: "tags of a call"))
                    let start = CatalogDates.date(row["started_at"]) ?? CatalogDates.date(row["ingested_at"]) ?? Date()
                    let assignment = policy.evaluate(metadata: metadata, start: start)
                    let stored = CatalogDates.date(row["expires_at"])
                    if stored == nil {
                        update.assigned += 1
                    } else if let stored, assignment.expiresAt > stored {
                        update.extended += 1
                    } else {
                        update.unchanged += 1
                        continue
                    }
                    try Self.storeRetention(assignment, policy: policy, callID: row["id"], in: db)
                }
                return (rows.count, (rows.last?["id"] as String?) ?? after)
            }
            after = last
            if count < max(1, pageSize) { break }
        }
        try appendAudit(AuditDraft(
            at: date, account: account, sourceAddress: sourceAddress, action: .policyChange, reason: reason,
            detail: ["policy_sha256": update.policySHA256, "assigned": String(update.assigned),
                     "extended": String(update.extended), "unchanged": String(update.unchanged)]))
        return update
    }

    /// The retention of one call; nil when the call is not cataloged.
    public func retentionStatus(callID: CallID) throws -> CallRetentionStatus? {
        try read { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT retention_class, expires_at, purged_at FROM call WHERE id = ?",
                                             arguments: [callID]) else { return nil }
            let holds = try Int64.fetchAll(db, sql: """
                SELECT h.id FROM legal_hold h JOIN legal_hold_call hc ON hc.hold_id = h.id
                WHERE hc.call_id = ? AND h.released_at IS NULL ORDER BY h.id
                """, arguments: [callID])
            return CallRetentionStatus(callID: callID, retentionClass: row["retention_class"],
                                       expiresAt: CatalogDates.date(row["expires_at"]),
                                       purgedAt: CatalogDates.date(row["purged_at"]), activeHoldIDs: holds)
        }
    }

    /// Calls due for destruction at `asOf` (stored expiry at or before it, no active legal hold, not destroyed), in
    /// call-id order after `afterCallID`: pages of the dry-run list.
    public func expiredCalls(asOf: Date, afterCallID: CallID = "", limit: Int = 1000) throws -> [ExpiredCall] {
        try read { db in
            try Row.fetchAll(db, sql: """
                SELECT id, retention_class, expires_at, started_at, ingested_at, archive_path, archive_format, archive_bytes
                FROM call WHERE \(Self.dueSQL) AND id > ? ORDER BY id LIMIT ?
                """, arguments: [CatalogDates.string(asOf), afterCallID, max(0, limit)]).map { r in
                ExpiredCall(callID: r["id"], retentionClass: r["retention_class"] ?? "",
                            expiresAt: CatalogDates.date(r["expires_at"]) ?? .distantFuture,
                            startedAt: CatalogDates.date(r["started_at"]),
                            ingestedAt: CatalogDates.date(r["ingested_at"]) ?? Date(timeIntervalSince1970: 0),
                            archivePath: r["archive_path"],
                            archiveFormat: ArchiveRef.ArchiveFormat(rawValue: r["archive_format"]) ?? .oggOpus,
                            archiveBytes: r["archive_bytes"])
            }
        }
    }

    /// How many calls would be due at `asOf` but are kept by an active legal hold.
    public func heldExpiredCount(asOf: Date) throws -> Int {
        try read { db in
            try Int.fetchOne(db, sql: """
                SELECT COUNT(*) FROM call WHERE purged_at IS NULL AND expires_at IS NOT NULL AND expires_at <= ?
                AND \(Self.heldSQL)
                """, arguments: [CatalogDates.string(asOf)]) ?? 0
        }
    }

    /// The latest time the catalog has recorded anywhere (audit entries, ingests, pipeline and purge runs, holds,
    /// tombstones); nil for an empty catalog. A clock reading earlier than this has jumped backwards.
    public func newestTimestamp() throws -> Date? {
        try read { db in
            var dates: [Date] = []
            if let at = try String.fetchOne(db, sql: "SELECT MAX(at) FROM audit_entry"), let date = AuditTimestamp.date(at) {
                dates.append(date)
            }
            let queries = [
                "SELECT MAX(ingested_at) FROM call", "SELECT MAX(started_at) FROM pipeline_run",
                "SELECT MAX(finished_at) FROM pipeline_run", "SELECT MAX(started_at) FROM purge_run",
                "SELECT MAX(finished_at) FROM purge_run", "SELECT MAX(placed_at) FROM legal_hold",
                "SELECT MAX(released_at) FROM legal_hold", "SELECT MAX(purged_at) FROM tombstone",
                "SELECT MAX(file_deleted_at) FROM tombstone",
            ]
            for sql in queries {
                if let date = CatalogDates.date(try String.fetchOne(db, sql: sql)) { dates.append(date) }
            }
            return dates.max()
        }
    }
}

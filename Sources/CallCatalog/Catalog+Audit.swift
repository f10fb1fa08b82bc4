import CallModel
import Foundation
import GRDB

/// Filters for reading the audit trail.
public struct AuditQuery: Sendable, Equatable {
    public var account: String?
    public var callID: CallID?
    public var action: AuditAction?
    /// Entries at or after this time.
    public var since: Date?
    /// Entries strictly before this time.
    public var until: Date?
    /// Entries with a seq greater than this (paging forward).
    public var afterSeq: Int64?
    public var limit: Int
    /// Newest first (for `audit list`); oldest first otherwise.
    public var newestFirst: Bool

    public init(account: String? = nil, callID: CallID? = nil, action: AuditAction? = nil, since: Date? = nil,
                until: Date? = nil, afterSeq: Int64? = nil, limit: Int = 100, newestFirst: Bool = false) {
        self.account = account
        self.callID = callID
        self.action = action
        self.since = since
        self.until = until
        self.afterSeq = afterSeq
        self.limit = limit
        self.newestFirst = newestFirst
    }
}

extension Catalog {
    /// Appends an entry to the audit chain in its own write transaction and returns it with its seq and hashes.
    @discardableResult
    public func appendAudit(_ draft: AuditDraft) throws -> AuditEntry {
        try write { db in try appendAudit(draft, in: db) }
    }

    /// Appends an entry inside a write transaction the caller already holds, so that the entry commits (or rolls
    /// back) with the change it records. Phone numbers in the reason and detail values are masked.
    @discardableResult
    func appendAudit(_ draft: AuditDraft, in db: Database) throws -> AuditEntry {
        guard !draft.account.isEmpty, !draft.sourceAddress.isEmpty, !draft.action.rawValue.isEmpty else {
            throw CatalogError(.invalidValue, "an audit entry needs an account, a source address and an action")
        }
        let reason = draft.reason.map(PersonalDataRedactor.redact)
        if draft.action.requiresReason, (reason ?? "").trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            throw CatalogError(.invalidValue, "the action \(draft.action) must state a reason; nothing was recorded or changed")
        }
        let head = try Row.fetchOne(db, sql: "SELECT seq, hash FROM audit_entry ORDER BY seq DESC LIMIT 1")
        let headSeq = head.flatMap { Int64.fromDatabaseValue($0["seq"] as DatabaseValue) } ?? 0
        let headHash = head.map { String.fromDatabaseValue($0["hash"] as DatabaseValue) ?? AuditRow.invalid }
        var entry = AuditEntry(
            seq: headSeq + 1, at: AuditTimestamp.rounded(draft.at),
            account: draft.account, sourceAddress: draft.sourceAddress, action: draft.action, callID: draft.callID,
            reason: reason, detail: draft.detail.mapValues(PersonalDataRedactor.redact),
            prevHash: headHash ?? AuditEntry.genesisHash, hash: "")
        entry.hash = AuditChainHash.hash(of: entry)
        try AuditRow.insert(entry, into: db)
        return entry
    }

    /// The last entry of the chain (nil while it is empty).
    public func auditHead() throws -> AuditEntry? {
        try read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM audit_entry ORDER BY seq DESC LIMIT 1").map(AuditRow.entry)
        }
    }

    public func auditEntry(seq: Int64) throws -> AuditEntry? {
        try read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM audit_entry WHERE seq = ?", arguments: [seq]).map(AuditRow.entry)
        }
    }

    /// The next `limit` entries after `afterSeq`, in seq order: the verifier's page.
    public func auditEntries(afterSeq: Int64, limit: Int) throws -> [AuditEntry] {
        try auditEntries(AuditQuery(afterSeq: afterSeq, limit: limit))
    }

    public func auditEntries(_ query: AuditQuery) throws -> [AuditEntry] {
        try read { db in
            var clauses: [String] = []
            var arguments: StatementArguments = []
            if let account = query.account { clauses.append("account = ?"); arguments += [account] }
            if let callID = query.callID { clauses.append("call_id = ?"); arguments += [callID] }
            if let action = query.action { clauses.append("action = ?"); arguments += [action.rawValue] }
            if let since = query.since { clauses.append("at >= ?"); arguments += [AuditTimestamp.string(since)] }
            if let until = query.until { clauses.append("at < ?"); arguments += [AuditTimestamp.string(until)] }
            if let after = query.afterSeq { clauses.append("seq > ?"); arguments += [after] }
            let whereSQL = clauses.isEmpty ? "" : "WHERE " + clauses.joined(separator: " AND ")
            arguments += [max(0, query.limit)]
            let order = query.newestFirst ? "DESC" : "ASC"
            return try Row.fetchAll(db, sql: "SELECT * FROM audit_entry \(whereSQL) ORDER BY seq \(order) LIMIT ?",
                                    arguments: arguments).map(AuditRow.entry)
        }
    }

    public func auditCount() throws -> Int64 {
        try read { db in try Int64.fetchOne(db, sql: "SELECT COUNT(*) FROM audit_entry") ?? 0 }
    }
}

import CallModel
import Foundation
import GRDB

/// What storing a batch of imported rows did.
public struct ImportStoreResult: Codable, Sendable, Equatable {
    /// Rows new to the catalog (a row already stored is not counted).
    public var added: Int
    /// Queue calls (re)computed from their events (queue log only).
    public var callsUpdated: Int

    public init(added: Int, callsUpdated: Int) {
        self.added = added
        self.callsUpdated = callsUpdated
    }

    enum CodingKeys: String, CodingKey { case added, callsUpdated = "calls_updated" }
}

extension Catalog {
    /// Where the last import of `path` (of this kind) stopped, if it was imported before.
    public func importOffset(kind: String, path: String) throws -> ImportOffset? {
        try read { db in try ImportOffset.fetchOne(db, key: ["kind": kind, "path": path]) }
    }

    /// Stores queue-log events, refolds every call they touch from all its stored events (`fold`, pure), and moves
    /// the file's read position, in one transaction: the import is all there or not at all.
    public func storeQueueEvents(_ events: [QueueEventRecord], offset: ImportOffset, audit: AuditDraft?,
                                 fold: ([QueueEventRecord]) -> [QueueCall]) throws -> ImportStoreResult {
        try write { db in
            var added = 0
            let insert = try db.cachedStatement(sql: """
                INSERT OR IGNORE INTO queue_event (id, call_id, queue, at, agent, event, data) VALUES (?, ?, ?, ?, ?, ?, ?)
                """)
            var touched = Set<String>()
            for e in events {
                try insert.execute(arguments: [e.id, e.callID, e.queue, e.at, e.agent, e.event, e.data])
                if db.changesCount > 0 { added += 1; touched.insert(e.callID) }
            }
            var updated = 0
            let ids = Array(touched)
            for start in stride(from: 0, to: ids.count, by: 500) {
                let chunk = Array(ids[start..<min(start + 500, ids.count)])
                let stored = try QueueEventRecord.fetchAll(db, sql: """
                    SELECT * FROM queue_event WHERE call_id IN (\(databaseQuestionMarks(count: chunk.count))) ORDER BY call_id, at, id
                    """, arguments: StatementArguments(chunk))
                for call in fold(stored) {
                    try QueueCallRecord(call).insert(db, onConflict: .replace)
                    updated += 1
                }
            }
            try offset.save(db)
            if var audit, added > 0 {
                audit.detail["added"] = String(added)
                audit.detail["calls"] = String(updated)
                try appendAudit(audit, in: db)
            }
            return ImportStoreResult(added: added, callsUpdated: updated)
        }
    }

    /// Moves a file's read position when nothing new was stored (blank or bad lines only).
    public func storeImportOffset(_ offset: ImportOffset) throws {
        try write { db in try offset.save(db) }
    }

    /// Queue calls that entered a queue in [from, to), oldest first.
    public func queueCalls(from: Date, to: Date) throws -> [QueueCall] {
        try read { db in
            try QueueCallRecord.fetchAll(db, sql: """
                SELECT * FROM queue_call WHERE entered_at >= ? AND entered_at < ? ORDER BY entered_at, call_id
                """, arguments: [from.timeIntervalSince1970, to.timeIntervalSince1970]).map(\.call)
        }
    }

    /// Consultation records of the queue calls that entered in [from, to).
    public func consultations(queueCallsFrom from: Date, to: Date) throws -> [Consultation] {
        try read { db in
            try ConsultationRecord.fetchAll(db, sql: """
                SELECT DISTINCT c.* FROM consultation c JOIN queue_call q ON q.call_id = c.call_id
                WHERE q.entered_at >= ? AND q.entered_at < ?
                """, arguments: [from.timeIntervalSince1970, to.timeIntervalSince1970]).map(\.consultation)
        }
    }

    /// Survey scores (call id -> score) of the queue calls that entered in [from, to).
    public func surveyScores(queueCallsFrom from: Date, to: Date) throws -> [String: Int] {
        try read { db in
            let rows = try SurveyRecord.fetchAll(db, sql: """
                SELECT DISTINCT s.* FROM survey_result s JOIN queue_call q ON q.call_id = s.call_id
                WHERE q.entered_at >= ? AND q.entered_at < ?
                """, arguments: [from.timeIntervalSince1970, to.timeIntervalSince1970])
            return Dictionary(rows.map { ($0.callID, $0.score) }, uniquingKeysWith: { a, _ in a })
        }
    }

    /// Counts of the queue tables, for `status`-like summaries and tests.
    public func queueTotals() throws -> [String: Int] {
        try read { db in
            var totals: [String: Int] = [:]
            for table in ["queue_event", "queue_call", "consultation", "survey_result", "agent_directory"] {
                totals[table] = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \(table)") ?? 0
            }
            return totals
        }
    }
}

extension Catalog {
    /// Stores queue calls read from CDRs (no queue-log events behind them) and the file's read position, in one
    /// transaction. A call already stored (from the queue log, or an earlier CDR) is kept as it is.
    public func storeQueueCalls(_ calls: [QueueCall], offset: ImportOffset?, audit: AuditDraft?) throws -> ImportStoreResult {
        try write { db in
            var added = 0
            for call in calls {
                try QueueCallRecord(call).insert(db, onConflict: .ignore)
                if db.changesCount > 0 { added += 1 }
            }
            try offset?.save(db)
            if var audit, added > 0 {
                audit.detail["added"] = String(added)
                try appendAudit(audit, in: db)
            }
            return ImportStoreResult(added: added, callsUpdated: added)
        }
    }
}

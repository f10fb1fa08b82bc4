import CallModel
import Foundation
import GRDB

/// A call a purge run has still to finish (state `pending`, `file-deleting` or `key-erased`).
public struct PurgeWorkItem: Sendable, Equatable {
    public var callID: CallID
    public var state: PurgeItemState
    public var archivePath: String
    public var archiveFormat: ArchiveRef.ArchiveFormat
    /// Why deleting its file failed last time, if it did.
    public var lastError: String?
}

extension Catalog {
    /// Records a new purge run and selects, in the same transaction, every call due at `run.asOf` (stored expiry at or
    /// before it, no active legal hold, not destroyed, not in another run's unfinished destruction) as a `pending`
    /// item, at most `limit` of them (those that expired first). Returns the run with its id and how many calls it
    /// selected.
    public func beginPurgeRun(_ run: PurgeRun, limit: Int? = nil) throws -> (run: PurgeRun, selected: Int) {
        try write { db in
            try db.execute(sql: """
                INSERT INTO purge_run (started_at, as_of, operator, source_address, status, policy_sha256, policy_json)
                VALUES (?, ?, ?, ?, 'running', ?, ?)
                """, arguments: [CatalogDates.string(run.startedAt), CatalogDates.string(run.asOf), run.operatorAccount,
                                 run.sourceAddress, run.policySHA256, run.policy.map(CatalogJSON.encode)])
            let id = db.lastInsertedRowID
            try db.execute(sql: """
                INSERT INTO purge_item (run_id, call_id, state, updated_at)
                SELECT ?, call.id, 'pending', ? FROM call WHERE \(Self.dueSQL)
                  AND NOT EXISTS (SELECT 1 FROM purge_item p WHERE p.call_id = call.id
                                  AND p.state IN ('pending', 'file-deleting', 'key-erased'))
                ORDER BY call.expires_at, call.id LIMIT ?
                """, arguments: [id, CatalogDates.string(run.startedAt), CatalogDates.string(run.asOf), limit.map { max(0, $0) } ?? -1])
            let selected = db.changesCount
            var stored = run
            stored.id = id
            stored.status = .running
            return (stored, selected)
        }
    }

    public func purgeRun(id: Int64) throws -> PurgeRun? {
        try read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM purge_run WHERE id = ?", arguments: [id]).map(TombstoneRow.run)
        }
    }

    /// Purge runs, newest first.
    public func purgeRuns(limit: Int = 100) throws -> [PurgeRun] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM purge_run ORDER BY id DESC LIMIT ?", arguments: [max(0, limit)])
                .map(TombstoneRow.run)
        }
    }

    /// Runs that did not complete (killed, or with files left to delete), oldest first: the next purge resumes them.
    public func unfinishedPurgeRuns() throws -> [PurgeRun] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM purge_run WHERE status <> 'completed' ORDER BY id").map(TombstoneRow.run)
        }
    }

    /// The next `limit` unfinished items of a run after `afterCallID`, in call-id order.
    public func purgeWorkItems(runID: Int64, afterCallID: CallID = "", limit: Int = 500) throws -> [PurgeWorkItem] {
        try read { db in
            try Row.fetchAll(db, sql: """
                SELECT p.call_id, p.state, p.last_error, c.archive_path, c.archive_format
                FROM purge_item p JOIN call c ON c.id = p.call_id
                WHERE p.run_id = ? AND p.state IN ('pending', 'file-deleting', 'key-erased') AND p.call_id > ?
                ORDER BY p.call_id LIMIT ?
                """, arguments: [runID, afterCallID, max(0, limit)]).map { r in
                PurgeWorkItem(callID: r["call_id"], state: PurgeItemState(rawValue: r["state"]) ?? .pending,
                              archivePath: r["archive_path"],
                              archiveFormat: ArchiveRef.ArchiveFormat(rawValue: r["archive_format"]) ?? .oggOpus,
                              lastError: r["last_error"])
            }
        }
    }

    /// The state of one call in one run; nil when the run did not select it.
    public func purgeItemState(runID: Int64, callID: CallID) throws -> PurgeItemState? {
        try read { db in
            try String.fetchOne(db, sql: "SELECT state FROM purge_item WHERE run_id = ? AND call_id = ?",
                                arguments: [runID, callID]).flatMap(PurgeItemState.init(rawValue:))
        }
    }

    /// What a run destroyed (its tombstones) and what it kept after all, for its certificate.
    public func purgeResults(runID: Int64) throws -> (destroyed: [Tombstone], skipped: [DestructionCertificate.Skipped]) {
        try read { db in
            let destroyed = try Row.fetchAll(db, sql: "SELECT * FROM tombstone WHERE run_id = ? ORDER BY call_id",
                                             arguments: [runID]).map(TombstoneRow.tombstone)
            let skipped = try Row.fetchAll(db, sql: """
                SELECT call_id, skip_reason FROM purge_item WHERE run_id = ? AND state = 'skipped' ORDER BY call_id
                """, arguments: [runID]).map { r in
                DestructionCertificate.Skipped(callID: r["call_id"],
                                               reason: PurgeSkipReason(rawValue: r["skip_reason"] ?? "") ?? .notExpired)
            }
            return (destroyed, skipped)
        }
    }

    /// Records how a run ended, where its certificate is, and appends the run's `purge` audit entry (no call id;
    /// detail: run id, counts, certificate SHA-256), in one transaction.
    public func finishPurgeRun(id: Int64, status: PurgeRun.Status, finishedAt: Date, certificateJSONPath: String?,
                               certificateTextPath: String?, audit: AuditDraft?) throws {
        try write { db in
            try db.execute(sql: """
                UPDATE purge_run SET status = ?, finished_at = ?, certificate_json_path = ?, certificate_text_path = ?
                WHERE id = ?
                """, arguments: [status.rawValue, CatalogDates.string(finishedAt), certificateJSONPath,
                                 certificateTextPath, id])
            guard db.changesCount == 1 else { throw CatalogError(.notFound, "no purge run \(id)") }
            if let audit { try appendAudit(audit, in: db) }
        }
    }

    /// The tombstone of a destroyed call; nil when the call was not destroyed.
    public func tombstone(callID: CallID) throws -> Tombstone? {
        try read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM tombstone WHERE call_id = ?", arguments: [callID]).map(TombstoneRow.tombstone)
        }
    }

    /// Copies the write-ahead log into the database and truncates it (`PRAGMA wal_checkpoint(TRUNCATE)`), so that
    /// erased keys and personal fields do not linger in the WAL file. Waits for readers in this process; returns
    /// false when another process's reader kept it from completing (the next purge or checkpoint finishes it).
    @discardableResult
    public func checkpointWAL() throws -> Bool {
        guard writer is DatabasePool else { return true }
        do {
            return try writer.barrierWriteWithoutTransaction { db in
                let result = try db.checkpoint(.truncate)
                return result.walFrameCount == result.checkpointedFrameCount
            }
        } catch let error as DatabaseError where error.resultCode == .SQLITE_BUSY || error.resultCode == .SQLITE_LOCKED {
            return false
        } catch {
            throw CatalogError(.queryFailed, "the WAL checkpoint failed (\(Catalog.describe(error)))", path: path)
        }
    }
}

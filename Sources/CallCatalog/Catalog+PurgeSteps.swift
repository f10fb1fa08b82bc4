import CallModel
import Foundation
import GRDB

/// What `claimForDestruction` did with a `pending` purge item.
public enum PurgeClaim: Sendable, Equatable {
    /// Not destroyed after all (state `skipped`).
    case skipped(PurgeSkipReason)
    /// Encrypted archive: data key and personal fields erased, tombstone and audit entry written (state
    /// `key-erased`). Delete the file next, then `recordFileDeleted`.
    case keyErased(Tombstone)
    /// Plaintext archive: destruction decided (state `file-deleting`). Delete the file next, then `recordFileDeleted`.
    case fileDeletionPending
    /// The item was already past `pending` (a resumed run): continue from this state.
    case alreadyIn(PurgeItemState)
}

extension Catalog {
    /// Step T1 of destroying one call (see `PurgeItemState`), in one transaction: checks again that the call is due
    /// at the run's clock reading, not held and not destroyed (else `skipped`); then, for an encrypted archive, erases
    /// its wrapped data key and personal fields, marks it purged, writes its tombstone and its `purge` audit entry;
    /// for a plaintext archive, only moves the item to `file-deleting`.
    public func claimForDestruction(runID: Int64, callID: CallID, at date: Date) throws -> PurgeClaim {
        try write { db in
            let state = try Self.itemState(runID: runID, callID: callID, in: db)
            guard state == .pending else { return .alreadyIn(state) }
            let run = try Self.runRow(runID, in: db)
            guard let call = try Row.fetchOne(db, sql: "SELECT * FROM call WHERE id = ?", arguments: [callID]) else {
                throw CatalogError(.notFound, "call \(callID) of purge run \(runID) is not in the catalog")
            }
            let asOf: String = run["as_of"]
            var skip: PurgeSkipReason?
            if (call["purged_at"] as String?) != nil {
                skip = .alreadyPurged
            } else if try Bool.fetchOne(db, sql: "SELECT 1 FROM call WHERE id = ? AND \(Self.heldSQL)", arguments: [callID]) ?? false {
                skip = .held
            } else if let expires = call["expires_at"] as String?, expires <= asOf {
                skip = nil
            } else {
                skip = .notExpired
            }
            if let skip {
                try Self.setItem(runID: runID, callID: callID, state: .skipped, skip: skip, at: date, in: db)
                return .skipped(skip)
            }
            let format = ArchiveRef.ArchiveFormat(rawValue: call["archive_format"]) ?? .oggOpus
            guard format == .encryptedV1 else {
                try Self.setItem(runID: runID, callID: callID, state: .fileDeleting, at: date, in: db)
                return .fileDeletionPending
            }
            let key = try Row.fetchOne(db, sql: "SELECT kek_id, file_id FROM archive_key WHERE call_id = ?", arguments: [callID])
            let erased = try Self.eraseArchiveKey(callID: callID, in: db)
            let tombstone = try destroyRecord(call: call, run: run, kekID: key?["kek_id"],
                                              fileID: (key?["file_id"] as Data?).map { AuditChainHash.hex($0) },
                                              keyErased: erased, fileDeletedAt: nil, at: date, in: db)
            try Self.setItem(runID: runID, callID: callID, state: .keyErased, at: date, in: db)
            return .keyErased(tombstone)
        }
    }

    /// Step T2, after the archive file is gone (deleted, or found missing): for an encrypted archive (`key-erased`)
    /// records the deletion in the tombstone; for a plaintext one (`file-deleting`) erases the personal fields, marks
    /// the call purged and writes its tombstone and `purge` audit entry. The item becomes `destroyed`. Returns the
    /// tombstone; calling it again for a destroyed item returns the same tombstone.
    @discardableResult
    public func recordFileDeleted(runID: Int64, callID: CallID, at date: Date) throws -> Tombstone {
        try write { db in
            switch try Self.itemState(runID: runID, callID: callID, in: db) {
            case .keyErased:
                try db.execute(sql: "UPDATE tombstone SET file_deleted_at = ? WHERE call_id = ?",
                               arguments: [CatalogDates.string(date), callID])
            case .fileDeleting:
                let run = try Self.runRow(runID, in: db)
                guard let call = try Row.fetchOne(db, sql: "SELECT * FROM call WHERE id = ?", arguments: [callID]) else {
                    throw CatalogError(.notFound, "call \(callID) of purge run \(runID) is not in the catalog")
                }
                _ = try destroyRecord(call: call, run: run, kekID: nil, fileID: nil, keyErased: false, fileDeletedAt: date,
                                      at: date, in: db)
            case .destroyed:
                break
            case let state:
                throw CatalogError(.invalidValue, "call \(callID) is \(state.rawValue) in purge run \(runID), not waiting for its file to be deleted")
            }
            try Self.setItem(runID: runID, callID: callID, state: .destroyed, at: date, in: db)
            guard let row = try Row.fetchOne(db, sql: "SELECT * FROM tombstone WHERE call_id = ?", arguments: [callID]) else {
                throw CatalogError(.corrupt, "call \(callID) is destroyed but has no tombstone; restore the catalog from backup")
            }
            return TombstoneRow.tombstone(from: row)
        }
    }

    /// Notes why deleting a call's archive file failed (the item keeps its state; the next purge retries).
    public func recordFileDeletionFailure(runID: Int64, callID: CallID, message: String, at date: Date) throws {
        try write { db in
            try db.execute(sql: "UPDATE purge_item SET last_error = ?, updated_at = ? WHERE run_id = ? AND call_id = ?",
                           arguments: [message, CatalogDates.string(date), runID, callID])
        }
    }

    /// Erases the call's personal fields, marks it purged, writes its tombstone and its `purge` audit entry.
    /// Kept for statistics: agent, team, department, category, tags, direction, times, duration, layout, flags, archive
    /// facts and hashes, talk metrics, QA assignments. Erased: caller number, external id, metadata file names and
    /// warnings, leg source paths, event details, and their sealed forms and the caller hash (issue #21; with the data
    /// key erased they could not be opened anyway).
    private func destroyRecord(call: Row, run: Row, kekID: String?, fileID: String?, keyErased: Bool,
                               fileDeletedAt: Date?, at date: Date, in db: Database) throws -> Tombstone {
        let callID: CallID = call["id"]
        try db.execute(sql: """
            UPDATE call SET caller_number = NULL, external_id = NULL, metadata_files = '[]', metadata_warnings = '[]',
                caller_sealed = NULL, warnings_sealed = NULL, caller_hash = NULL, purged_at = ? WHERE id = ?
            """, arguments: [CatalogDates.string(date), callID])
        try db.execute(sql: "UPDATE leg SET source_path = '' WHERE call_id = ?", arguments: [callID])
        try db.execute(sql: "UPDATE call_event SET detail = NULL, detail_sealed = NULL WHERE call_id = ?", arguments: [callID])
        let tombstone = Tombstone(
            callID: callID, runID: run["id"], sourceSHA256: call["source_sha256"], archiveSHA256: call["archive_sha256"],
            archivePath: call["archive_path"],
            archiveFormat: ArchiveRef.ArchiveFormat(rawValue: call["archive_format"]) ?? .oggOpus,
            archiveBytes: call["archive_bytes"], startedAt: CatalogDates.date(call["started_at"]),
            ingestedAt: CatalogDates.date(call["ingested_at"]) ?? Date(timeIntervalSince1970: 0),
            expiresAt: CatalogDates.date(call["expires_at"]) ?? Date(timeIntervalSince1970: 0),
            retentionClass: call["retention_class"] ?? "", kekID: kekID, dataKeyFileID: fileID, keyErased: keyErased,
            purgedAt: date, purgedBy: run["operator"], fileDeleted: fileDeletedAt != nil, fileDeletedAt: fileDeletedAt,
            // The policy that assigned the call its class (issue #21), not the one the purge was given; a call whose
            // class predates the record of policies keeps the run's.
            policySHA256: (call["retention_policy_sha256"] as String?) ?? run["policy_sha256"])
        try TombstoneRow.insert(tombstone, into: db)
        var detail = ["run_id": String(tombstone.runID), "retention_class": tombstone.retentionClass,
                      "expires_at": CatalogDates.string(tombstone.expiresAt), "archive_format": tombstone.archiveFormat.rawValue,
                      "key_erased": String(keyErased), "file_deleted": String(fileDeletedAt != nil)]
        if let kekID { detail["kek_id"] = kekID }
        try appendAudit(AuditDraft(at: date, account: run["operator"], sourceAddress: run["source_address"], action: .purge,
                                   callID: callID, detail: detail), in: db)
        // Re-read so the returned value carries the stored (millisecond) times.
        return TombstoneRow.tombstone(from: try Row.fetchOne(db, sql: "SELECT * FROM tombstone WHERE call_id = ?", arguments: [callID])!)
    }

    private static func itemState(runID: Int64, callID: CallID, in db: Database) throws -> PurgeItemState {
        guard let text = try String.fetchOne(db, sql: "SELECT state FROM purge_item WHERE run_id = ? AND call_id = ?",
                                             arguments: [runID, callID]),
              let state = PurgeItemState(rawValue: text) else {
            throw CatalogError(.notFound, "purge run \(runID) did not select call \(callID)")
        }
        return state
    }

    private static func runRow(_ runID: Int64, in db: Database) throws -> Row {
        guard let row = try Row.fetchOne(db, sql: "SELECT * FROM purge_run WHERE id = ?", arguments: [runID]) else {
            throw CatalogError(.notFound, "no purge run \(runID)")
        }
        return row
    }

    private static func setItem(runID: Int64, callID: CallID, state: PurgeItemState, skip: PurgeSkipReason? = nil,
                                at date: Date, in db: Database) throws {
        try db.execute(sql: """
            UPDATE purge_item SET state = ?, skip_reason = ?, last_error = NULL, updated_at = ? WHERE run_id = ? AND call_id = ?
            """, arguments: [state.rawValue, skip?.rawValue, CatalogDates.string(date), runID, callID])
    }
}

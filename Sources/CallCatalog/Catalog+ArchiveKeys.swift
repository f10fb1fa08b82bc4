import CallModel
import Foundation
import GRDB

extension Catalog {
    /// The wrapped data key of a call's archive; nil for a plaintext archive or one whose key was erased (purged).
    public func archiveKey(callID: CallID) throws -> ArchiveKeyRecord? {
        try read { db in
            try Row.fetchOne(db, sql: "SELECT kek_id, wrapped_key, file_id FROM archive_key WHERE call_id = ?",
                             arguments: [callID]).map(Self.keyRecord)
        }
    }

    /// Calls whose data key is wrapped by another key than `kekID`, in call-id order after `afterCallID` (a page of
    /// the rewrap walk).
    public func archiveKeys(notWrappedBy kekID: String, afterCallID: CallID = "", limit: Int = 500) throws
        -> [(callID: CallID, key: ArchiveKeyRecord)] {
        try read { db in
            try Row.fetchAll(db, sql: """
                SELECT call_id, kek_id, wrapped_key, file_id FROM archive_key
                WHERE kek_id <> ? AND call_id > ? ORDER BY call_id LIMIT ?
                """, arguments: [kekID, afterCallID, limit]).map { (callID: $0["call_id"], key: Self.keyRecord($0)) }
        }
    }

    /// How many archive keys each key-encryption key wraps.
    public func archiveKeyCounts() throws -> [String: Int] {
        try read { db in
            var counts: [String: Int] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT kek_id, COUNT(*) AS n FROM archive_key GROUP BY kek_id") {
                counts[row["kek_id"]] = row["n"]
            }
            return counts
        }
    }

    /// Replaces a call's wrapped key by the same data key wrapped with another key-encryption key (rewrap), only if
    /// it is still wrapped by `previousKEK` (a concurrent rewrap or purge wins); appends `audit` in the same
    /// transaction. Returns false when nothing was replaced.
    @discardableResult
    public func rewrapArchiveKey(callID: CallID, previousKEK: String, with record: ArchiveKeyRecord, at date: Date,
                                 audit: AuditDraft? = nil) throws -> Bool {
        try write { db in
            try db.execute(sql: """
                UPDATE archive_key SET kek_id = ?, wrapped_key = ?, rewrapped_at = ?
                WHERE call_id = ? AND kek_id = ? AND file_id = ?
                """, arguments: [record.kekID, Data(record.wrappedKey), CatalogDates.string(date), callID, previousKEK,
                                 Data(record.fileID)])
            guard db.changesCount == 1 else { return false }
            if let audit { try appendAudit(audit, in: db) }
            return true
        }
    }

    static func insertArchiveKey(_ record: ArchiveKeyRecord, callID: CallID, at date: Date, in db: Database) throws {
        try db.execute(sql: """
            INSERT INTO archive_key (call_id, kek_id, wrapped_key, file_id, created_at) VALUES (?, ?, ?, ?, ?)
            """, arguments: [callID, record.kekID, Data(record.wrappedKey), Data(record.fileID), CatalogDates.string(date)])
    }

    /// Erases a call's wrapped data key (crypto-shredding: with `secure_delete` on, the bytes are overwritten).
    /// Returns whether a key was there.
    static func eraseArchiveKey(callID: CallID, in db: Database) throws -> Bool {
        try db.execute(sql: "DELETE FROM archive_key WHERE call_id = ?", arguments: [callID])
        return db.changesCount > 0
    }

    private static func keyRecord(_ row: Row) -> ArchiveKeyRecord {
        ArchiveKeyRecord(kekID: row["kek_id"], wrappedKey: [UInt8]((row["wrapped_key"] as Data?) ?? Data()),
                         fileID: [UInt8]((row["file_id"] as Data?) ?? Data()))
    }
}

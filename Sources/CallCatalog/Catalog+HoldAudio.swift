import CallModel
import Foundation
import GRDB

extension Catalog {
    /// Registers hold-audio fingerprints with one audit entry, in one transaction. A file already registered (same
    /// SHA-256) has its fingerprint replaced (a newer coder version). Returns the entries as stored.
    public func addHoldAudio(_ entries: [HoldAudioEntry], audit: AuditDraft?) throws -> [HoldAudioEntry] {
        try write { db in
            var stored: [HoldAudioEntry] = []
            for e in entries {
                try db.execute(sql: "DELETE FROM hold_audio WHERE sha256 = ?", arguments: [e.sha256])
                var record = HoldAudioRecord(e)
                record.id = nil
                try record.insert(db)
                stored.append(record.entry)
            }
            if var audit {
                audit.detail["files"] = String(entries.count)
                audit.detail["names"] = entries.map(\.name).joined(separator: ",")
                try appendAudit(audit, in: db)
            }
            return stored
        }
    }

    /// Every registered hold-audio file, oldest first.
    public func holdAudio() throws -> [HoldAudioEntry] {
        try read { db in try HoldAudioRecord.fetchAll(db, sql: "SELECT * FROM hold_audio ORDER BY id").map(\.entry) }
    }

    /// Removes registered hold audio by id, with one audit entry; returns how many were removed.
    public func removeHoldAudio(ids: [Int64], audit: AuditDraft?) throws -> Int {
        try write { db in
            var removed = 0
            for id in ids {
                try db.execute(sql: "DELETE FROM hold_audio WHERE id = ?", arguments: [id])
                removed += db.changesCount
            }
            if var audit {
                audit.detail["ids"] = ids.map(String.init).joined(separator: ",")
                audit.detail["removed"] = String(removed)
                try appendAudit(audit, in: db)
            }
            return removed
        }
    }
}

import CallModel
import Foundation
import GRDB

extension Catalog {
    /// Records a quarantined file. The same file (drop folder, path, content hash) is recorded once.
    /// Returns true when the record is new.
    @discardableResult
    public func quarantine(_ record: QuarantineRecord) throws -> Bool {
        try write { db in
            try db.execute(sql: """
                INSERT OR IGNORE INTO quarantine (path, drop_folder, source_sha256, bytes, reason_code, reason, detected_at, run_id)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [record.path, record.dropFolder, record.sourceSHA256, record.bytes, record.reasonCode,
                                 record.reason, CatalogDates.string(record.detectedAt), record.runID])
            return db.changesCount > 0
        }
    }

    /// Whether this exact file content at this path was already quarantined.
    public func isQuarantined(dropFolder: String, path: String, sourceSHA256: String) throws -> Bool {
        try read { db in
            try Bool.fetchOne(db, sql: "SELECT 1 FROM quarantine WHERE drop_folder = ? AND path = ? AND source_sha256 = ?",
                              arguments: [dropFolder, path, sourceSHA256]) ?? false
        }
    }

    public func quarantineRecords(limit: Int = 1000) throws -> [QuarantineRecord] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM quarantine ORDER BY detected_at, id LIMIT ?", arguments: [limit]).map { r in
                QuarantineRecord(id: r["id"], path: r["path"], dropFolder: r["drop_folder"], sourceSHA256: r["source_sha256"],
                                 bytes: r["bytes"], reasonCode: r["reason_code"], reason: r["reason"],
                                 detectedAt: CatalogDates.date(r["detected_at"]) ?? Date(timeIntervalSince1970: 0),
                                 runID: r["run_id"])
            }
        }
    }
}

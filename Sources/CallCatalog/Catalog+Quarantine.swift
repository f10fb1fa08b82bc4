import CallModel
import Foundation
import GRDB

extension Catalog {
    /// Records a quarantined file. The same file (drop folder, path, content hash) is recorded once.
    /// Returns true when the record is new.
    @discardableResult
    public func quarantine(_ record: QuarantineRecord) throws -> Bool {
        try write { db in
            try QuarantineRow(record).insert(db, onConflict: .ignore)
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
            try QuarantineRow.order(Column("detected_at"), Column("id")).limit(limit).fetchAll(db).map { try $0.record() }
        }
    }
}

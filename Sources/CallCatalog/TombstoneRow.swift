import CallModel
import Foundation
import GRDB

/// Maps `tombstone` and `purge_run` rows.
enum TombstoneRow {
    static func insert(_ t: Tombstone, into db: Database) throws {
        try db.execute(sql: """
            INSERT INTO tombstone (call_id, run_id, source_sha256, archive_sha256, archive_path, archive_format,
                archive_bytes, started_at, ingested_at, expires_at, retention_class, kek_id, data_key_file_id, key_erased,
                purged_at, purged_by, file_deleted_at, policy_sha256)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [
                t.callID, t.runID, t.sourceSHA256, t.archiveSHA256, t.archivePath, t.archiveFormat.rawValue, t.archiveBytes,
                t.startedAt.map(CatalogDates.string), CatalogDates.string(t.ingestedAt), CatalogDates.string(t.expiresAt),
                t.retentionClass, t.kekID, t.dataKeyFileID, t.keyErased, CatalogDates.string(t.purgedAt), t.purgedBy,
                t.fileDeletedAt.map(CatalogDates.string), t.policySHA256,
            ])
    }

    static func tombstone(from r: Row) -> Tombstone {
        let deleted = CatalogDates.date(r["file_deleted_at"])
        return Tombstone(
            callID: r["call_id"], runID: r["run_id"], sourceSHA256: r["source_sha256"], archiveSHA256: r["archive_sha256"],
            archivePath: r["archive_path"], archiveFormat: ArchiveRef.ArchiveFormat(rawValue: r["archive_format"]) ?? .oggOpus,
            archiveBytes: r["archive_bytes"], startedAt: CatalogDates.date(r["started_at"]),
            ingestedAt: CatalogDates.date(r["ingested_at"]) ?? Date(timeIntervalSince1970: 0),
            expiresAt: CatalogDates.date(r["expires_at"]) ?? Date(timeIntervalSince1970: 0),
            retentionClass: r["retention_class"], kekID: r["kek_id"], dataKeyFileID: r["data_key_file_id"],
            keyErased: r["key_erased"], purgedAt: CatalogDates.date(r["purged_at"]) ?? Date(timeIntervalSince1970: 0),
            purgedBy: r["purged_by"], fileDeleted: deleted != nil, fileDeletedAt: deleted, policySHA256: r["policy_sha256"])
    }

    static func run(from r: Row) throws -> PurgeRun {
        PurgeRun(id: r["id"], startedAt: CatalogDates.date(r["started_at"]) ?? Date(timeIntervalSince1970: 0),
                 finishedAt: CatalogDates.date(r["finished_at"]),
                 asOf: CatalogDates.date(r["as_of"]) ?? Date(timeIntervalSince1970: 0),
                 operatorAccount: r["operator"], sourceAddress: r["source_address"],
                 status: PurgeRun.Status(rawValue: r["status"]) ?? .running, policySHA256: r["policy_sha256"],
                 policy: try CatalogJSON.decodeIfPresent(RetentionPolicy.self, r["policy_json"], what: "policy of a purge run"),
                 certificateJSONPath: r["certificate_json_path"], certificateTextPath: r["certificate_text_path"])
    }
}

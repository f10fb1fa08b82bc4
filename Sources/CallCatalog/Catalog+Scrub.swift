import CallModel
import Foundation
import GRDB

/// Which call, if any, names an archive file (`nokchwi scrub` looking for orphans).
public enum ArchivePathUse: Sendable, Equatable {
    /// No call names the file: an orphan (a crashed ingest's file, or a stray copy).
    case unreferenced
    /// A call that is not destroyed names it.
    case live(callID: CallID)
    /// A destroyed call (or one a purge has decided to destroy) names it: the file is left over from a purge killed
    /// before it deleted it; the next purge deletes it.
    case purged(callID: CallID)
}

extension Catalog {
    /// SQL condition: an unfinished purge has decided to destroy the `call` row's archive (plaintext, `file-deleting`).
    static let beingDestroyedSQL = """
        EXISTS (SELECT 1 FROM purge_item p WHERE p.call_id = call.id AND p.state = 'file-deleting')
        """

    /// The next `limit` calls that are not destroyed (nor being destroyed by an unfinished purge), after
    /// `afterCallID` in id order, with their archive facts.
    public func archivedCalls(afterCallID: CallID = "", limit: Int = 500) throws -> [(callID: CallID, archive: ArchiveRef)] {
        try read { db in
            try Row.fetchAll(db, sql: """
                SELECT id, archive_path, archive_sha256, archive_bytes, archive_rate, archive_channels, archive_frames,
                       bitrate_per_channel, archive_format
                FROM call WHERE purged_at IS NULL AND NOT \(Self.beingDestroyedSQL) AND id > ? ORDER BY id LIMIT ?
                """, arguments: [afterCallID, max(0, limit)]).map { r in
                (callID: r["id"], archive: ArchiveRef(
                    relativePath: r["archive_path"], sha256: r["archive_sha256"], bytes: r["archive_bytes"],
                    sampleRate: r["archive_rate"], channels: r["archive_channels"], frames: r["archive_frames"],
                    bitratePerChannel: r["bitrate_per_channel"],
                    format: ArchiveRef.ArchiveFormat(rawValue: r["archive_format"]) ?? .oggOpus))
            }
        }
    }

    /// Which call names the archive file at `relativePath`.
    public func archivePathUse(_ relativePath: String) throws -> ArchivePathUse {
        try read { db in
            guard let row = try Row.fetchOne(db, sql: """
                SELECT id, purged_at IS NOT NULL OR \(Self.beingDestroyedSQL) AS gone FROM call WHERE archive_path = ?
                """, arguments: [relativePath]) else { return .unreferenced }
            return row["gone"] ? .purged(callID: row["id"]) : .live(callID: row["id"])
        }
    }
}

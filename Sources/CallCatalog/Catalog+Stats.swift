import CallModel
import Foundation
import GRDB

/// Totals over the whole catalog, for `nokchwi status`.
public struct CatalogStats: Codable, Sendable, Equatable {
    public var calls: Int
    public var audioSeconds: Double
    public var archiveBytes: Int64
    public var sourceBytes: Int64
    public var quarantined: Int
    public var runs: Int
    public var firstCallStart: Date?
    public var lastCallStart: Date?
    /// Calls per metadata format (`sidecar-json`, `asterisk-cdr`, ..., `none`).
    public var byMetadataFormat: [String: Int]
    /// Calls per layout (`stereo`, `legs`, `mono`, `unassigned-legs`).
    public var byLayout: [String: Int]
    /// Calls carrying each flag.
    public var byFlag: [String: Int]
    /// Quarantined files per reason code.
    public var quarantineByReason: [String: Int]

    enum CodingKeys: String, CodingKey {
        case calls, audioSeconds = "audio_seconds", archiveBytes = "archive_bytes", sourceBytes = "source_bytes"
        case quarantined, runs, firstCallStart = "first_call_start", lastCallStart = "last_call_start"
        case byMetadataFormat = "by_metadata_format", byLayout = "by_layout", byFlag = "by_flag"
        case quarantineByReason = "quarantine_by_reason"
    }
}

extension Catalog {
    public func stats() throws -> CatalogStats {
        try read { db in
            let totals = try Row.fetchOne(db, sql: """
                SELECT COUNT(*) AS n, COALESCE(SUM(duration_s), 0) AS seconds, COALESCE(SUM(archive_bytes), 0) AS bytes,
                       MIN(started_at) AS first, MAX(started_at) AS last FROM call
                """)!
            func counts(_ sql: String) throws -> [String: Int] {
                Dictionary(try Row.fetchAll(db, sql: sql).map { ($0[0] as String, $0[1] as Int) }, uniquingKeysWith: +)
            }
            return CatalogStats(
                calls: totals["n"], audioSeconds: totals["seconds"], archiveBytes: totals["bytes"],
                sourceBytes: try Int64.fetchOne(db, sql: "SELECT COALESCE(SUM(source_bytes), 0) FROM leg") ?? 0,
                quarantined: try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM quarantine") ?? 0,
                runs: try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM pipeline_run") ?? 0,
                firstCallStart: CatalogDates.date(totals["first"]), lastCallStart: CatalogDates.date(totals["last"]),
                byMetadataFormat: try counts("SELECT metadata_format, COUNT(*) FROM call GROUP BY metadata_format"),
                byLayout: try counts("SELECT layout, COUNT(*) FROM call GROUP BY layout"),
                byFlag: try counts("SELECT j.value, COUNT(*) FROM call, json_each(call.flags) AS j GROUP BY j.value"),
                quarantineByReason: try counts("SELECT reason_code, COUNT(*) FROM quarantine GROUP BY reason_code"))
        }
    }
}

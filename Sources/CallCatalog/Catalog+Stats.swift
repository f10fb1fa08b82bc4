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
    /// Pipeline runs per status (`completed`, `failed`, `running`, `interrupted`).
    public var runsByStatus: [String: Int]
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
    /// Talk metrics summed over the analysed calls.
    public var metrics: MetricsTotals

    public struct MetricsTotals: Codable, Sendable, Equatable {
        public var analysedCalls: Int
        public var monoCalls: Int
        public var agentTalkS: Double
        public var callerTalkS: Double
        public var overtalkS: Double
        public var interruptions: Int
        public var silenceS: Double
        public var deadAirEvents: Int
        public var holdS: Double
        public var holdCount: Int
        public var nonTalkS: Double

        enum CodingKeys: String, CodingKey {
            case analysedCalls = "analysed_calls", monoCalls = "mono_calls", agentTalkS = "agent_talk_s"
            case callerTalkS = "caller_talk_s", overtalkS = "overtalk_s", interruptions, silenceS = "silence_s"
            case deadAirEvents = "dead_air_events", holdS = "hold_s", holdCount = "hold_count", nonTalkS = "non_talk_s"
        }
    }

    enum CodingKeys: String, CodingKey {
        case calls, audioSeconds = "audio_seconds", archiveBytes = "archive_bytes", sourceBytes = "source_bytes"
        case quarantined, runs, runsByStatus = "runs_by_status", firstCallStart = "first_call_start", lastCallStart = "last_call_start"
        case byMetadataFormat = "by_metadata_format", byLayout = "by_layout", byFlag = "by_flag"
        case quarantineByReason = "quarantine_by_reason", metrics
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
            let m = try Row.fetchOne(db, sql: """
                SELECT COUNT(*) AS n, COALESCE(SUM(mono), 0) AS mono, COALESCE(SUM(agent_talk_s), 0) AS agent,
                       COALESCE(SUM(caller_talk_s), 0) AS caller, COALESCE(SUM(overtalk_s), 0) AS overtalk,
                       COALESCE(SUM(agent_interruptions), 0) + COALESCE(SUM(caller_interruptions), 0) AS interruptions,
                       COALESCE(SUM(silence_s), 0) AS silence, COALESCE(SUM(dead_air_count), 0) AS dead_air,
                       COALESCE(SUM(hold_s), 0) AS hold, COALESCE(SUM(hold_count), 0) AS holds,
                       COALESCE(SUM(non_talk_s), 0) AS non_talk
                FROM call_metrics
                """)!
            let metrics = CatalogStats.MetricsTotals(
                analysedCalls: m["n"], monoCalls: m["mono"], agentTalkS: m["agent"], callerTalkS: m["caller"],
                overtalkS: m["overtalk"], interruptions: m["interruptions"], silenceS: m["silence"],
                deadAirEvents: m["dead_air"], holdS: m["hold"], holdCount: m["holds"], nonTalkS: m["non_talk"])
            return CatalogStats(
                calls: totals["n"], audioSeconds: totals["seconds"], archiveBytes: totals["bytes"],
                sourceBytes: try Int64.fetchOne(db, sql: "SELECT COALESCE(SUM(source_bytes), 0) FROM leg") ?? 0,
                quarantined: try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM quarantine") ?? 0,
                runs: try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM pipeline_run") ?? 0,
                runsByStatus: try counts("SELECT status, COUNT(*) FROM pipeline_run GROUP BY status"),
                firstCallStart: CatalogDates.date(totals["first"]), lastCallStart: CatalogDates.date(totals["last"]),
                byMetadataFormat: try counts("SELECT metadata_format, COUNT(*) FROM call GROUP BY metadata_format"),
                byLayout: try counts("SELECT layout, COUNT(*) FROM call GROUP BY layout"),
                byFlag: try counts("SELECT j.value, COUNT(*) FROM call, json_each(call.flags) AS j GROUP BY j.value"),
                quarantineByReason: try counts("SELECT reason_code, COUNT(*) FROM quarantine GROUP BY reason_code"),
                metrics: metrics)
        }
    }
}

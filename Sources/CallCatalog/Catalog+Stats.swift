import CallModel
import Foundation
import GRDB

/// Totals over the calls a user may see, for `nokchwi status` (`Catalog.stats(calls:metrics:ingest:)`).
public struct CatalogStats: Codable, Sendable, Equatable {
    public var calls: Int
    public var audioSeconds: Double
    public var archiveBytes: Int64
    public var sourceBytes: Int64
    /// Quarantined files; nil when the user does not run the ingest (it is not about their calls).
    public var quarantined: Int?
    /// Pipeline runs; nil when the user does not run the ingest.
    public var runs: Int?
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
    /// Talk metrics summed over the analysed calls the user may report on; nil when their role reports on none.
    public var metrics: MetricsTotals?

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
    /// Totals over the calls `calls` admits; talk metrics over the calls `metrics` admits (nil when `.none`);
    /// quarantine and pipeline runs only when `ingest` (they concern the whole drop folder, not a team).
    public func stats(calls: CallScope = .all, metrics metricsScope: CallScope = .all, ingest: Bool = true) throws -> CatalogStats {
        try read { db in
            let (callWhere, callArguments) = Self.scopeFilter(calls)
            let totals = try Row.fetchOne(db, sql: """
                SELECT COUNT(*) AS n, COALESCE(SUM(duration_s), 0) AS seconds, COALESCE(SUM(archive_bytes), 0) AS bytes,
                       MIN(started_at) AS first, MAX(started_at) AS last FROM call WHERE \(callWhere)
                """, arguments: callArguments)!
            func counts(_ sql: String, _ arguments: StatementArguments = []) throws -> [String: Int] {
                Dictionary(try Row.fetchAll(db, sql: sql, arguments: arguments).map { ($0[0] as String, $0[1] as Int) }, uniquingKeysWith: +)
            }
            var metrics: CatalogStats.MetricsTotals?
            if metricsScope != .none {
                metrics = try Self.metricsTotals(db, metricsScope)
            }
            return CatalogStats(
                calls: totals["n"], audioSeconds: totals["seconds"], archiveBytes: totals["bytes"],
                sourceBytes: try Int64.fetchOne(db, sql: "SELECT COALESCE(SUM(source_bytes), 0) FROM leg WHERE call_id IN (SELECT id FROM call WHERE \(callWhere))",
                                                arguments: callArguments) ?? 0,
                quarantined: ingest ? try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM quarantine") ?? 0 : nil,
                runs: ingest ? try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM pipeline_run") ?? 0 : nil,
                runsByStatus: ingest ? try counts("SELECT status, COUNT(*) FROM pipeline_run GROUP BY status") : [:],
                firstCallStart: CatalogDates.date(totals["first"]), lastCallStart: CatalogDates.date(totals["last"]),
                byMetadataFormat: try counts("SELECT metadata_format, COUNT(*) FROM call WHERE \(callWhere) GROUP BY metadata_format", callArguments),
                byLayout: try counts("SELECT layout, COUNT(*) FROM call WHERE \(callWhere) GROUP BY layout", callArguments),
                byFlag: try counts("SELECT j.value, COUNT(*) FROM call, json_each(call.flags) AS j WHERE \(callWhere) GROUP BY j.value", callArguments),
                quarantineByReason: ingest ? try counts("SELECT reason_code, COUNT(*) FROM quarantine GROUP BY reason_code") : [:],
                metrics: metrics)
        }
    }

    /// A `WHERE` condition on the `call` table admitting what `scope` admits (a call's team, or its QA assignment).
    static func scopeFilter(_ scope: CallScope) -> (String, StatementArguments) {
        switch scope {
        case .all: return ("1", [])
        case .none: return ("0", [])
        case .limited(let teams, let username):
            var parts: [String] = []
            var arguments: StatementArguments = []
            if !teams.isEmpty {
                parts.append("call.team IN (" + Array(repeating: "?", count: teams.count).joined(separator: ", ") + ")")
                for team in teams.sorted() { arguments += [team] }
            }
            if let username {
                parts.append("call.id IN (SELECT call_id FROM call_assignment WHERE username = ?)")
                arguments += [username]
            }
            return parts.isEmpty ? ("0", []) : ("(" + parts.joined(separator: " OR ") + ")", arguments)
        }
    }

    private static func metricsTotals(_ db: Database, _ scope: CallScope) throws -> CatalogStats.MetricsTotals {
        let (metricsWhere, metricsArguments) = scopeFilter(scope)
        let m = try Row.fetchOne(db, sql: """
            SELECT COUNT(*) AS n, COALESCE(SUM(mono), 0) AS mono, COALESCE(SUM(agent_talk_s), 0) AS agent,
                   COALESCE(SUM(caller_talk_s), 0) AS caller, COALESCE(SUM(overtalk_s), 0) AS overtalk,
                   COALESCE(SUM(agent_interruptions), 0) + COALESCE(SUM(caller_interruptions), 0) AS interruptions,
                   COALESCE(SUM(silence_s), 0) AS silence, COALESCE(SUM(dead_air_count), 0) AS dead_air,
                   COALESCE(SUM(hold_s), 0) AS hold, COALESCE(SUM(hold_count), 0) AS holds,
                   COALESCE(SUM(non_talk_s), 0) AS non_talk
            FROM call_metrics WHERE call_id IN (SELECT id FROM call WHERE \(metricsWhere))
            """, arguments: metricsArguments)!
        return CatalogStats.MetricsTotals(
            analysedCalls: m["n"], monoCalls: m["mono"], agentTalkS: m["agent"], callerTalkS: m["caller"],
            overtalkS: m["overtalk"], interruptions: m["interruptions"], silenceS: m["silence"],
            deadAirEvents: m["dead_air"], holdS: m["hold"], holdCount: m["holds"], nonTalkS: m["non_talk"])
    }
}

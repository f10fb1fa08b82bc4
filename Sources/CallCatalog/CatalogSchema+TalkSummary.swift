import CallModel
import GRDB

extension CatalogSchema {
    /// The centre's day and hour of a call, as the talk summaries key them: Asia/Seoul (UTC+9 all year, no daylight
    /// saving). Reports in another zone read the calls themselves (`Catalog.talkSummaryRows`).
    static let talkSummaryOffsetSeconds = 9 * 3600
    /// Characters per histogram bucket in the summaries' `histogram` text (fixed-width decimal counters).
    static let histogramDigits = 7

    /// Value columns after the keys, with the per-call value each adds (`c` call prefix, `m` metrics prefix).
    static func talkValues(_ c: String, _ m: String) -> [(column: String, value: String)] {
        let stereo = "(\(m)agent_talk_s IS NOT NULL AND \(m)caller_talk_s IS NOT NULL)"
        return [
            ("calls", "1"), ("handled_s", "\(c)duration_s"), ("handled_sq", "\(c)duration_s * \(c)duration_s"),
            ("stereo_s", "CASE WHEN \(stereo) THEN \(c)duration_s ELSE 0 END"),
            ("agent_talk_s", "CASE WHEN \(stereo) THEN \(m)agent_talk_s ELSE 0 END"),
            ("caller_talk_s", "CASE WHEN \(stereo) THEN \(m)caller_talk_s ELSE 0 END"),
            ("hold_s", "\(m)hold_s"), ("hold_count", "\(m)hold_count"), ("non_talk_s", "\(m)non_talk_s"),
            ("silence_count", "\(m)silence_count"), ("dead_air_calls", "(\(m)dead_air_count > 0)"), ("dead_air_s", "\(m)dead_air_s"),
            ("overtalk_s", "COALESCE(\(m)overtalk_s, 0)"), ("agent_interruptions", "COALESCE(\(m)agent_interruptions, 0)"),
            ("caller_interruptions", "COALESCE(\(m)caller_interruptions, 0)"),
        ]
    }

    /// `TalkTally.bucket` in SQL.
    static func bucketSQL(_ duration: String) -> String {
        "(CASE WHEN \(duration) < 960 THEN MAX(0, CAST(\(duration) / 15 AS INTEGER)) WHEN \(duration) < 5760 THEN 64 + CAST((\(duration) - 960) / 300 AS INTEGER) ELSE 80 END)"
    }

    static var emptyHistogram: String { String(repeating: "0", count: TalkTally.bucketCount * histogramDigits) }

    /// "v9-talk-summary": what `report talk` and the dashboard read instead of every analysed call (docs/reports.md,
    /// "Speed"). Per local day x agent x team (`talk_day_summary`), per local day x team x department x category
    /// (`talk_category_summary`) and per local day x hour x team (`talk_hour_summary`), with the agent where
    /// `TalkSummaryTable` says: the sums of `TalkTally` and its handle-time histogram. Kept by triggers in the
    /// transaction that writes a call or its metrics, purges, re-analyses or deletes it (every path); filled from the
    /// stored calls when the migration runs (`rebuildTalkSummaries`).
    static func registerTalkSummary(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v9-talk-summary") { db in
            for table in TalkSummaryTable.allCases {
                let keys = table.keyColumns.map { $0 == "hour" ? "hour INTEGER NOT NULL" : "\($0) TEXT NOT NULL" }
                let values = talkValues("", "").map { v in
                    ["calls", "hold_count", "silence_count", "dead_air_calls", "agent_interruptions", "caller_interruptions"].contains(v.column)
                        ? "\(v.column) INTEGER NOT NULL DEFAULT 0" : "\(v.column) REAL NOT NULL DEFAULT 0"
                }
                try db.execute(sql: """
                    CREATE TABLE \(table.rawValue) (
                        \((keys + values).joined(separator: ",\n    ")),
                        histogram TEXT NOT NULL DEFAULT '\(emptyHistogram)',
                        PRIMARY KEY (\(table.keyColumns.joined(separator: ", ")))
                    ) WITHOUT ROWID
                    """)
            }
            try rebuildTalkSummaries(db)
            // Each trigger takes a call's contribution out (OLD) and/or puts it in (NEW). A call counts when it has
            // metrics and is not purged, as `Catalog.talkSamples` reads it.
            let fromCallOld = "FROM call_metrics m WHERE m.call_id = OLD.id AND OLD.purged_at IS NULL"
            let fromCallNew = "FROM call_metrics m WHERE m.call_id = NEW.id AND NEW.purged_at IS NULL"
            let fromMetricsOld = "FROM call c WHERE c.id = OLD.call_id AND c.purged_at IS NULL"
            let fromMetricsNew = "FROM call c WHERE c.id = NEW.call_id AND c.purged_at IS NULL"
            let triggers: [(name: String, event: String, steps: [(sign: String, c: String, m: String, from: String)])] = [
                ("talk_summary_call_insert", "AFTER INSERT ON call", [("+", "NEW.", "m.", fromCallNew)]),
                ("talk_summary_call_update", "AFTER UPDATE OF started_at, agent_id, team, department, category, duration_s, purged_at ON call",
                 [("-", "OLD.", "m.", fromCallOld), ("+", "NEW.", "m.", fromCallNew)]),
                ("talk_summary_call_delete", "BEFORE DELETE ON call", [("-", "OLD.", "m.", fromCallOld)]),
                ("talk_summary_metrics_insert", "AFTER INSERT ON call_metrics", [("+", "c.", "NEW.", fromMetricsNew)]),
                ("talk_summary_metrics_update", "AFTER UPDATE ON call_metrics", [("-", "c.", "OLD.", fromMetricsOld), ("+", "c.", "NEW.", fromMetricsNew)]),
                ("talk_summary_metrics_delete", "AFTER DELETE ON call_metrics", [("-", "c.", "OLD.", fromMetricsOld)]),
            ]
            for trigger in triggers {
                let body = trigger.steps.flatMap { step in
                    TalkSummaryTable.allCases.map { talkSummaryStep($0, sign: step.sign, c: step.c, m: step.m, from: step.from) }
                }
                try db.execute(sql: "CREATE TRIGGER \(trigger.name) \(trigger.event) BEGIN\n\(body.joined(separator: "\n"))\nEND")
            }
        }
    }

    /// Adds (`+`) or takes out (`-`) the calls `from` selects in one summary: the key row is created empty when
    /// absent, then its sums and its histogram bucket are changed.
    static func talkSummaryStep(_ table: TalkSummaryTable, sign: String, c: String, m: String, from: String) -> String {
        let t = table.rawValue, w = histogramDigits
        let keys = table.keyColumns
        let keyValues = table.keyExpressions(c)
        let values = talkValues(c, m)
        let source = (zip(keys, keyValues).map { "\($1) AS k_\($0)" } + values.map { "\($0.value) AS v_\($0.column)" }
                      + ["\(bucketSQL("\(c)duration_s")) AS v_bucket"]).joined(separator: ", ")
        let sets = values.map { "\($0.column) = \(t).\($0.column) \(sign) s.v_\($0.column)" }
            + ["histogram = substr(\(t).histogram, 1, \(w) * s.v_bucket) || printf('%0\(w)d', CAST(substr(\(t).histogram, \(w) * s.v_bucket + 1, \(w)) AS INTEGER) \(sign) 1) || substr(\(t).histogram, \(w) * s.v_bucket + \(w + 1))"]
        return """
            INSERT OR IGNORE INTO \(t) (\(keys.joined(separator: ", "))) SELECT \(keyValues.joined(separator: ", ")) \(from);
            UPDATE \(t) SET \(sets.joined(separator: ", "))
            FROM (SELECT \(source) \(from)) AS s WHERE \(keys.map { "\(t).\($0) = s.k_\($0)" }.joined(separator: " AND "));
            """
    }

    /// Empties both talk summaries and fills them again from every stored analysed call (the migration; a benchmark
    /// that filled the tables with the triggers dropped).
    static func rebuildTalkSummaries(_ db: Database) throws {
        let values = talkValues("c.", "m.")
        let histogram = (0..<TalkTally.bucketCount).map { "printf('%0\(histogramDigits)d', SUM(CASE WHEN b = \($0) THEN n ELSE 0 END))" }
            .joined(separator: " || ")
        for table in TalkSummaryTable.allCases {
            let keys = table.keyColumns
            let groupKeys = keys.map { "k_\($0)" }.joined(separator: ", ")
            // One pass over the calls grouped by key and bucket, then the buckets folded into each key's histogram.
            try db.execute(sql: "DELETE FROM \(table.rawValue)")
            try db.execute(sql: """
                INSERT INTO \(table.rawValue) (\((keys + values.map(\.column)).joined(separator: ", ")), histogram)
                SELECT \(groupKeys), \(values.map { "SUM(v_\($0.column))" }.joined(separator: ", ")), \(histogram)
                FROM (SELECT \(zip(keys, table.keyExpressions("c.")).map { "\($1) AS k_\($0)" }.joined(separator: ", ")),
                             \(bucketSQL("c.duration_s")) AS b, COUNT(*) AS n, \(values.map { "SUM(\($0.value)) AS v_\($0.column)" }.joined(separator: ", "))
                      FROM call c JOIN call_metrics m ON m.call_id = c.id WHERE c.purged_at IS NULL
                      GROUP BY \(groupKeys), b)
                GROUP BY \(groupKeys)
                """)
        }
    }
}

/// The three talk summaries: what each groups by after the local day, and the key columns they share after it.
/// Each keeps a call's agent only when the reports may need it: always by agent and team; by department and
/// category when the call lacks a team or a department (the agent directory fills them); by hour when it lacks a team.
public enum TalkSummaryTable: String, CaseIterable, Sendable {
    case agent = "talk_day_summary", category = "talk_category_summary", hour = "talk_hour_summary"

    var keyColumns: [String] {
        switch self {
        case .agent: ["day", "agent_id", "team"]
        case .category: ["day", "agent_id", "team", "department", "category"]
        case .hour: ["day", "hour", "agent_id", "team"]
        }
    }

    /// Key values of a call (`c` the call's column prefix): '' for a missing value.
    func keyExpressions(_ c: String) -> [String] {
        let shifted = "\(c)started_at, '+\(CatalogSchema.talkSummaryOffsetSeconds) seconds'"
        let day = "COALESCE(strftime('%Y-%m-%d', \(shifted)), '')"
        let team = "COALESCE(\(c)team, '')"
        switch self {
        case .agent:
            return [day, "COALESCE(\(c)agent_id, '')", team]
        case .category:
            return [day, "CASE WHEN \(c)team IS NULL OR \(c)department IS NULL THEN COALESCE(\(c)agent_id, '') ELSE '' END", team,
                    "COALESCE(\(c)department, '')", "COALESCE(\(c)category, '')"]
        case .hour:
            return [day, "COALESCE(CAST(strftime('%H', \(shifted)) AS INTEGER), -1)",
                    "CASE WHEN \(c)team IS NULL THEN COALESCE(\(c)agent_id, '') ELSE '' END", team]
        }
    }
}

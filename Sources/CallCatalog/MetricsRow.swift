import CallModel
import Foundation
import GRDB

/// Maps a `CallAnalysis` to the `call_metrics` table: report columns plus the whole analysis as JSON.
enum MetricsRow {
    static func insert(_ analysis: CallAnalysis, callID: String, analyzerVersion: String, into db: Database) throws {
        let parties = analysis.parties
        let deadAir = analysis.deadAir.events.reduce(0.0) { $0 + ($1.end - $1.start) }
        let talk = parties.map { $0.agent.talkS + $0.caller.talkS } ?? analysis.talk?.talkS ?? 0
        try db.execute(sql: """
            INSERT INTO call_metrics (call_id, analyzer_version, mono, agent_talk_s, caller_talk_s, talk_s,
                agent_interruptions, caller_interruptions, overtalk_s, overtalk_count, silence_s, silence_count,
                dead_air_s, dead_air_count, hold_s, hold_count, non_talk_s, analysis_json)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [
                callID, analyzerVersion, analysis.mono, parties?.agent.talkS, parties?.caller.talkS, talk,
                parties?.agent.interruptions, parties?.caller.interruptions, analysis.overtalk?.totalS,
                analysis.overtalk?.count, analysis.silence.totalS, analysis.silence.events.count, deadAir,
                analysis.deadAir.events.count, analysis.hold.totalS, analysis.hold.count, analysis.nonTalkS,
                CatalogJSON.encode(analysis),
            ])
    }

    static func analysis(callID: String, db: Database) throws -> CallAnalysis? {
        let json = try String.fetchOne(db, sql: "SELECT analysis_json FROM call_metrics WHERE call_id = ?", arguments: [callID])
        return CatalogJSON.decode(CallAnalysis.self, json)
    }
}

import CallModel
import GRDB

/// A row of `call_metrics`: report columns plus the whole analysis (segment timeline) as JSON for the player.
struct CallMetricsRecord: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "call_metrics"

    var callID: CallID
    var analyzerVersion: String
    var mono: Bool
    var agentTalkS: Double?
    var callerTalkS: Double?
    var talkS: Double
    var agentInterruptions: Int?
    var callerInterruptions: Int?
    var overtalkS: Double?
    var overtalkCount: Int?
    var silenceS: Double
    var silenceCount: Int
    var deadAirS: Double
    var deadAirCount: Int
    var holdS: Double
    var holdCount: Int
    var nonTalkS: Double
    var analysisJSON: String

    enum CodingKeys: String, CodingKey {
        case callID = "call_id", analyzerVersion = "analyzer_version", mono, agentTalkS = "agent_talk_s"
        case callerTalkS = "caller_talk_s", talkS = "talk_s", agentInterruptions = "agent_interruptions"
        case callerInterruptions = "caller_interruptions", overtalkS = "overtalk_s", overtalkCount = "overtalk_count"
        case silenceS = "silence_s", silenceCount = "silence_count", deadAirS = "dead_air_s", deadAirCount = "dead_air_count"
        case holdS = "hold_s", holdCount = "hold_count", nonTalkS = "non_talk_s", analysisJSON = "analysis_json"
    }

    init(_ analysis: CallAnalysis, callID: CallID, analyzerVersion: String) {
        let parties = analysis.parties
        self.callID = callID
        self.analyzerVersion = analyzerVersion
        mono = analysis.mono
        agentTalkS = parties?.agent.talkS
        callerTalkS = parties?.caller.talkS
        talkS = parties.map { $0.agent.talkS + $0.caller.talkS } ?? analysis.talk?.talkS ?? 0
        agentInterruptions = parties?.agent.interruptions
        callerInterruptions = parties?.caller.interruptions
        overtalkS = analysis.overtalk?.totalS
        overtalkCount = analysis.overtalk?.count
        silenceS = analysis.silence.totalS
        silenceCount = analysis.silence.events.count
        deadAirS = analysis.deadAir.events.reduce(0.0) { $0 + ($1.end - $1.start) }
        deadAirCount = analysis.deadAir.events.count
        holdS = analysis.hold.totalS
        holdCount = analysis.hold.count
        nonTalkS = analysis.nonTalkS
        analysisJSON = CatalogJSON.encode(analysis)
    }

    /// The stored analysis; a document that no longer decodes is reported as corrupt, never as "not analysed".
    func analysis() throws -> CallAnalysis {
        try CatalogJSON.decode(CallAnalysis.self, analysisJSON, what: "analysis of call \(callID)")
    }
}

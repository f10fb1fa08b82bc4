import Foundation

/// One analysed call as the talk-time reports read it: who, when, and the summary metrics (seconds).
/// The group keys (team, department) are the ones that applied on the call's date (agent directory included).
public struct TalkSample: Codable, Sendable, Equatable {
    public var callID: String
    public var startedAt: Date?
    public var agent: String?
    public var team: String?
    public var department: String?
    public var category: String?
    public var durationS: Double
    public var agentTalkS: Double?
    public var callerTalkS: Double?
    public var holdS: Double
    public var holdCount: Int
    public var nonTalkS: Double
    public var silenceCount: Int
    public var deadAirS: Double
    public var deadAirCount: Int
    public var overtalkS: Double?
    public var agentInterruptions: Int?
    public var callerInterruptions: Int?

    public init(callID: String, startedAt: Date?, agent: String?, team: String?, department: String?, category: String?,
                durationS: Double, agentTalkS: Double?, callerTalkS: Double?, holdS: Double, holdCount: Int, nonTalkS: Double,
                silenceCount: Int, deadAirS: Double, deadAirCount: Int, overtalkS: Double?, agentInterruptions: Int?,
                callerInterruptions: Int?) {
        self.callID = callID
        self.startedAt = startedAt
        self.agent = agent
        self.team = team
        self.department = department
        self.category = category
        self.durationS = durationS
        self.agentTalkS = agentTalkS
        self.callerTalkS = callerTalkS
        self.holdS = holdS
        self.holdCount = holdCount
        self.nonTalkS = nonTalkS
        self.silenceCount = silenceCount
        self.deadAirS = deadAirS
        self.deadAirCount = deadAirCount
        self.overtalkS = overtalkS
        self.agentInterruptions = agentInterruptions
        self.callerInterruptions = callerInterruptions
    }

    enum CodingKeys: String, CodingKey {
        case callID = "call_id", startedAt = "started_at", agent, team, department, category, durationS = "duration_s"
        case agentTalkS = "agent_talk_s", callerTalkS = "caller_talk_s", holdS = "hold_s", holdCount = "hold_count"
        case nonTalkS = "non_talk_s", silenceCount = "silence_count", deadAirS = "dead_air_s", deadAirCount = "dead_air_count"
        case overtalkS = "overtalk_s", agentInterruptions = "agent_interruptions", callerInterruptions = "caller_interruptions"
    }
}

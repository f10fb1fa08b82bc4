import CallModel
import Foundation

/// Talk-time figures of one group of analysed calls (seconds; shares and ratios as fractions).
public struct TalkFigures: Codable, Sendable, Equatable {
    public var group: String
    /// The team of the group (agent grouping), against which outliers are judged.
    public var team: String?
    public var calls: Int
    public var handledS: Double
    /// Average handle time: the recorded call's duration (talk + hold; after-call work is not recorded).
    public var meanHandleS: Double
    public var medianHandleS: Double
    public var agentTalkShare: Double?
    public var callerTalkShare: Double?
    /// Agent talk / caller talk.
    public var agentCallerRatio: Double?
    public var holdS: Double
    public var holdsPerCall: Double
    public var nonTalkS: Double
    public var silenceEvents: Int
    public var deadAirCalls: Int
    public var deadAirS: Double
    public var overtalkS: Double
    public var agentInterruptions: Int
    public var callerInterruptions: Int
    /// Agent grouping: the mean handle time is more than 2 standard deviations (of the team's calls) from the team's mean.
    public var outlier: Bool
    /// How many standard deviations the mean is from the team's (agent grouping).
    public var deviationFromTeam: Double?

    public init(group: String, samples: [TalkSample]) {
        self.group = group
        team = nil
        calls = samples.count
        let durations = samples.map(\.durationS).sorted()
        handledS = durations.reduce(0, +)
        meanHandleS = samples.isEmpty ? 0 : handledS / Double(samples.count)
        medianHandleS = Self.median(durations)
        let stereo = samples.filter { $0.agentTalkS != nil && $0.callerTalkS != nil }
        let agentTalk = stereo.reduce(0) { $0 + $1.agentTalkS! }, callerTalk = stereo.reduce(0) { $0 + $1.callerTalkS! }
        let stereoDuration = stereo.reduce(0) { $0 + $1.durationS }
        agentTalkShare = stereoDuration > 0 ? agentTalk / stereoDuration : nil
        callerTalkShare = stereoDuration > 0 ? callerTalk / stereoDuration : nil
        agentCallerRatio = callerTalk > 0 ? agentTalk / callerTalk : nil
        holdS = samples.reduce(0) { $0 + $1.holdS }
        holdsPerCall = samples.isEmpty ? 0 : Double(samples.reduce(0) { $0 + $1.holdCount }) / Double(samples.count)
        nonTalkS = samples.reduce(0) { $0 + $1.nonTalkS }
        silenceEvents = samples.reduce(0) { $0 + $1.silenceCount }
        deadAirCalls = samples.filter { $0.deadAirCount > 0 }.count
        deadAirS = samples.reduce(0) { $0 + $1.deadAirS }
        overtalkS = samples.reduce(0) { $0 + ($1.overtalkS ?? 0) }
        agentInterruptions = samples.reduce(0) { $0 + ($1.agentInterruptions ?? 0) }
        callerInterruptions = samples.reduce(0) { $0 + ($1.callerInterruptions ?? 0) }
        outlier = false
        deviationFromTeam = nil
    }

    /// The middle value of sorted values (mean of the two middle ones for an even count); 0 for none.
    public static func median(_ sorted: [Double]) -> Double {
        guard !sorted.isEmpty else { return 0 }
        let mid = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
    }

    /// Population mean and standard deviation.
    public static func meanAndDeviation(_ values: [Double]) -> (Double, Double) {
        guard !values.isEmpty else { return (0, 0) }
        let mean = values.reduce(0, +) / Double(values.count)
        let variance = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(values.count)
        return (mean, variance.squareRoot())
    }

    enum CodingKeys: String, CodingKey {
        case group, team, calls, handledS = "handled_s", meanHandleS = "mean_handle_s", medianHandleS = "median_handle_s"
        case agentTalkShare = "agent_talk_share", callerTalkShare = "caller_talk_share", agentCallerRatio = "agent_caller_ratio"
        case holdS = "hold_s", holdsPerCall = "holds_per_call", nonTalkS = "non_talk_s", silenceEvents = "silence_events"
        case deadAirCalls = "dead_air_calls", deadAirS = "dead_air_s", overtalkS = "overtalk_s"
        case agentInterruptions = "agent_interruptions", callerInterruptions = "caller_interruptions", outlier
        case deviationFromTeam = "deviation_from_team"
    }
}

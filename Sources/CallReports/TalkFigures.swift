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

    /// Figures of the calls `samples` (the median exact).
    public init(group: String, samples: [TalkSample]) {
        var tally = TalkTally()
        for sample in samples { tally.add(sample) }
        self.init(group: group, tally: tally, median: Self.median(samples.map(\.durationS).sorted()))
    }

    /// Figures of summed calls; the median is `median` when known, else estimated from the tally's histogram
    /// (`TalkTally.medianFromHistogram`).
    public init(group: String, tally t: TalkTally, median: Double? = nil) {
        self.group = group
        team = nil
        calls = t.calls
        handledS = t.handledS
        meanHandleS = t.calls == 0 ? 0 : t.handledS / Double(t.calls)
        medianHandleS = median ?? t.medianFromHistogram
        agentTalkShare = t.stereoS > 0 ? t.agentTalkS / t.stereoS : nil
        callerTalkShare = t.stereoS > 0 ? t.callerTalkS / t.stereoS : nil
        agentCallerRatio = t.callerTalkS > 0 ? t.agentTalkS / t.callerTalkS : nil
        holdS = t.holdS
        holdsPerCall = t.calls == 0 ? 0 : Double(t.holdCount) / Double(t.calls)
        nonTalkS = t.nonTalkS
        silenceEvents = t.silenceEvents
        deadAirCalls = t.deadAirCalls
        deadAirS = t.deadAirS
        overtalkS = t.overtalkS
        agentInterruptions = t.agentInterruptions
        callerInterruptions = t.callerInterruptions
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

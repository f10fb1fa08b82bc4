import Foundation

/// Sums of a group of analysed calls: what the talk-time figures are computed from, and what the catalog's talk
/// summaries (`v-talk-summary`) keep per local day. Two groups add with `+=`. Pure.
///
/// Handle times are also counted in a histogram (`bucket(_:)`), from which the median is estimated: 15 s buckets below
/// 16 minutes, 5-minute buckets below 96 minutes, one bucket above (its median is given as 96 minutes).
public struct TalkTally: Sendable, Equatable {
    public var calls = 0
    public var handledS = 0.0
    /// Sum of the squared handle times (the team's standard deviation for outliers).
    public var handledSquares = 0.0
    /// Duration of the calls with both parties' talk measured (stereo), and their agent and caller talk.
    public var stereoS = 0.0
    public var agentTalkS = 0.0
    public var callerTalkS = 0.0
    public var holdS = 0.0
    public var holdCount = 0
    public var nonTalkS = 0.0
    public var silenceEvents = 0
    public var deadAirCalls = 0
    public var deadAirS = 0.0
    public var overtalkS = 0.0
    public var agentInterruptions = 0
    public var callerInterruptions = 0
    /// Calls per handle-time bucket (`bucketCount` of them).
    public var histogram: [Int]

    public init() {
        histogram = [Int](repeating: 0, count: Self.bucketCount)
    }

    public init(_ sample: TalkSample) {
        self.init()
        add(sample)
    }

    public static let bucketCount = 81
    /// Buckets below `fineLimit` are `fineWidth` wide, then `coarseWidth` wide up to `coarseLimit`; the last is open.
    public static let fineWidth = 15.0, fineLimit = 960.0, coarseWidth = 300.0, coarseLimit = 5760.0

    /// The histogram bucket of a handle time (the catalog's triggers compute the same in SQL).
    public static func bucket(_ seconds: Double) -> Int {
        if seconds < fineLimit { return max(0, Int(seconds / fineWidth)) }
        if seconds < coarseLimit { return 64 + Int((seconds - fineLimit) / coarseWidth) }
        return bucketCount - 1
    }

    /// Lower bound and width of a bucket (the last one has width 0).
    public static func bounds(ofBucket b: Int) -> (Double, Double) {
        if b < 64 { return (Double(b) * fineWidth, fineWidth) }
        if b < bucketCount - 1 { return (fineLimit + Double(b - 64) * coarseWidth, coarseWidth) }
        return (coarseLimit, 0)
    }

    public mutating func add(_ s: TalkSample) {
        calls += 1
        handledS += s.durationS
        handledSquares += s.durationS * s.durationS
        if let agent = s.agentTalkS, let caller = s.callerTalkS {
            stereoS += s.durationS
            agentTalkS += agent
            callerTalkS += caller
        }
        holdS += s.holdS
        holdCount += s.holdCount
        nonTalkS += s.nonTalkS
        silenceEvents += s.silenceCount
        if s.deadAirCount > 0 { deadAirCalls += 1 }
        deadAirS += s.deadAirS
        overtalkS += s.overtalkS ?? 0
        agentInterruptions += s.agentInterruptions ?? 0
        callerInterruptions += s.callerInterruptions ?? 0
        histogram[Self.bucket(s.durationS)] += 1
    }

    public static func += (lhs: inout TalkTally, rhs: TalkTally) {
        lhs.calls += rhs.calls
        lhs.handledS += rhs.handledS
        lhs.handledSquares += rhs.handledSquares
        lhs.stereoS += rhs.stereoS
        lhs.agentTalkS += rhs.agentTalkS
        lhs.callerTalkS += rhs.callerTalkS
        lhs.holdS += rhs.holdS
        lhs.holdCount += rhs.holdCount
        lhs.nonTalkS += rhs.nonTalkS
        lhs.silenceEvents += rhs.silenceEvents
        lhs.deadAirCalls += rhs.deadAirCalls
        lhs.deadAirS += rhs.deadAirS
        lhs.overtalkS += rhs.overtalkS
        lhs.agentInterruptions += rhs.agentInterruptions
        lhs.callerInterruptions += rhs.callerInterruptions
        for i in 0..<min(lhs.histogram.count, rhs.histogram.count) { lhs.histogram[i] += rhs.histogram[i] }
    }

    /// The median handle time estimated from the histogram: the middle rank (the mean of the two middle ranks for an
    /// even count) placed evenly inside its bucket; 0 for no calls.
    public var medianFromHistogram: Double {
        guard calls > 0 else { return 0 }
        func value(atRank rank: Int) -> Double {
            var seen = 0
            for (b, n) in histogram.enumerated() where n > 0 {
                if rank < seen + n {
                    let (low, width) = Self.bounds(ofBucket: b)
                    return low + width * (Double(rank - seen) + 0.5) / Double(n)
                }
                seen += n
            }
            return Self.coarseLimit
        }
        let n = histogram.reduce(0, +)
        guard n > 0 else { return 0 }
        return n % 2 == 1 ? value(atRank: n / 2) : (value(atRank: n / 2 - 1) + value(atRank: n / 2)) / 2
    }

    /// Population mean and standard deviation of the handle times.
    public var meanAndDeviation: (Double, Double) {
        guard calls > 0 else { return (0, 0) }
        let mean = handledS / Double(calls)
        return (mean, max(0, handledSquares / Double(calls) - mean * mean).squareRoot())
    }
}

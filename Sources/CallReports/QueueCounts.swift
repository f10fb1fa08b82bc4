import CallModel
import Foundation

/// Counters of one group of queue calls: what the queue figures are computed from. Add two groups with `+=`.
public struct QueueCounts: Codable, Sendable, Equatable {
    public var offered = 0
    public var answered = 0
    /// Answered with a wait of at most the service-level threshold (inclusive).
    public var answeredWithinThreshold = 0
    public var abandoned = 0
    /// Abandoned with a wait under the short-abandon threshold (strictly less), a part of `abandoned`.
    public var shortAbandoned = 0
    /// Sent on by the queue: timeout, no agent, key pressed.
    public var exited = 0
    public var failed = 0
    /// Still waiting when the log ended.
    public var waiting = 0
    public var answeredWaitSum = 0.0
    public var longestWait = 0.0
    public var talkSum = 0.0
    public var talkCount = 0
    /// Answered calls transferred to an official (transfer event, or consultation outcome).
    public var transferred = 0
    /// Answered calls with a callback promised (consultation outcome).
    public var callback = 0
    public var transfersByTarget: [String: Int] = [:]
    /// Calls with a caller hash, and those of them whose caller had called within the repeat window before.
    public var withCaller = 0
    public var repeated = 0
    /// Survey answers per score.
    public var surveyScores: [Int: Int] = [:]

    public init() {}

    public static func += (lhs: inout QueueCounts, rhs: QueueCounts) {
        lhs.offered += rhs.offered
        lhs.answered += rhs.answered
        lhs.answeredWithinThreshold += rhs.answeredWithinThreshold
        lhs.abandoned += rhs.abandoned
        lhs.shortAbandoned += rhs.shortAbandoned
        lhs.exited += rhs.exited
        lhs.failed += rhs.failed
        lhs.waiting += rhs.waiting
        lhs.answeredWaitSum += rhs.answeredWaitSum
        lhs.longestWait = max(lhs.longestWait, rhs.longestWait)
        lhs.talkSum += rhs.talkSum
        lhs.talkCount += rhs.talkCount
        lhs.transferred += rhs.transferred
        lhs.callback += rhs.callback
        lhs.transfersByTarget.merge(rhs.transfersByTarget, uniquingKeysWith: +)
        lhs.withCaller += rhs.withCaller
        lhs.repeated += rhs.repeated
        lhs.surveyScores.merge(rhs.surveyScores, uniquingKeysWith: +)
    }
}

/// Thresholds of the queue figures.
public struct QueueSettings: Sendable, Equatable {
    /// Service level's T: answered within this many seconds (inclusive). Commonly 20.
    public var serviceLevelSeconds: Double
    /// Abandons with a wait under this many seconds are short abandons (reported apart; one SL variant drops them).
    public var shortAbandonSeconds: Double
    /// A call from the same caller hash within this many seconds after an earlier one is a repeat call.
    public var repeatWindowSeconds: Double

    public init(serviceLevelSeconds: Double = 20, shortAbandonSeconds: Double = 5, repeatWindowSeconds: Double = 7 * 86_400) {
        self.serviceLevelSeconds = serviceLevelSeconds
        self.shortAbandonSeconds = shortAbandonSeconds
        self.repeatWindowSeconds = repeatWindowSeconds
    }
}

extension QueueCounts {
    /// Counts one queue call. `consultation` (the agent's record) decides transfer and callback when present; else
    /// a transfer event does. `isRepeat`: the same caller hash called within the window before.
    public mutating func add(_ call: QueueCall, consultation: Consultation?, survey: Int?, isRepeat: Bool, settings: QueueSettings) {
        offered += 1
        longestWait = max(longestWait, call.waitSeconds)
        switch call.outcome {
        case .answered:
            answered += 1
            answeredWaitSum += call.waitSeconds
            if call.waitSeconds <= settings.serviceLevelSeconds { answeredWithinThreshold += 1 }
            if let talk = call.talkSeconds { talkSum += talk; talkCount += 1 }
            let outcome: Consultation.Outcome = consultation?.outcome ?? (call.transferTarget == nil ? .direct : .transferred)
            if outcome == .transferred {
                transferred += 1
                let target = consultation?.department ?? call.transferTarget.map { "ext \($0)" } ?? "unknown"
                transfersByTarget[target, default: 0] += 1
            } else if outcome == .callback {
                callback += 1
            }
        case .abandoned:
            abandoned += 1
            if call.waitSeconds < settings.shortAbandonSeconds { shortAbandoned += 1 }
        case .timeout, .empty, .key: exited += 1
        case .failed: failed += 1
        case .waiting: waiting += 1
        }
        if call.callerHash != nil {
            withCaller += 1
            if isRepeat { repeated += 1 }
        }
        if let survey { surveyScores[survey, default: 0] += 1 }
    }
}

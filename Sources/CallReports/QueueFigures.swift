import CallModel
import Foundation

/// The published queue figures of one group, computed from its counts. Rates are fractions (0...1), nil when
/// their denominator is zero. Each service-level variant carries its formula, so no report shows a bare "SL".
public struct QueueFigures: Codable, Sendable, Equatable {
    public struct ServiceLevel: Codable, Sendable, Equatable {
        public var name: String
        public var formula: String
        public var value: Double?
    }

    public var group: String
    public var offered: Int
    public var answered: Int
    public var abandoned: Int
    public var shortAbandoned: Int
    public var exited: Int
    public var failed: Int
    public var waiting: Int
    /// 응대율: answered / offered.
    public var answerRate: Double?
    public var abandonRate: Double?
    /// The headline service level first (answered within T / offered), then the named variants.
    public var serviceLevels: [ServiceLevel]
    /// Mean wait of answered calls (seconds).
    public var asa: Double?
    public var longestWait: Double
    public var meanTalk: Double?
    public var transferred: Int
    public var callback: Int
    public var transfersByTarget: [String: Int]
    /// 원콜 원스톱 처리율: answered calls neither transferred nor called back / answered.
    public var oneStopRate: Double?
    public var repeatRate: Double?
    public var repeatCalls: Int
    public var callsWithCaller: Int
    public var surveyScores: [String: Int]
    public var surveyMean: Double?

    public init(group: String, counts c: QueueCounts, settings: QueueSettings) {
        func rate(_ n: Int, _ d: Int) -> Double? { d > 0 ? Double(n) / Double(d) : nil }
        let t = Self.seconds(settings.serviceLevelSeconds), s = Self.seconds(settings.shortAbandonSeconds)
        self.group = group
        offered = c.offered
        answered = c.answered
        abandoned = c.abandoned
        shortAbandoned = c.shortAbandoned
        exited = c.exited
        failed = c.failed
        waiting = c.waiting
        answerRate = rate(c.answered, c.offered)
        abandonRate = rate(c.abandoned, c.offered)
        serviceLevels = [
            ServiceLevel(name: "offered", formula: "answered within \(t) s / offered",
                         value: rate(c.answeredWithinThreshold, c.offered)),
            ServiceLevel(name: "excluding-short-abandons",
                         formula: "answered within \(t) s / (offered - abandoned under \(s) s)",
                         value: rate(c.answeredWithinThreshold, c.offered - c.shortAbandoned)),
            ServiceLevel(name: "answered", formula: "answered within \(t) s / answered",
                         value: rate(c.answeredWithinThreshold, c.answered)),
        ]
        asa = c.answered > 0 ? c.answeredWaitSum / Double(c.answered) : nil
        longestWait = c.longestWait
        meanTalk = c.talkCount > 0 ? c.talkSum / Double(c.talkCount) : nil
        transferred = c.transferred
        callback = c.callback
        transfersByTarget = c.transfersByTarget
        oneStopRate = rate(c.answered - c.transferred - c.callback, c.answered)
        repeatRate = rate(c.repeated, c.withCaller)
        repeatCalls = c.repeated
        callsWithCaller = c.withCaller
        surveyScores = Dictionary(uniqueKeysWithValues: c.surveyScores.map { (String($0.key), $0.value) })
        let answers = c.surveyScores.values.reduce(0, +)
        surveyMean = answers > 0 ? Double(c.surveyScores.map { $0.key * $0.value }.reduce(0, +)) / Double(answers) : nil
    }

    static func seconds(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(value)
    }

    enum CodingKeys: String, CodingKey {
        case group, offered, answered, abandoned, shortAbandoned = "short_abandoned", exited, failed, waiting
        case answerRate = "answer_rate", abandonRate = "abandon_rate", serviceLevels = "service_levels", asa = "asa_s"
        case longestWait = "longest_wait_s", meanTalk = "mean_talk_s", transferred, callback
        case transfersByTarget = "transfers_by_target", oneStopRate = "one_stop_rate", repeatRate = "repeat_rate"
        case repeatCalls = "repeat_calls", callsWithCaller = "calls_with_caller", surveyScores = "survey_scores"
        case surveyMean = "survey_mean"
    }
}

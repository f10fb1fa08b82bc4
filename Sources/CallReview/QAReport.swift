import Foundation

/// One submitted evaluation as a report counts it.
public struct QAReportEvaluation: Sendable, Equatable {
    public var agentID: String
    public var team: String
    public var evaluator: String
    public var score: Double?
    public var criticalFailures: Int
    public var fatalFailures: Int
    /// "2026-11": the month of submission in the center's zone.
    public var month: String

    public init(agentID: String, team: String, evaluator: String, score: Double?, criticalFailures: Int, fatalFailures: Int, month: String) {
        self.agentID = agentID
        self.team = team
        self.evaluator = evaluator
        self.score = score
        self.criticalFailures = criticalFailures
        self.fatalFailures = fatalFailures
        self.month = month
    }
}

public struct QAReportItemCount: Codable, Sendable, Equatable {
    public var itemID: String
    public var sectionID: String
    public var severity: String
    public var answered: Int
    public var notApplicable: Int
    public var failed: Int
    /// failed / (answered - N/A); nil when never applicable.
    public var failureRate: Double?

    public init(itemID: String, sectionID: String, severity: String, answered: Int, notApplicable: Int, failed: Int) {
        self.itemID = itemID
        self.sectionID = sectionID
        self.severity = severity
        self.answered = answered
        self.notApplicable = notApplicable
        self.failed = failed
        let applicable = answered - notApplicable
        failureRate = applicable > 0 ? EvaluationScorer.round4(Double(failed) / Double(applicable)) : nil
    }

    enum CodingKeys: String, CodingKey {
        case itemID = "item", sectionID = "section", severity, answered, notApplicable = "not_applicable", failed
        case failureRate = "failure_rate"
    }
}

public struct QAReportGroup: Codable, Sendable, Equatable {
    public var key: String
    public var evaluations: Int
    public var meanScore: Double?
    public var criticalFailures: Int
    public var fatalFailures: Int
    /// By evaluator: their mean less the mean of every evaluation of the same teams (positive: scores higher).
    public var drift: Double?

    enum CodingKeys: String, CodingKey {
        case key, evaluations, meanScore = "mean_score", criticalFailures = "critical_failures", fatalFailures = "fatal_failures", drift
    }
}

public struct QAReportMonth: Codable, Sendable, Equatable {
    public var month: String
    public var evaluations: Int
    public var meanScore: Double?

    enum CodingKeys: String, CodingKey { case month, evaluations, meanScore = "mean_score" }
}

/// `report qa`: evaluations, mean score, critical failures, per group; item failure rates; monthly trend; each
/// evaluator's drift from the mean of the teams they scored.
public struct QAReport: Codable, Sendable, Equatable {
    public enum Grouping: String, Codable, Sendable, CaseIterable { case agent, team, item, evaluator }

    public var by: Grouping
    public var from: String
    public var to: String
    public var evaluations: Int
    public var meanScore: Double?
    public var criticalFailures: Int
    public var fatalFailures: Int
    public var groups: [QAReportGroup]
    public var items: [QAReportItemCount]
    public var months: [QAReportMonth]

    enum CodingKeys: String, CodingKey {
        case by, from, to, evaluations, meanScore = "mean_score", criticalFailures = "critical_failures"
        case fatalFailures = "fatal_failures", groups, items, months
    }

    public static func build(_ rows: [QAReportEvaluation], items: [QAReportItemCount], by: Grouping, from: String, to: String) -> QAReport {
        func mean(_ rs: [QAReportEvaluation]) -> Double? {
            let scores = rs.compactMap(\.score)
            return scores.isEmpty ? nil : EvaluationScorer.round2(scores.reduce(0, +) / Double(scores.count))
        }
        func group(_ key: String, _ rs: [QAReportEvaluation], drift: Double? = nil) -> QAReportGroup {
            QAReportGroup(key: key, evaluations: rs.count, meanScore: mean(rs), criticalFailures: rs.map(\.criticalFailures).reduce(0, +),
                          fatalFailures: rs.map(\.fatalFailures).reduce(0, +), drift: drift)
        }
        var groups: [QAReportGroup] = []
        switch by {
        case .agent: groups = Dictionary(grouping: rows, by: \.agentID).sorted { $0.key < $1.key }.map { group($0.key, $0.value) }
        case .team: groups = Dictionary(grouping: rows, by: \.team).sorted { $0.key < $1.key }.map { group($0.key, $0.value) }
        case .evaluator:
            let teamMean = Dictionary(grouping: rows, by: \.team).mapValues { rs -> Double? in
                let scores = rs.compactMap(\.score)
                return scores.isEmpty ? nil : scores.reduce(0, +) / Double(scores.count)
            }
            groups = Dictionary(grouping: rows, by: \.evaluator).sorted { $0.key < $1.key }.map { evaluator, rs in
                // Drift: the evaluator's mean less the mean of all evaluations of the teams they scored, weighted as they scored them.
                let own = rs.compactMap(\.score)
                let reference = rs.compactMap { r in r.score == nil ? nil : teamMean[r.team] ?? nil }
                let drift = own.isEmpty ? nil
                    : EvaluationScorer.round2(own.reduce(0, +) / Double(own.count) - reference.reduce(0, +) / Double(reference.count))
                return group(evaluator, rs, drift: drift)
            }
        case .item: groups = []
        }
        let months = Dictionary(grouping: rows, by: \.month).sorted { $0.key < $1.key }
            .map { QAReportMonth(month: $0.key, evaluations: $0.value.count, meanScore: mean($0.value)) }
        return QAReport(by: by, from: from, to: to, evaluations: rows.count, meanScore: mean(rows),
                        criticalFailures: rows.map(\.criticalFailures).reduce(0, +), fatalFailures: rows.map(\.fatalFailures).reduce(0, +),
                        groups: groups, items: items.sorted { ($0.failureRate ?? -1, $1.itemID) > ($1.failureRate ?? -1, $0.itemID) },
                        months: months)
    }
}

extension EvaluationScorer {
    static func round4(_ x: Double) -> Double { (x * 10_000).rounded(.toNearestOrAwayFromZero) / 10_000 }
}

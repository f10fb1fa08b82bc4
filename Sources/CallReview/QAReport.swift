import Foundation

/// Submitted evaluations as a report counts them: one evaluation, or several of the same agent, team, evaluator
/// and month added up (the catalog's monthly summaries).
public struct QAReportEvaluation: Sendable, Equatable {
    public var agentID: String
    public var team: String
    public var evaluator: String
    public var evaluations: Int
    /// Evaluations with a score (not every item N/A) and the sum of those scores.
    public var scored: Int
    public var scoreSum: Double
    public var criticalFailures: Int
    public var fatalFailures: Int
    /// "2026-11": the month of submission in the center's zone.
    public var month: String

    /// One evaluation.
    public init(agentID: String, team: String, evaluator: String, score: Double?, criticalFailures: Int, fatalFailures: Int, month: String) {
        self.init(agentID: agentID, team: team, evaluator: evaluator, evaluations: 1, scored: score == nil ? 0 : 1, scoreSum: score ?? 0,
                  criticalFailures: criticalFailures, fatalFailures: fatalFailures, month: month)
    }

    /// Several evaluations added up.
    public init(agentID: String, team: String, evaluator: String, evaluations: Int, scored: Int, scoreSum: Double, criticalFailures: Int,
                fatalFailures: Int, month: String) {
        self.agentID = agentID
        self.team = team
        self.evaluator = evaluator
        self.evaluations = evaluations
        self.scored = scored
        self.scoreSum = scoreSum
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
    /// The calibration sessions completed in the range (every participant submitted), nil when there were none.
    public var calibration: CalibrationFigures?

    enum CodingKeys: String, CodingKey {
        case by, from, to, evaluations, meanScore = "mean_score", criticalFailures = "critical_failures"
        case fatalFailures = "fatal_failures", groups, items, months, calibration
    }

    public static func build(_ rows: [QAReportEvaluation], items: [QAReportItemCount], by: Grouping, from: String, to: String,
                             calibration: [CalibrationSessionInput] = []) -> QAReport {
        func rawMean(_ rs: [QAReportEvaluation]) -> Double? {
            let n = rs.map(\.scored).reduce(0, +)
            return n == 0 ? nil : rs.map(\.scoreSum).reduce(0, +) / Double(n)
        }
        func mean(_ rs: [QAReportEvaluation]) -> Double? { rawMean(rs).map(EvaluationScorer.round2) }
        func count(_ rs: [QAReportEvaluation], _ k: KeyPath<QAReportEvaluation, Int>) -> Int { rs.map { $0[keyPath: k] }.reduce(0, +) }
        func group(_ key: String, _ rs: [QAReportEvaluation], drift: Double? = nil) -> QAReportGroup {
            QAReportGroup(key: key, evaluations: count(rs, \.evaluations), meanScore: mean(rs), criticalFailures: count(rs, \.criticalFailures),
                          fatalFailures: count(rs, \.fatalFailures), drift: drift)
        }
        var groups: [QAReportGroup] = []
        switch by {
        case .agent: groups = Dictionary(grouping: rows, by: \.agentID).sorted { $0.key < $1.key }.map { group($0.key, $0.value) }
        case .team: groups = Dictionary(grouping: rows, by: \.team).sorted { $0.key < $1.key }.map { group($0.key, $0.value) }
        case .evaluator:
            let teamMean = Dictionary(grouping: rows, by: \.team).mapValues(rawMean)
            groups = Dictionary(grouping: rows, by: \.evaluator).sorted { $0.key < $1.key }.map { evaluator, rs in
                // Drift: the evaluator's mean less the mean of all evaluations of the teams they scored, weighted as they scored them.
                let scored = count(rs, \.scored)
                var reference = 0.0
                for r in rs where r.scored > 0 { reference += Double(r.scored) * ((teamMean[r.team] ?? nil) ?? 0) }
                let drift = scored == 0 ? nil : EvaluationScorer.round2(rawMean(rs)! - reference / Double(scored))
                return group(evaluator, rs, drift: drift)
            }
        case .item: groups = []
        }
        let months = Dictionary(grouping: rows, by: \.month).sorted { $0.key < $1.key }
            .map { QAReportMonth(month: $0.key, evaluations: count($0.value, \.evaluations), meanScore: mean($0.value)) }
        return QAReport(by: by, from: from, to: to, evaluations: count(rows, \.evaluations), meanScore: mean(rows),
                        criticalFailures: count(rows, \.criticalFailures), fatalFailures: count(rows, \.fatalFailures),
                        groups: groups, items: items.sorted { ($0.failureRate ?? -1, $1.itemID) > ($1.failureRate ?? -1, $0.itemID) },
                        months: months, calibration: calibration.isEmpty ? nil : CalibrationAnalysis.figures(calibration))
    }
}

extension EvaluationScorer {
    static func round4(_ x: Double) -> Double { (x * 10_000).rounded(.toNearestOrAwayFromZero) / 10_000 }
}

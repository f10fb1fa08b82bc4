import Foundation

/// The score of an evaluation (docs/qa.md, "Scoring"):
/// - an item earns a fraction f of its weight: yes 1, no 0; a scale value v/max; a choice option points/max points;
/// - N/A items leave the numerator and the denominator; a section's score is 100 x sum(w f) / sum(w) over its
///   answered items, or N/A when none is;
/// - a failed critical item sets its section to 0;
/// - the evaluation's score is sum(W S) / sum(W) over sections that are not N/A (a 0-weight section is tracked,
///   not scored); a failed fatal item sets it to 0.
/// Scores are rounded half away from zero to two decimals.
public enum EvaluationScorer {
    public static func score(_ answers: EvaluationAnswers, rubric: Rubric) -> EvaluationScore {
        var sections: [SectionScore] = []
        var critical: [String] = [], fatal: [String] = [], failed: [String] = []
        var numerator = 0.0, denominator = 0.0
        for section in rubric.sections {
            var earned = 0.0, possible = 0.0, zeroed = false
            for item in section.items {
                guard let answer = answers.answers[item.id], let f = fraction(answer.value, item) else { continue }
                earned += item.weight * f
                possible += item.weight
                if fails(answer.value, item) {
                    failed.append(item.id)
                    switch item.severity {
                    case .critical: critical.append(item.id); zeroed = true
                    case .fatal: fatal.append(item.id)
                    case .normal: break
                    }
                }
            }
            let raw: Double? = possible > 0 ? (zeroed ? 0 : 100 * earned / possible) : nil
            sections.append(SectionScore(id: section.id, weight: section.weight, score: raw.map(round2), zeroedByCritical: zeroed))
            if let raw, section.weight > 0 {
                numerator += section.weight * raw
                denominator += section.weight
            }
        }
        let overall: Double? = denominator > 0 ? (fatal.isEmpty ? numerator / denominator : 0) : nil
        return EvaluationScore(score: overall.map(round2), sections: sections, failedItems: failed,
                               criticalFailures: critical, fatalFailures: fatal)
    }

    /// The fraction of the item's weight an answer earns; nil for N/A.
    public static func fraction(_ value: AnswerValue, _ item: RubricItem) -> Double? {
        switch (value, item.answer) {
        case (.notApplicable, _): nil
        case (.yes, _): 1
        case (.no, _): 0
        case (.scale(let v), .scale(let max, _)): Double(v) / Double(max)
        case (.choice(let id), .choice(let options)):
            (options.first { $0.id == id }?.points ?? 0) / (options.map(\.points).max() ?? 1)
        default: nil
        }
    }

    public static func fails(_ value: AnswerValue, _ item: RubricItem) -> Bool {
        switch (value, item.answer) {
        case (.no, .yesNo): true
        case (.scale(let v), .scale(_, let passMin)): v < passMin
        case (.choice(let id), .choice(let options)): options.first { $0.id == id }?.fails ?? false
        default: false
        }
    }

    static func round2(_ x: Double) -> Double { (x * 100).rounded(.toNearestOrAwayFromZero) / 100 }
}

public struct EvaluationScore: Codable, Sendable, Equatable {
    /// 0-100, nil when every item was N/A.
    public var score: Double?
    public var sections: [SectionScore]
    public var failedItems: [String]
    public var criticalFailures: [String]
    public var fatalFailures: [String]

    enum CodingKeys: String, CodingKey {
        case score, sections, failedItems = "failed_items", criticalFailures = "critical_failures", fatalFailures = "fatal_failures"
    }
}

public struct SectionScore: Codable, Sendable, Equatable {
    public var id: String
    public var weight: Double
    public var score: Double?
    public var zeroedByCritical: Bool

    enum CodingKeys: String, CodingKey {
        case id, weight, score, zeroedByCritical = "zeroed_by_critical"
    }
}

/// One answered item of an evaluation as the catalog keeps it for the reports (`qa_item_result`).
public struct ScoredItem: Sendable, Equatable {
    public var itemID: String
    public var sectionID: String
    /// The answer as written in answer files: yes, no, na, a scale value or a choice option's id.
    public var answer: String
    /// The fraction of the item's weight earned; nil for N/A.
    public var fraction: Double?
    public var failed: Bool
    public var severity: RubricItem.Severity
}

extension EvaluationScorer {
    /// The answered items of `answers` in rubric order, with their fraction and whether they failed (what a submit
    /// stores beside the score; the CLI and the web application both call this).
    public static func scoredItems(_ answers: EvaluationAnswers, rubric: Rubric) -> [ScoredItem] {
        rubric.sections.flatMap { section in
            section.items.compactMap { item -> ScoredItem? in
                guard let answer = answers.answers[item.id] else { return nil }
                return ScoredItem(itemID: item.id, sectionID: section.id, answer: answer.value.description,
                                  fraction: fraction(answer.value, item), failed: fails(answer.value, item), severity: item.severity)
            }
        }
    }
}

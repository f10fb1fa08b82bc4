import CallReview
import Foundation

enum ReviewFixtures {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    static func text(_ relative: String) throws -> String {
        try String(contentsOf: repository.appendingPathComponent(relative), encoding: .utf8)
    }

    static func municipalRubric() throws -> Rubric {
        try RubricLoader.load(try text("Pipelines/rubrics/municipal-call.yaml"), file: "municipal-call.yaml")
    }

    /// docs/qa.md worked example 1: no critical failure, N/A items and a whole N/A section.
    static let example1: [String: AnswerValue] = [
        "greeting-standard": .yes, "self-identification": .no,
        "active-listening": .scale(4), "clarifying-questions": .notApplicable,
        "correct-information": .yes, "complete-information": .scale(3),
        "one-stop": .choice("warm-transfer"), "transfer-briefing": .yes,
        "respectful-language": .yes, "empathy": .scale(3),
        "identity-verified": .notApplicable, "no-disclosure": .yes,
        "asks-before-hold": .notApplicable, "thanks-after-hold": .notApplicable,
        "summary-and-more": .yes, "closing-greeting": .yes,
    ]

    static func answers(_ values: [String: AnswerValue], comments: [String: String] = [:]) -> EvaluationAnswers {
        var result = EvaluationAnswers()
        for (id, value) in values { result.answers[id] = ItemAnswer(value, comment: comments[id]) }
        return result
    }
}

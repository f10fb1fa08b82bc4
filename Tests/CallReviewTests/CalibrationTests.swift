import CallReview
import Foundation
import Testing

/// Calibration figures on a hand-checked session (docs/qa.md, "Calibration"): one section of three items of weight 1
/// (two yes/no, one 0-4 scale), an expert E and evaluators A and B.
@Suite struct CalibrationTests {
    static let rubric = Rubric(id: "cal", title: "calibration", sections: [
        RubricSection(id: "s", label: "s", weight: 1, items: [
            RubricItem(id: "y1", label: "y1", weight: 1, answer: .yesNo),
            RubricItem(id: "y2", label: "y2", weight: 1, answer: .yesNo),
            RubricItem(id: "s1", label: "s1", weight: 1, answer: .scale(max: 4, passMin: 2), allowsNA: true),
        ]),
    ])

    static func rating(_ who: String, _ y1: AnswerValue, _ y2: AnswerValue, _ s1: AnswerValue) -> CalibrationRating {
        let answers = EvaluationAnswers(answers: ["y1": ItemAnswer(y1), "y2": ItemAnswer(y2), "s1": ItemAnswer(s1)])
        return CalibrationRating(evaluator: who, answers: answers, score: EvaluationScorer.score(answers, rubric: rubric).score)
    }

    /// E: yes yes 4 (100); A: yes no 3 (58.33); B: yes yes 2 (83.33).
    static let session1 = CalibrationSessionInput(id: 1, callID: "c1", rubric: rubric, expert: "E", ratings: [
        rating("E", .yes, .yes, .scale(4)), rating("A", .yes, .no, .scale(3)), rating("B", .yes, .yes, .scale(2)),
    ])
    /// Everyone: no yes 4 (66.67).
    static let session2 = CalibrationSessionInput(id: 2, callID: "c2", rubric: rubric, expert: "E", ratings: [
        rating("E", .no, .yes, .scale(4)), rating("A", .no, .yes, .scale(4)), rating("B", .no, .yes, .scale(4)),
    ])

    @Test func deviationsFromTheExpertAndTheConsensus() throws {
        let figures = CalibrationAnalysis.figures([Self.session1])
        #expect(figures.sessions == 1)
        let a = try #require(figures.evaluators.first { $0.evaluator == "A" })
        let b = try #require(figures.evaluators.first { $0.evaluator == "B" })
        #expect(figures.evaluators.map(\.evaluator) == ["A", "B"], "the expert is a coder, not an evaluator")
        #expect(a.scoreDeviation == -41.67 && b.scoreDeviation == -16.67)
        #expect(a.meanAbsoluteScoreDeviation == 41.67)
        // Consensus (100 + 58.33 + 83.33) / 3 = 80.553: A -22.22, B +2.78.
        #expect(a.consensusDeviation == -22.22 && b.consensusDeviation == 2.78)
        #expect(a.expertAgreement == 0.3333 && b.expertAgreement == 0.6667)
        // Points: |f - f_expert| x 100; A: y2 1 -> 0 is 100, s1 3/4 vs 4/4 is 25; B: s1 2/4 is 50.
        #expect(a.itemDeviations == ["y1": 0, "y2": 100, "s1": 25])
        #expect(b.itemDeviations == ["y1": 0, "y2": 0, "s1": 50])
        let items = Dictionary(uniqueKeysWithValues: figures.items.map { ($0.itemID, $0) })
        #expect(items["y2"]?.expertAgreement == 0.5 && items["y2"]?.meanAbsoluteDeviation == 50)
        #expect(items["s1"]?.level == .interval && items["s1"]?.expertAgreement == 0 && items["s1"]?.meanAbsoluteDeviation == 37.5)
        #expect(items["y1"]?.comparisons == 2)
        #expect(figures.scoreAlpha == nil, "a score alpha needs two sessions")
    }

    /// Worked by hand: nominal units (yes yes yes), (no yes yes), (no no no), (yes yes yes): coincidences yes-yes 7,
    /// no-no 3, yes-no 1, no-yes 1; n_yes 8, n_no 4, n 12: alpha = 1 - 11 x 2 / (2 x 8 x 4) = 0.65625.
    /// Interval units (3 2 4), (4 4 4): sum o d^2 = 6, sum n_c n_k d^2 = 42, n 6: alpha = 1 - 5 x 6 / 42 = 0.2857.
    @Test func alphaOverSessionsByLevel() throws {
        let figures = CalibrationAnalysis.figures([Self.session1, Self.session2])
        #expect(figures.alphaNominal == 0.6563)
        #expect(figures.alphaInterval == 0.2857)
        let scores: [[Double?]] = [[58.33, 83.33, 100], [66.67, 66.67, 66.67]]
        #expect(figures.scoreAlpha == KrippendorffAlpha.alpha(scores, level: .interval).map { ($0 * 10_000).rounded() / 10_000 })
        // y1 alone: (yes yes yes), (no no no): perfect agreement.
        #expect(figures.items.first { $0.itemID == "y1" }?.alpha == 1)
    }

    @Test func notApplicableIsAMissingValueAndADisagreement() throws {
        let session = CalibrationSessionInput(id: 3, callID: "c3", rubric: Self.rubric, expert: "E", ratings: [
            Self.rating("E", .yes, .yes, .scale(4)), Self.rating("A", .yes, .yes, .notApplicable),
        ])
        let figures = CalibrationAnalysis.figures([session])
        let s1 = try #require(figures.items.first { $0.itemID == "s1" })
        #expect(s1.comparisons == 1 && s1.expertAgreement == 0 && s1.meanAbsoluteDeviation == nil)
        #expect(figures.alphaInterval == nil, "one value left: nothing pairable")
    }

    @Test func storedAnswersDecode() throws {
        let answers = Self.session1.ratings[1].answers
        let json = String(decoding: try JSONEncoder().encode(answers), as: UTF8.self)
        let yaml = """
            rubric: cal
            title: calibration
            sections:
              - id: s
                label: s
                weight: 1
                items:
                  - {id: y1, label: y1, weight: 1, type: yes-no}
            """
        let input = try CalibrationSessionInput.decode(id: 9, callID: "c", rubricContent: yaml, rubricFile: "cal.yaml", expert: "E",
                                                       evaluations: [("A", json, 58.33)])
        #expect(input.ratings.first?.answers == answers && input.rubric.items.map(\.id) == ["y1"])
        #expect(throws: ReviewError.self) {
            try CalibrationSessionInput.decode(id: 9, callID: "c", rubricContent: yaml, rubricFile: "cal.yaml", expert: "E",
                                               evaluations: [("A", "{not json", nil)])
        }
    }
}

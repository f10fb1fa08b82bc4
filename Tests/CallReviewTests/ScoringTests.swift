import CallReview
import Testing

@Suite struct ScoringTests {
    /// docs/qa.md, worked example 1: sections 50, 80, 84, 75, 86.67, 100, N/A, 100 -> 7680 / 95 = 80.84.
    @Test func workedExampleOne() throws {
        let rubric = try ReviewFixtures.municipalRubric()
        let score = EvaluationScorer.score(ReviewFixtures.answers(ReviewFixtures.example1), rubric: rubric)
        #expect(score.sections.map(\.score) == [50, 80, 84, 75, 86.67, 100, nil, 100])
        #expect(score.score == 80.84)
        #expect(score.failedItems == ["self-identification"])
        #expect(score.criticalFailures.isEmpty && score.fatalFailures.isEmpty)
    }

    /// Worked example 2: the same call with wrong procedural information (critical): accuracy 0 -> 6000 / 95 = 63.16.
    @Test func workedExampleTwoCriticalZeroesSection() throws {
        let rubric = try ReviewFixtures.municipalRubric()
        var values = ReviewFixtures.example1
        values["correct-information"] = .no
        let score = EvaluationScorer.score(ReviewFixtures.answers(values, comments: ["correct-information": "wrong deadline"]), rubric: rubric)
        #expect(score.sections[2].score == 0 && score.sections[2].zeroedByCritical)
        #expect(score.score == 63.16)
        #expect(score.criticalFailures == ["correct-information"])
    }

    @Test func fatalZeroesEvaluation() throws {
        let rubric = try ReviewFixtures.municipalRubric()
        var values = ReviewFixtures.example1
        values["no-disclosure"] = .no
        let score = EvaluationScorer.score(ReviewFixtures.answers(values, comments: ["no-disclosure": "read the address back"]), rubric: rubric)
        #expect(score.score == 0)
        #expect(score.fatalFailures == ["no-disclosure"])
        #expect(score.sections[5].score == 0)  // the section keeps its own figure (no-disclosure was its only applicable item)
    }

    @Test func allNotApplicableHasNoScore() {
        let rubric = Rubric(id: "r", title: "t", sections: [
            RubricSection(id: "s", label: "s", weight: 1, items: [RubricItem(id: "a", label: "a", weight: 1, answer: .yesNo, allowsNA: true)]),
        ])
        let score = EvaluationScorer.score(ReviewFixtures.answers(["a": .notApplicable]), rubric: rubric)
        #expect(score.score == nil && score.sections[0].score == nil)
    }

    @Test func scaleFailsBelowPassMin() throws {
        let rubric = try ReviewFixtures.municipalRubric()
        let item = try #require(rubric.item("active-listening"))
        #expect(EvaluationScorer.fails(.scale(2), item))
        #expect(!EvaluationScorer.fails(.scale(3), item))
        #expect(EvaluationScorer.fraction(.scale(4), item) == 0.8)
    }
}

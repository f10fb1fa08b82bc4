import CallReview
import Testing

@Suite struct AnswerLoaderTests {
    @Test func templateFilledInLoadsAndScores() throws {
        let rubric = try ReviewFixtures.municipalRubric()
        var text = AnswerTemplate.yaml(rubric: rubric, versionID: "abc123", callID: "c1")
        for (id, value) in ReviewFixtures.example1 { text = text.replacingOccurrences(of: "  \(id):\n", with: "  \(id): \(value)\n") }
        let answers = try AnswerLoader.load(text, file: "a.yaml", rubric: rubric, complete: true)
        #expect(EvaluationScorer.score(answers, rubric: rubric).score == 80.84)
    }

    @Test func blankTemplateIsADraftNotASubmission() throws {
        let rubric = try ReviewFixtures.municipalRubric()
        let text = AnswerTemplate.yaml(rubric: rubric, versionID: "abc123", callID: "c1")
        #expect(try AnswerLoader.load(text, file: "t.yaml", rubric: rubric, complete: false).answers.isEmpty)
        #expect(throws: ReviewError.self) { try AnswerLoader.load(text, file: "t.yaml", rubric: rubric, complete: true) }
    }

    @Test func everyProblemListed() throws {
        let rubric = try ReviewFixtures.municipalRubric()
        let json = """
        {"answers": {"greeting-standard": "yes", "no-such-item": "yes", "self-identification": "na",
                     "correct-information": "no", "active-listening": 9, "one-stop": "maybe",
                     "empathy": {"answer": 4, "comment": "warm", "at": "1:23"}}}
        """
        do {
            _ = try AnswerLoader.load(json, file: "a.json", rubric: rubric, complete: true)
            Issue.record("accepted a bad answer file")
        } catch let error as ReviewError {
            let keys = Set(error.problems.map(\.key))
            #expect(error.code == .invalidAnswers)
            #expect(keys.isSuperset(of: ["answers.no-such-item", "answers.self-identification", "answers.correct-information.comment",
                                         "answers.active-listening", "answers.one-stop", "answers.closing-greeting"]),
                    "got \(keys.sorted())")
        }
    }

    @Test func commentPinnedToATime() throws {
        let rubric = try ReviewFixtures.municipalRubric()
        let answers = try AnswerLoader.load("answers:\n  empathy: {answer: 4, comment: warm, at: \"1:23\"}\n", file: "a.yaml",
                                            rubric: rubric, complete: false)
        #expect(answers.answers["empathy"] == ItemAnswer(.scale(4), comment: "warm", at: 83))
    }
}

import CallReview
import Foundation
import Testing

@Suite struct RubricLoaderTests {
    @Test func everyShippedRubricLoads() throws {
        let folder = ReviewFixtures.repository.appendingPathComponent("Pipelines/rubrics")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".yaml") }
        #expect(files.contains("municipal-call.yaml"))
        for file in files {
            let rubric = try RubricLoader.load(try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8), file: file)
            #expect(!rubric.items.isEmpty)
        }
    }

    @Test func municipalRubricHasTheIssuesCriticalItems() throws {
        let rubric = try ReviewFixtures.municipalRubric()
        #expect(rubric.sections.count == 8)
        #expect(rubric.sections.map(\.weight).reduce(0, +) == 100)
        #expect(rubric.item("correct-information")?.severity == .critical)
        #expect(rubric.item("respectful-language")?.severity == .fatal)
        #expect(rubric.item("no-disclosure")?.severity == .fatal)
    }

    @Test func everyMistakeIsReportedWithLineAndKey() {
        let yaml = """
        rubric: Bad Id
        title: t
        colour: red
        sections:
          - id: s1
            label: one
            weight: 10
            items:
              - id: a
                label: A
                weight: 1
                type: yes-no
                max: 5
              - id: a
                label: A again
                weight: 1
                type: choice
                severity: critical
                options:
                  - {id: x, label: X, points: 1}
                  - {id: y, label: Y, points: 0}
          - id: s2
            weight: ten
            items: []
        """
        #expect(throws: ReviewError.self) { try RubricLoader.load(yaml, file: "bad.yaml") }
        do {
            _ = try RubricLoader.load(yaml, file: "bad.yaml")
        } catch let error as ReviewError {
            let found = Set(error.problems.map { "\($0.line.map(String.init) ?? "-") \($0.key)" })
            #expect(error.code == .invalidRubric)
            #expect(found.isSuperset(of: [
                "1 rubric", "3 colour", "9 sections[0].items[0].type", "- sections[0].items[1].id",
                "20 sections[0].items[1].options", "22 sections[1].label", "23 sections[1].weight", "24 sections[1].items",
            ]), "got \(found.sorted())")
            #expect(error.problems.allSatisfy { $0.file == "bad.yaml" })
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test func syntaxErrorHasItsLine() {
        do {
            _ = try RubricLoader.load("rubric: x\ntitle: [unclosed\n", file: "broken.yaml")
            Issue.record("accepted broken YAML")
        } catch let error as ReviewError {
            #expect(error.problems.count == 1)
            #expect(error.problems.first?.line != nil)
        } catch { Issue.record("unexpected \(error)") }
    }
}

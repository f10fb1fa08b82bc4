import CallModel
import Foundation
import Testing
@testable import CallPipeline

@Suite struct RetentionDefinitionTests {
    @Test func theDefaultFileDeclaresTheStandardClasses() throws {
        let loaded = try PipelineDefinition.load(path: PipelineDefinitionTests.pipelines.appendingPathComponent("default.yaml").path)
        #expect(loaded.retention == .standard)
        #expect(loaded.retention.defaultClass == "general")
        #expect(loaded.retention.retentionClass(named: "short")?.period == .days(60))
        #expect(PipelineDefinition().retention == .standard)
    }

    @Test func aDefinitionWithoutRetentionTakesTheStandardPolicy() throws {
        #expect(try PipelineDefinition.parse(yaml: "name: x\n").retention == .standard)
        let onlyZone = try PipelineDefinition.parse(yaml: "retention:\n  timezone: UTC\n").retention
        #expect(onlyZone.timeZone == "UTC" && onlyZone.classes == RetentionPolicy.standard.classes)
    }

    @Test func customClassesAreRead() throws {
        let yaml = """
            retention:
              default_class: base
              classes:
                - name: base
                  days: 60
                - name: tax
                  years: 10
                  departments: [local-tax]
                  categories: [tax-appeal]
                  tags: [audit]
            """
        let policy = try PipelineDefinition.parse(yaml: yaml).retention
        #expect(policy.defaultClass == "base")
        #expect(policy.classes == [
            RetentionClass(name: "base", period: .days(60)),
            RetentionClass(name: "tax", period: .years(10),
                           match: RetentionMatch(categories: ["tax-appeal"], departments: ["local-tax"], tags: ["audit"])),
        ])
    }

    @Test(arguments: [
        ("retention:\n  default_class: a\n  classes:\n    - name: a\n      days: 1\n    - name: a\n      days: 2\n", "retention.classes[1].name"),
        ("retention:\n  default_class: a\n  classes:\n    - name: a\n      days: 0\n", "retention.classes[0].days"),
        ("retention:\n  default_class: a\n  classes:\n    - name: a\n      years: -3\n", "retention.classes[0].years"),
        ("retention:\n  default_class: a\n  classes:\n    - name: a\n      days: 1\n      years: 1\n", "retention.classes[0]: give either"),
        ("retention:\n  default_class: a\n  classes:\n    - name: a\n", "retention.classes[0]: give the retention period"),
        ("retention:\n  default_class: a\n  classes:\n    - days: 5\n", "retention.classes[0].name"),
        ("retention:\n  classes:\n    - name: a\n      days: 1\n", "retention.default_class: missing"),
        ("retention:\n  default_class: b\n  classes:\n    - name: a\n      days: 1\n", "retention.default_class"),
        ("retention:\n  default_class: nope\n", "retention.default_class"),
        ("retention:\n  timezone: Mars/Base\n", "retention.timezone"),
        ("retention:\n  default_class: a\n  classes:\n    - name: a\n      days: many\n", "retention"),
    ])
    func invalidRetentionIsRejectedNamingTheKey(yaml: String, key: String) {
        do {
            _ = try PipelineDefinition.parse(yaml: yaml)
            Issue.record("accepted: \(yaml)")
        } catch let error as PipelineError {
            #expect(error.code == .definitionInvalid)
            #expect(error.message.contains(key), "\(error.message)")
        } catch {
            Issue.record("unexpected error \(error)")
        }
    }
}

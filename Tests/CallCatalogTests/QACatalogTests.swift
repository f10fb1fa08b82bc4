@testable import CallCatalog
import CallModel
import Foundation
import Testing

/// The QA queue's storage rules: leases, release, team exclusion, immutable submissions, the qa-lead role.
@Suite struct QACatalogTests {
    let actor = AuditActor(account: "qa", sourceAddress: "local:test")
    let t0 = Date(timeIntervalSince1970: 1_796_000_000)

    func catalog(calls: [(String, String)]) throws -> Catalog {
        let catalog = try Catalog()
        for (i, (id, team)) in calls.enumerated() {
            var call = sampleCall(id: CallID(rawValue: id), source: String(repeating: "\(i % 10)", count: 63) + "\(i)")
            call.metadata.team = team
            _ = try catalog.commit(call)
        }
        for name in ["eva", "evb"] { try catalog.addUser(account(name, [.evaluator], teams: name == "evb" ? ["team-1"] : []), passwordHash: nil) }
        try catalog.addUser(account("lead", [.qaLead]), passwordHash: nil)
        try catalog.importRubricVersion(RubricVersionRecord(id: "v1", rubric: "r", title: "t", sourceFile: "r.yaml", content: "", importedAt: t0, importedBy: "lead"))
        _ = try catalog.addQASamples(calls.map { id, team in
            QASampleRecord(plan: "p", period: "2026-11", callID: id, agentID: "A017", team: team, targeted: false, reason: "random",
                           rubricVersion: "v1", sampledAt: t0, sampledBy: "lead")
        }, audit: actor.draft(.qaSample, at: t0))
        return catalog
    }

    @Test func qaLeadRoleIsStored() throws {
        let catalog = try catalog(calls: [])
        #expect(try catalog.user(named: "lead")?.roles == [.qaLead])
    }

    @Test func leaseExpiresAndTheCallGoesToTheNextEvaluator() throws {
        let catalog = try catalog(calls: [("c1", "team-2")])
        let first = try #require(try catalog.claimNextQASample(evaluator: "eva", excludedTeams: [], now: t0, lease: 1800, actor: actor))
        #expect(first.sample.callID == "c1" && !first.resumed)
        #expect(try catalog.isAssigned(callID: "c1", to: "eva"))
        #expect(try catalog.claimNextQASample(evaluator: "evb", excludedTeams: [], now: t0.addingTimeInterval(1799), lease: 1800, actor: actor) == nil)
        let taken = try #require(try catalog.claimNextQASample(evaluator: "evb", excludedTeams: [], now: t0.addingTimeInterval(1801), lease: 1800, actor: actor))
        #expect(taken.sample.callID == "c1" && taken.takenFrom == "eva")
        #expect(try !catalog.isAssigned(callID: "c1", to: "eva") && catalog.isAssigned(callID: "c1", to: "evb"))
    }

    @Test func releaseReturnsTheCallAndOwnTeamsAreExcluded() throws {
        let catalog = try catalog(calls: [("c1", "team-1"), ("c2", "team-2")])
        let claim = try #require(try catalog.claimNextQASample(evaluator: "evb", excludedTeams: ["team-1"], now: t0, lease: 1800, actor: actor))
        #expect(claim.sample.callID == "c2")
        #expect(try catalog.claimNextQASample(evaluator: "evb", excludedTeams: ["team-1"], now: t0, lease: 1800, actor: actor)?.resumed == true)
        #expect(try catalog.releaseQASample(callID: "c2", evaluator: "evb", now: t0, actor: actor))
        #expect(try !catalog.releaseQASample(callID: "c2", evaluator: "evb", now: t0, actor: actor))
        #expect(try !catalog.isAssigned(callID: "c2", to: "evb"))
        #expect(try catalog.qaQueueCounts(now: t0)["queued"] == 2)
    }

    @Test func submittedEvaluationIsImmutableAndNeedsAClaim() throws {
        let catalog = try catalog(calls: [("c1", "team-2")])
        func evaluation(_ status: QAEvaluationRecord.Status) -> QAEvaluationRecord {
            QAEvaluationRecord(sampleID: nil, callID: "c1", agentID: nil, team: nil, evaluator: "eva", rubricVersion: "v1", kind: .queue,
                               status: status, answersJSON: "{}", score: 90, scoreJSON: nil, criticalFailures: 0, fatalFailures: 0, at: t0)
        }
        #expect(throws: CatalogError.self) { try catalog.saveQueueEvaluation(evaluation(.draft), items: [], audit: actor.draft(.qaDraft, at: t0)) }
        _ = try catalog.claimNextQASample(evaluator: "eva", excludedTeams: [], now: t0, lease: 1800, actor: actor)
        try catalog.saveQueueEvaluation(evaluation(.draft), items: [], audit: actor.draft(.qaDraft, at: t0))
        let saved = try catalog.saveQueueEvaluation(evaluation(.submitted), items: [
            QAItemResultRecord(itemID: "a", sectionID: "s", answer: "no", fraction: 0, failed: true, severity: "critical"),
        ], audit: actor.draft(.qaSubmit, at: t0))
        #expect(try catalog.qaEvaluations(callID: "c1").count == 1, "the draft became the submission")
        #expect(throws: CatalogError.self) { try catalog.saveQueueEvaluation(evaluation(.submitted), items: [], audit: actor.draft(.qaSubmit, at: t0)) }
        #expect(throws: (any Error).self) { try catalog.unsafeExecuteForTesting(sql: "UPDATE qa_evaluation SET score = 100 WHERE id = \(saved.id!)") }
        let rows = try catalog.qaSubmittedEvaluations(from: t0.addingTimeInterval(-1), to: t0.addingTimeInterval(1))
        #expect(rows.map(\.score) == [90])
        #expect(try catalog.qaItemCounts(from: t0.addingTimeInterval(-1), to: t0.addingTimeInterval(1)).first?.failed == 1)
        // The submitted call is not handed out again.
        #expect(try catalog.claimNextQASample(evaluator: "evb", excludedTeams: [], now: t0.addingTimeInterval(4000), lease: 1800, actor: actor) == nil)
    }
}

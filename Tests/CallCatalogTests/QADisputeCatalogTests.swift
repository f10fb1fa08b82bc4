@testable import CallCatalog
import CallModel
import Foundation
import Testing

/// Disputes: window, limit, one open at a time, resolved by another evaluator, amended evaluations replace the
/// disputed one in reports, every step audited.
@Suite struct QADisputeCatalogTests {
    let t0 = Date(timeIntervalSince1970: 1_796_000_000)
    let eva = AuditActor(account: "eva", sourceAddress: "local:test")
    let sup = AuditActor(account: "sup", sourceAddress: "local:test")
    let evb = AuditActor(account: "evb", sourceAddress: "local:test")

    func submitted() throws -> (Catalog, Int64) {
        let catalog = try Catalog()
        _ = try catalog.commit(sampleCall(id: "c1"))
        for name in ["eva", "evb", "sup"] { try catalog.addUser(account(name, name == "sup" ? [.supervisor] : [.evaluator]), passwordHash: nil) }
        try catalog.importRubricVersion(RubricVersionRecord(id: "v1", rubric: "r", title: "t", sourceFile: "r.yaml", content: "", importedAt: t0, importedBy: "x"))
        _ = try catalog.addQASamples([QASampleRecord(plan: "p", period: "2026-11", callID: "c1", agentID: "A017", team: "team-2", targeted: false,
                                                     reason: "random", rubricVersion: "v1", sampledAt: t0, sampledBy: "x")], audit: nil)
        _ = try catalog.claimNextQASample(evaluator: "eva", excludedTeams: [], now: t0, lease: 1800, actor: eva)
        let e = try catalog.saveQueueEvaluation(
            QAEvaluationRecord(sampleID: nil, callID: "c1", agentID: nil, team: nil, evaluator: "eva", rubricVersion: "v1", kind: .queue,
                               status: .submitted, answersJSON: "{}", score: 50, scoreJSON: nil, criticalFailures: 1, fatalFailures: 0, at: t0),
            items: [], audit: eva.draft(.qaSubmit, at: t0, callID: "c1"))
        return (catalog, e.id!)
    }

    @Test func disputeAmendedByAnotherEvaluatorReplacesTheScore() throws {
        let (catalog, id) = try submitted()
        let dispute = try catalog.openQADispute(evaluationID: id, reason: "the deadline given was right", now: t0.addingTimeInterval(86_400),
                                                windowDays: 14, maxDisputes: 2, actor: sup)
        #expect(throws: CatalogError.self) {
            try catalog.openQADispute(evaluationID: id, reason: "again", now: t0, windowDays: 14, maxDisputes: 2, actor: sup)
        }
        #expect(throws: CatalogError.self) {
            try catalog.resolveQADispute(disputeID: dispute.id!, outcome: .upheld, note: nil, amendment: nil, items: [], now: t0, actor: eva)
        }
        let amended = QAEvaluationRecord(sampleID: nil, callID: "c1", agentID: nil, team: nil, evaluator: "evb", rubricVersion: "v1", kind: .amendment,
                                         status: .submitted, answersJSON: "{}", score: 88, scoreJSON: nil, criticalFailures: 0, fatalFailures: 0,
                                         at: t0.addingTimeInterval(2 * 86_400))
        let resolved = try catalog.resolveQADispute(disputeID: dispute.id!, outcome: .amended, note: "agreed", amendment: amended, items: [],
                                                    now: t0.addingTimeInterval(2 * 86_400), actor: evb)
        #expect(resolved.outcome == .amended && resolved.resolver == "evb")
        let rows = try catalog.qaSubmittedEvaluations(from: t0.addingTimeInterval(-1), to: t0.addingTimeInterval(3 * 86_400))
        #expect(rows.map(\.score) == [88])
        #expect(try catalog.qaEvaluation(id: id)?.score == 50, "the original stays in the history")
        let actions = try catalog.auditEntries(AuditQuery(limit: 50)).map(\.action)
        #expect(actions.contains(.qaDispute) && actions.contains(.qaResolve))
    }

    @Test func windowAndLimit() throws {
        let (catalog, id) = try submitted()
        #expect(throws: CatalogError.self) {
            try catalog.openQADispute(evaluationID: id, reason: "late", now: t0.addingTimeInterval(15 * 86_400), windowDays: 14, maxDisputes: 2, actor: sup)
        }
        for _ in 0..<2 {
            let d = try catalog.openQADispute(evaluationID: id, reason: "r", now: t0, windowDays: 14, maxDisputes: 2, actor: sup)
            _ = try catalog.resolveQADispute(disputeID: d.id!, outcome: .upheld, note: nil, amendment: nil, items: [], now: t0, actor: evb)
        }
        #expect(throws: CatalogError.self) {
            try catalog.openQADispute(evaluationID: id, reason: "third", now: t0, windowDays: 14, maxDisputes: 2, actor: sup)
        }
    }
}

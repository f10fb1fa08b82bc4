@testable import CallCatalog
import CallModel
import Foundation
import Testing

/// Calibration sessions in the catalog: participants, assignments, blind until complete, immutable submissions,
/// kept out of the agents' QA scores.
@Suite struct QACalibrationCatalogTests {
    let actor = AuditActor(account: "lead", sourceAddress: "local:test")
    let t0 = Date(timeIntervalSince1970: 1_796_000_000)

    func catalog() throws -> Catalog {
        let catalog = try Catalog()
        var call = sampleCall(id: CallID(rawValue: "c1"), source: String(repeating: "a", count: 64))
        call.metadata.team = "team-1"
        _ = try catalog.commit(call)
        for name in ["eva", "evb"] { try catalog.addUser(account(name, [.evaluator]), passwordHash: nil) }
        try catalog.addUser(account("lead", [.qaLead]), passwordHash: nil)
        try catalog.addUser(account("sup", [.supervisor], teams: ["team-1"]), passwordHash: nil)
        try catalog.importRubricVersion(RubricVersionRecord(id: "v1", rubric: "r", title: "t", sourceFile: "r.yaml", content: "", importedAt: t0, importedBy: "lead"))
        return catalog
    }

    func evaluation(_ who: String, _ status: QAEvaluationRecord.Status, score: Double) -> QAEvaluationRecord {
        QAEvaluationRecord(sampleID: nil, callID: "ignored", agentID: nil, team: nil, evaluator: who, rubricVersion: "ignored", kind: .calibration,
                           status: status, answersJSON: "{\"answers\":{}}", score: score, scoreJSON: nil, criticalFailures: 0, fatalFailures: 0, at: t0)
    }

    @Test func openRefusesBadParticipants() throws {
        let catalog = try catalog()
        #expect(throws: CatalogError.self) { try catalog.openQACalibration(callID: "c1", rubricVersion: "v1", expert: "lead", evaluators: [], now: t0, actor: actor) }
        #expect(throws: CatalogError.self) { try catalog.openQACalibration(callID: "c1", rubricVersion: "v1", expert: "lead", evaluators: ["lead"], now: t0, actor: actor) }
        #expect(throws: CatalogError.self) { try catalog.openQACalibration(callID: "c1", rubricVersion: "v1", expert: "lead", evaluators: ["sup"], now: t0, actor: actor) }
        #expect(throws: CatalogError.self) { try catalog.openQACalibration(callID: "nope", rubricVersion: "v1", expert: "lead", evaluators: ["eva"], now: t0, actor: actor) }
        #expect(throws: CatalogError.self) { try catalog.openQACalibration(callID: "c1", rubricVersion: "v9", expert: "lead", evaluators: ["eva"], now: t0, actor: actor) }
        #expect(try catalog.qaCalibrations().isEmpty, "a refused session leaves nothing behind")
    }

    @Test func sessionCompletesWhenEveryParticipantSubmitted() throws {
        let catalog = try catalog()
        let opened = try catalog.openQACalibration(callID: "c1", rubricVersion: "v1", expert: "lead", evaluators: ["eva", "evb"], now: t0, actor: actor)
        #expect(opened.participants == ["eva", "evb", "lead"] && !opened.complete)
        for name in ["eva", "evb", "lead"] { #expect(try catalog.isAssigned(callID: CallID(rawValue: "c1"), to: name)) }
        let id = opened.id
        #expect(throws: CatalogError.self, "not a participant") {
            try catalog.saveQACalibrationEvaluation(session: id, evaluation("sup", .submitted, score: 50), items: [], audit: actor.draft(.qaSubmit, at: t0))
        }
        try catalog.saveQACalibrationEvaluation(session: id, evaluation("eva", .draft, score: 10), items: [], audit: actor.draft(.qaDraft, at: t0))
        let saved = try catalog.saveQACalibrationEvaluation(session: id, evaluation("eva", .submitted, score: 80), items: [
            QAItemResultRecord(itemID: "a", sectionID: "s", answer: "yes", fraction: 1, failed: false, severity: "normal"),
        ], audit: actor.draft(.qaSubmit, at: t0))
        #expect(saved.kind == .calibration && saved.callID == "c1" && saved.team == "team-1" && saved.rubricVersion == "v1")
        #expect(throws: CatalogError.self, "submitted once") {
            try catalog.saveQACalibrationEvaluation(session: id, evaluation("eva", .submitted, score: 90), items: [], audit: actor.draft(.qaSubmit, at: t0))
        }
        #expect(try catalog.qaCalibration(id: id)?.submitted == ["eva"])
        #expect(try catalog.qaCompletedCalibrations(from: t0.addingTimeInterval(-1), to: t0.addingTimeInterval(10)).isEmpty, "still open")
        try catalog.saveQACalibrationEvaluation(session: id, evaluation("evb", .submitted, score: 70), items: [], audit: actor.draft(.qaSubmit, at: t0))
        let expert = try catalog.saveQACalibrationEvaluation(session: id, evaluation("lead", .submitted, score: 75), items: [], audit: actor.draft(.qaSubmit, at: t0))
        #expect(expert.kind == .expert)
        let done = try #require(try catalog.qaCalibration(id: id))
        #expect(done.complete && done.completedAt != nil)
        let completed = try catalog.qaCompletedCalibrations(from: t0.addingTimeInterval(-1), to: t0.addingTimeInterval(10))
        #expect(completed.count == 1 && completed[0].1.map(\.score) == [80, 70, 75])
        #expect(try catalog.qaCompletedCalibrations(from: t0.addingTimeInterval(-1), to: t0.addingTimeInterval(10), teams: ["team-2"]).isEmpty)
        #expect(try catalog.qaCalibrations(participant: "evb").map(\.id) == [id])
        #expect(try catalog.qaCalibrations(participant: "sup").isEmpty)
        // Calibration scores never count as the agent's QA scores.
        #expect(try catalog.qaSubmittedEvaluations(from: t0.addingTimeInterval(-1), to: t0.addingTimeInterval(10)).isEmpty)
    }
}

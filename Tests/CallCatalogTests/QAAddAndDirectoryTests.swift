@testable import CallCatalog
import CallModel
import Foundation
import Testing

/// `qa add` (a call sent to the QA queue by hand) and the agent directory applied as calls are committed (issue 19).
@Suite struct QAAddAndDirectoryTests {
    let actor = AuditActor(account: "sup", sourceAddress: "local:test")
    let t0 = Date(timeIntervalSince1970: 1_796_000_000)

    @Test func aCallSentByHandIsQueuedOnceWithItsReason() throws {
        let catalog = try Catalog()
        _ = try catalog.commit(sampleCall(id: "c1"))
        try catalog.importRubricVersion(RubricVersionRecord(id: "v1", rubric: "r", title: "t", sourceFile: "r.yaml", content: "", importedAt: t0, importedBy: "lead"))
        #expect(throws: CatalogError.self, "a reason is required") {
            try catalog.addQASampleByHand(callID: "c1", reason: "  ", rubricVersion: "v1", period: "2026-11", now: t0, actor: actor)
        }
        #expect(throws: CatalogError.self) { try catalog.addQASampleByHand(callID: "nope", reason: "r", rubricVersion: "v1", period: "2026-11", now: t0, actor: actor) }
        #expect(throws: CatalogError.self) { try catalog.addQASampleByHand(callID: "c1", reason: "r", rubricVersion: "v9", period: "2026-11", now: t0, actor: actor) }
        let sample = try catalog.addQASampleByHand(callID: "c1", reason: "caller complained of rudeness", rubricVersion: "v1", period: "2026-11", now: t0, actor: actor)
        #expect(sample.plan == Catalog.addedByHandPlan && sample.state == .queued && sample.agentID == "A017" && sample.team == "team-2")
        #expect(sample.reason == "added by sup: caller complained of rudeness")
        #expect(throws: CatalogError.self, "already waiting") {
            try catalog.addQASampleByHand(callID: "c1", reason: "again", rubricVersion: "v1", period: "2026-11", now: t0, actor: actor)
        }
        let head = try #require(try catalog.auditHead())
        #expect(head.action == .qaAdd && head.reason == "caller complained of rudeness" && head.callID == "c1")
        try catalog.addUser(account("eva", [.evaluator]), passwordHash: nil)
        let claim = try catalog.claimNextQASample(evaluator: "eva", excludedTeams: [], now: t0, lease: 1800, actor: actor)
        #expect(claim?.sample.callID == "c1", "the queue hands it out like a sampled call")
    }

    /// A call crossing the directory's change at local midnight: 2026-03-02 15:30 UTC is 2026-03-03 00:30 in Seoul,
    /// the first day of lee's move to team-1.
    @Test func ingestTakesTheTeamOfTheCallsLocalDay() throws {
        let catalog = try Catalog()
        let rows = [
            AgentDirectoryEntry(agent: "lee", recorderID: "SIP/1002", displayName: nil, team: "team-2", department: "민원", validFrom: "2026-01-01", validTo: "2026-03-03"),
            AgentDirectoryEntry(agent: "lee", recorderID: "SIP/1002", displayName: nil, team: "team-1", department: "민원", validFrom: "2026-03-03", validTo: nil),
        ]
        _ = try catalog.storeAgentDirectory(rows.map { (AgentDirectoryEntry.recorderKey($0.recorderID), $0) }, audit: nil)
        func call(_ id: CallID, agent: String?, team: String?, at: Date, source: Character) -> Call {
            var c = sampleCall(id: id, source: String(repeating: source, count: 64))
            c.archive.relativePath = "x/\(id.rawValue).opus"
            c.metadata.agentID = agent
            c.metadata.team = team
            c.metadata.department = nil
            c.metadata.startTime = at
            return c
        }
        let midnight = Date(timeIntervalSince1970: 1_772_465_400)
        _ = try catalog.commit(call("c1", agent: "pjsip/1002", team: nil, at: midnight, source: "1"), audit: actor.draft(.ingestArchived, at: t0))
        _ = try catalog.commit(call("c2", agent: "1002", team: nil, at: midnight.addingTimeInterval(-3600), source: "2"), audit: actor.draft(.ingestArchived, at: t0))
        _ = try catalog.commit(call("c3", agent: "1002", team: "team-9", at: midnight, source: "3"), audit: actor.draft(.ingestArchived, at: t0))
        _ = try catalog.commit(call("c4", agent: "9999", team: nil, at: midnight, source: "4"), audit: actor.draft(.ingestArchived, at: t0))
        #expect(try catalog.call(id: "c1")?.metadata.team == "team-1")
        #expect(try catalog.call(id: "c1")?.metadata.department == "민원")
        #expect(try catalog.call(id: "c2")?.metadata.team == "team-2", "23:30 on the day before, in Seoul")
        #expect(try catalog.call(id: "c3")?.metadata.team == "team-9", "the metadata's own team wins")
        #expect(try catalog.call(id: "c4")?.metadata.team == nil, "not in the directory")
        let entries = try catalog.auditEntries(afterSeq: 0, limit: 100).filter { $0.action.rawValue == "agent-directory-team" }
        #expect(entries.map(\.callID) == ["c1", "c2"] && entries.allSatisfy { $0.detail["at"] == "ingest" })
    }
}

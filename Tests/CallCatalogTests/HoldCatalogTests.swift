import CallModel
import Foundation
import Testing
@testable import CallCatalog

@Suite struct HoldCatalogTests {
    @Test func agentAndTeamSelectionsResolveIntoCalls() throws {
        let catalog = try Catalog()
        try commitRetained(catalog, 1, expires: 10, start: t0, agent: "A1", team: "T1")
        try commitRetained(catalog, 2, expires: 10, start: t0.addingTimeInterval(retentionDay), agent: "A1", team: "T2")
        try commitRetained(catalog, 3, expires: 10, start: t0.addingTimeInterval(3 * retentionDay), agent: "A1", team: "T1")
        try commitRetained(catalog, 4, expires: 10, start: t0, agent: "A2", team: "T1")
        let byAgent = try catalog.placeHold(holder: "Seoul Central District Court", reason: "case 2026-77",
                                            selection: .agent("A1", from: t0, until: t0.addingTimeInterval(2 * retentionDay)),
                                            by: "arch", from: "local:uid=1000", at: t0.addingTimeInterval(10))
        #expect(byAgent.callIDs == [retainedCall(1).id, retainedCall(2).id])
        #expect(byAgent.isActive && byAgent.placedBy == "arch" && byAgent.scope.hasPrefix("agent A1 "))
        let byTeam = try catalog.placeHold(holder: "audit office", reason: "review 12",
                                           selection: .team("T1", from: t0, until: t0.addingTimeInterval(10 * retentionDay)),
                                           by: "arch", from: "local:uid=1000", at: t0.addingTimeInterval(20))
        #expect(byTeam.callIDs == [retainedCall(1).id, retainedCall(3).id, retainedCall(4).id])
        #expect(try catalog.legalHolds().map(\.id) == [byAgent.id, byTeam.id])
        #expect(try catalog.retentionStatus(callID: retainedCall(1).id)?.activeHoldIDs == [byAgent.id, byTeam.id])

        let audit = try catalog.auditEntries(AuditQuery(action: .holdAdd))
        #expect(audit.count == 5)
        #expect(audit.allSatisfy { $0.reason != nil && $0.callID != nil && $0.detail["hold_id"] != nil })
        #expect(audit.filter { $0.callID == retainedCall(1).id }.count == 2)
    }

    @Test func badHoldsAreRefusedAndWriteNothing() throws {
        let catalog = try Catalog()
        let call = try commitRetained(catalog, 1, expires: 10)
        func place(holder: String = "court", reason: String = "case", _ selection: HoldSelection) -> CatalogError.Code? {
            catalogErrorCode { try catalog.placeHold(holder: holder, reason: reason, selection: selection, by: "a", from: "l", at: t0) }
        }
        #expect(place(reason: "  ", .calls([call.id])) == .invalidValue)
        #expect(place(holder: " ", .calls([call.id])) == .invalidValue)
        #expect(place(.calls([call.id, "20990101-nope"])) == .notFound)
        #expect(place(.calls([])) == .invalidValue)
        #expect(place(.agent("A017", from: t0, until: t0)) == .invalidValue)
        #expect(place(.agent("nobody", from: t0, until: t0.addingTimeInterval(9e6))) == .invalidValue)
        #expect(try catalog.legalHolds(includeReleased: true).isEmpty)
        #expect(try catalog.auditCount() == 0)
    }

    @Test func releasingAHoldMakesItsCallsDueAgain() throws {
        let catalog = try Catalog()
        let call = try commitRetained(catalog, 1, expires: 10)
        let later = t0.addingTimeInterval(30 * retentionDay)
        let hold = try catalog.placeHold(holder: "court", reason: "case 1", selection: .calls([call.id, call.id]),
                                         by: "arch", from: "l", at: t0)
        #expect(hold.callIDs == [call.id])
        #expect(try catalog.expiredCalls(asOf: later).isEmpty)
        #expect(catalogErrorCode { try catalog.releaseHold(id: hold.id, reason: "", by: "arch", from: "l", at: later) } == .invalidValue)
        #expect(catalogErrorCode { try catalog.releaseHold(id: 999, reason: "x", by: "arch", from: "l", at: later) } == .notFound)
        let released = try catalog.releaseHold(id: hold.id, reason: "case closed", by: "arch2", from: "l", at: later)
        #expect(!released.isActive && released.releasedBy == "arch2" && released.releaseReason == "case closed")
        #expect(released.releasedAt == later)
        #expect(try catalog.expiredCalls(asOf: later).map(\.callID) == [call.id])
        #expect(catalogErrorCode { try catalog.releaseHold(id: hold.id, reason: "x", by: "arch", from: "l", at: later) } == .conflict)
        #expect(try catalog.legalHolds().isEmpty)
        #expect(try catalog.legalHolds(includeReleased: true) == [released])
        #expect(try catalog.legalHolds(callID: call.id) == [released])
        #expect(try catalog.auditEntries(AuditQuery(action: .holdRelease)).map(\.callID) == [call.id])
    }

    @Test func aCallBeingDestroyedCannotBeHeld() throws {
        let catalog = try Catalog()
        let call = try commitRetained(catalog, 1, expires: 10, format: .oggOpus)
        let now = t0.addingTimeInterval(20 * retentionDay)
        let (run, _) = try newRun(catalog, asOf: now)
        #expect(try catalog.claimForDestruction(runID: run.id!, callID: call.id, at: now) == .fileDeletionPending)
        #expect(catalogErrorCode { try catalog.placeHold(holder: "c", reason: "r", selection: .calls([call.id]), by: "a", from: "l", at: now) } == .conflict)
        #expect(catalogErrorCode {
            try catalog.placeHold(holder: "c", reason: "r", selection: .agent("A017", from: t0, until: now), by: "a", from: "l", at: now)
        } == .invalidValue, "a selection leaves out calls being destroyed")
    }
}

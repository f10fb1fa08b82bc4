import CallModel
import Foundation
import Testing
@testable import CallCatalog

@Suite struct RetentionCatalogTests {
    @Test func commitStoresTheRetentionWithTheCall() throws {
        let catalog = try Catalog()
        let call = try commitRetained(catalog, 1, expires: 1000)
        let status = try #require(try catalog.retentionStatus(callID: call.id))
        #expect(status.retentionClass == "general")
        #expect(status.expiresAt == t0.addingTimeInterval(1000 * retentionDay))
        #expect(status.purgedAt == nil && status.activeHoldIDs.isEmpty)
        try commitRetained(catalog, 2, expires: nil)
        #expect(try catalog.retentionStatus(callID: retainedCall(2).id)?.retentionClass == nil)
        #expect(try catalog.retentionStatus(callID: "nope") == nil)
        #expect(try catalog.call(id: call.id) == call, "the call itself reads back unchanged")
    }

    @Test func applyingAPolicyAssignsAndExtendsButNeverShortens() throws {
        let catalog = try Catalog()
        try commitRetained(catalog, 1, expires: 1000)  // later than the policy's 101 days: kept
        try commitRetained(catalog, 2, expires: 10)    // earlier: extended
        try commitRetained(catalog, 3, expires: nil)   // none: assigned
        let policy = RetentionPolicy(classes: [RetentionClass(name: "keep", period: .days(100))], defaultClass: "keep")
        #expect(catalogErrorCode { _ = try catalog.extendRetention(policy: policy, at: t0, by: "arch", from: "local", reason: " ") } == .invalidValue)
        #expect(try catalog.retentionStatus(callID: retainedCall(3).id)?.retentionClass == nil, "a refused change changes nothing")

        let update = try catalog.extendRetention(policy: policy, at: t0, by: "arch", from: "local", reason: "policy v2", pageSize: 2)
        #expect(update.assigned == 1 && update.extended == 1 && update.unchanged == 1 && update.changed == 2)
        #expect(try catalog.retentionStatus(callID: retainedCall(1).id)?.expiresAt == t0.addingTimeInterval(1000 * retentionDay))
        #expect(try catalog.retentionStatus(callID: retainedCall(1).id)?.retentionClass == "general")
        let extended = try #require(try catalog.retentionStatus(callID: retainedCall(2).id))
        #expect(extended.retentionClass == "keep" && extended.expiresAt! > t0.addingTimeInterval(100 * retentionDay))
        #expect(try catalog.retentionStatus(callID: retainedCall(3).id)?.retentionClass == "keep")

        let shorter = RetentionPolicy(classes: [RetentionClass(name: "brief", period: .days(1))], defaultClass: "brief")
        let again = try catalog.extendRetention(policy: shorter, at: t0, by: "arch", from: "local", reason: "shorter")
        #expect(again.changed == 0 && again.unchanged == 3)
        #expect(try catalog.retentionStatus(callID: retainedCall(2).id) == extended)

        let audit = try catalog.auditEntries(AuditQuery(action: .policyChange))
        #expect(audit.count == 2)
        #expect(audit[0].reason == "policy v2" && audit[0].detail["extended"] == "1" && audit[0].detail["assigned"] == "1")
        #expect(audit[0].detail["policy_sha256"] == policy.snapshotSHA256)
    }

    @Test func expiredCallsLeaveOutFutureHeldAndDestroyedCalls() throws {
        let catalog = try Catalog()
        let now = t0.addingTimeInterval(50 * retentionDay)
        try commitRetained(catalog, 1, expires: 10)
        try commitRetained(catalog, 2, expires: 100)
        try commitRetained(catalog, 3, expires: 10)
        try commitRetained(catalog, 4, expires: 10)
        try commitRetained(catalog, 5, expires: nil)
        try catalog.placeHold(holder: "court", reason: "case 2026-77", selection: .calls([retainedCall(3).id]),
                              by: "arch", from: "local", at: t0)
        let (run, _) = try catalog.beginPurgeRun(PurgeRun(startedAt: now, asOf: now, operatorAccount: "arch", sourceAddress: "local",
                                                          policySHA256: "x", policy: nil))
        _ = try catalog.claimForDestruction(runID: run.id!, callID: retainedCall(4).id, at: now)
        #expect(try catalog.expiredCalls(asOf: now).map(\.callID) == [retainedCall(1).id])
        #expect(try catalog.heldExpiredCount(asOf: now) == 1)
        let expired = try #require(try catalog.expiredCalls(asOf: now).first)
        #expect(expired.retentionClass == "general" && expired.archiveFormat == .encryptedV1)
        #expect(expired.expiresAt == t0.addingTimeInterval(10 * retentionDay))
        #expect(try catalog.expiredCalls(asOf: t0.addingTimeInterval(10 * retentionDay - 0.001)).isEmpty, "never a millisecond early")
    }

    @Test func newestTimestampCoversIngestAuditAndHolds() throws {
        let catalog = try Catalog()
        #expect(try catalog.newestTimestamp() == nil)
        let call = try commitRetained(catalog, 1, expires: 10)
        #expect(try catalog.newestTimestamp() == call.ingestedAt)
        try catalog.appendAudit(draft(.login, at: t0.addingTimeInterval(3600)))
        #expect(try catalog.newestTimestamp() == t0.addingTimeInterval(3600))
        try catalog.placeHold(holder: "court", reason: "r", selection: .calls([call.id]), by: "a", from: "l",
                              at: t0.addingTimeInterval(7200))
        #expect(try catalog.newestTimestamp() == t0.addingTimeInterval(7200))
    }

    @Test func theWALIsTruncatedByACheckpoint() throws {
        let folder = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("catalog.sqlite").path
        let catalog = try Catalog(path: path)
        for n in 1...5 { try commitRetained(catalog, n, expires: 10) }
        let wal = path + "-wal"
        #expect(((try? FileManager.default.attributesOfItem(atPath: wal)[.size] as? Int) ?? 0) > 0)
        #expect(try catalog.checkpointWAL())
        #expect((try FileManager.default.attributesOfItem(atPath: wal)[.size] as? Int) == 0)
    }
}

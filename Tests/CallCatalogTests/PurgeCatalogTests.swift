import CallModel
import Foundation
import Testing
@testable import CallCatalog

@Suite struct PurgeCatalogTests {
    let now = t0.addingTimeInterval(20 * retentionDay)

    @Test func anEncryptedCallIsShreddedInOneStep() throws {
        let catalog = try Catalog()
        let call = try commitRetained(catalog, 1, expires: 10)
        let (run, selected) = try newRun(catalog, asOf: now)
        #expect(selected == 1)
        guard case .keyErased(let tombstone) = try catalog.claimForDestruction(runID: run.id!, callID: call.id, at: now) else {
            Issue.record("an encrypted call was not shredded")
            return
        }
        #expect(try catalog.archiveKey(callID: call.id) == nil)
        #expect(tombstone.keyErased && tombstone.kekID == testKeyRecord.kekID && !tombstone.fileDeleted)
        #expect(tombstone.dataKeyFileID == "000102030405060708090a0b0c0d0e0f")
        #expect(tombstone.sourceSHA256 == call.sourceSHA256 && tombstone.archiveSHA256 == call.archive.sha256)
        #expect(tombstone.archivePath == call.archive.relativePath && tombstone.retentionClass == "general")
        #expect(tombstone.expiresAt == t0.addingTimeInterval(10 * retentionDay) && tombstone.ingestedAt == call.ingestedAt)
        #expect(tombstone.purgedBy == "arch" && tombstone.runID == run.id && tombstone.policySHA256 == run.policySHA256)

        let erased = try #require(try catalog.call(id: call.id))
        #expect(erased.metadata.callerNumber == nil && erased.metadata.externalID == nil)
        #expect(erased.metadataFiles.isEmpty && erased.metadata.warnings.isEmpty)
        #expect(erased.legs.allSatisfy { $0.sourcePath.isEmpty })
        #expect(erased.metadata.events.allSatisfy { $0.detail == nil } && erased.metadata.events.count == call.metadata.events.count)
        #expect(erased.metadata.agentID == call.metadata.agentID && erased.metadata.team == call.metadata.team)
        #expect(erased.metadata.department == call.metadata.department && erased.metadata.category == call.metadata.category)
        #expect(erased.metadata.tags == call.metadata.tags && erased.durationSeconds == call.durationSeconds)
        #expect(erased.metadata.startTime == call.metadata.startTime && erased.archive == call.archive)
        #expect(try catalog.analysis(callID: call.id) == monoAnalysis, "talk metrics stay for statistics")
        #expect(try catalog.retentionStatus(callID: call.id)?.purgedAt == now)
        #expect(try catalog.callID(sourceSHA256: call.sourceSHA256) == call.id, "the source is never archived again")

        let entries = try catalog.auditEntries(AuditQuery(callID: call.id, action: .purge))
        #expect(entries.count == 1 && entries[0].account == "arch" && entries[0].detail["key_erased"] == "true")
        #expect(try catalog.purgeItemState(runID: run.id!, callID: call.id) == .keyErased)

        let done = try catalog.recordFileDeleted(runID: run.id!, callID: call.id, at: now)
        #expect(done.fileDeleted && done.fileDeletedAt == now)
        #expect(try catalog.purgeItemState(runID: run.id!, callID: call.id) == .destroyed)
        #expect(try catalog.recordFileDeleted(runID: run.id!, callID: call.id, at: now) == done)
        #expect(try catalog.tombstone(callID: call.id) == done)
        #expect(try catalog.claimForDestruction(runID: run.id!, callID: call.id, at: now) == .alreadyIn(.destroyed))
    }

    @Test func aPlaintextCallKeepsItsRecordUntilItsFileIsGone() throws {
        let catalog = try Catalog()
        let call = try commitRetained(catalog, 1, expires: 10, format: .oggOpus)
        let (run, _) = try newRun(catalog, asOf: now)
        #expect(try catalog.claimForDestruction(runID: run.id!, callID: call.id, at: now) == .fileDeletionPending)
        #expect(try catalog.call(id: call.id) == call, "nothing is erased before the file is deleted")
        #expect(try catalog.tombstone(callID: call.id) == nil)
        #expect(try catalog.auditEntries(AuditQuery(action: .purge)).isEmpty)
        let policy = RetentionPolicy(classes: [RetentionClass(name: "long", period: .years(50))], defaultClass: "long")
        #expect(try catalog.extendRetention(policy: policy, at: now, by: "a", from: "l", reason: "r").changed == 0,
                "a call whose destruction is decided is not extended")

        let tombstone = try catalog.recordFileDeleted(runID: run.id!, callID: call.id, at: now)
        #expect(tombstone.fileDeleted && !tombstone.keyErased && tombstone.kekID == nil && tombstone.archiveFormat == .oggOpus)
        #expect(try catalog.call(id: call.id)?.metadata.callerNumber == nil)
        #expect(try catalog.auditEntries(AuditQuery(callID: call.id, action: .purge)).first?.detail["file_deleted"] == "true")
    }

    @Test func aCallHeldOrExtendedAfterSelectionIsKept() throws {
        let catalog = try Catalog()
        let held = try commitRetained(catalog, 1, expires: 10)
        let extended = try commitRetained(catalog, 2, expires: 10)
        let (run, selected) = try newRun(catalog, asOf: now)
        #expect(selected == 2)
        try catalog.placeHold(holder: "court", reason: "case", selection: .calls([held.id]), by: "a", from: "l", at: now)
        let policy = RetentionPolicy(classes: [RetentionClass(name: "long", period: .years(50))], defaultClass: "long")
        _ = try catalog.extendRetention(policy: policy, at: now, by: "a", from: "l", reason: "longer")
        #expect(try catalog.claimForDestruction(runID: run.id!, callID: held.id, at: now) == .skipped(.held))
        #expect(try catalog.claimForDestruction(runID: run.id!, callID: extended.id, at: now) == .skipped(.notExpired))
        #expect(try catalog.archiveKey(callID: held.id) != nil && catalog.archiveKey(callID: extended.id) != nil)
        let results = try catalog.purgeResults(runID: run.id!)
        #expect(results.destroyed.isEmpty)
        #expect(results.skipped.map(\.reason) == [.held, .notExpired])
        #expect(try catalog.purgeWorkItems(runID: run.id!).isEmpty)
    }

    @Test func aRunNeverSelectsCallsAnotherRunIsDestroying() throws {
        let catalog = try Catalog()
        let call = try commitRetained(catalog, 1, expires: 10, format: .oggOpus)
        let (first, _) = try newRun(catalog, asOf: now)
        _ = try catalog.claimForDestruction(runID: first.id!, callID: call.id, at: now)
        let (second, selected) = try newRun(catalog, asOf: now)
        #expect(selected == 0)
        #expect(try catalog.unfinishedPurgeRuns().map(\.id) == [first.id, second.id])
        #expect(try catalog.purgeWorkItems(runID: first.id!).map(\.state) == [.fileDeleting])
        #expect(catalogErrorCode { try catalog.recordFileDeleted(runID: second.id!, callID: call.id, at: now) } == .notFound)
    }

    @Test func finishingARunRecordsItsCertificateAndAuditEntry() throws {
        let catalog = try Catalog()
        let (run, _) = try newRun(catalog, asOf: now)
        try catalog.finishPurgeRun(id: run.id!, status: .completed, finishedAt: now.addingTimeInterval(5),
                                   certificateJSONPath: "/h/certificates/purge-1-20261213.json",
                                   certificateTextPath: "/h/certificates/purge-1-20261213.txt",
                                   audit: AuditDraft(at: now, account: "arch", sourceAddress: "l", action: .purge,
                                                     detail: ["run_id": "1"]))
        let stored = try #require(try catalog.purgeRun(id: run.id!))
        #expect(stored.status == .completed && stored.finishedAt == now.addingTimeInterval(5))
        #expect(stored.certificateJSONPath?.hasSuffix(".json") == true && stored.policy == .standard)
        #expect(try catalog.unfinishedPurgeRuns().isEmpty)
        #expect(try catalog.purgeRuns().map(\.id) == [run.id])
        #expect(try catalog.auditEntries(AuditQuery(action: .purge)).count == 1)
    }
}

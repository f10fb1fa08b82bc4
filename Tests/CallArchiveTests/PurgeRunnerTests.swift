import CallCatalog
import CallModel
import Foundation
import Testing
@testable import CallArchive

@Suite struct PurgeRunnerTests {
    let later = purgeT0.addingTimeInterval(30 * oneDay)

    @Test func aDryRunListsTheDueCallsAndChangesNothing() throws {
        let h = try RetentionHome()
        let due = try h.addCall(1, expires: 10)
        let future = try h.addCall(2, expires: 100)
        let held = try h.addCall(3, expires: 10, encrypted: false)
        try h.catalog.placeHold(holder: "court", reason: "case 9", selection: .calls([held.id]), by: "arch1", from: "l", at: purgeT0)
        let audit = try h.catalog.auditCount()

        let plan = try h.runner(at: later).plan()
        #expect(plan.calls.map(\.callID) == [due.id])
        #expect(plan.heldExpired == 1 && !plan.truncated && plan.unfinishedRunIDs.isEmpty && plan.asOf == later)
        #expect(plan.policySHA256 == RetentionPolicy.standard.snapshotSHA256)
        #expect(try h.catalog.auditCount() == audit)
        #expect(try h.catalog.purgeRuns().isEmpty)
        #expect(try h.exists(due) && h.exists(future) && h.exists(held))
        #expect(try h.catalog.archiveKey(callID: due.id) != nil)
        #expect(h.certificateFiles().isEmpty)
    }

    @Test func expiredCallsAreDestroyedAndCertified() throws {
        let h = try RetentionHome()
        let encrypted = try h.addCall(1, expires: 10)
        let plain = try h.addCall(2, expires: 20, encrypted: false)
        let future = try h.addCall(3, expires: 100)
        let key = try #require(try h.catalog.archiveKey(callID: encrypted.id))

        let report = try h.runner(at: later).run()
        #expect(report.runs.count == 1 && report.destroyedCount == 2 && report.walCheckpointed)
        let result = try #require(report.newRun)
        let certificate = result.certificate
        #expect(certificate.status == .completed && certificate.operatorAccount == "arch1" && certificate.asOf == later)
        #expect(certificate.destroyed.map(\.callID) == [encrypted.id, plain.id])
        #expect(certificate.counts.keysErased == 1 && certificate.counts.filesDeleted == 2 && certificate.skipped.isEmpty)

        for call in [encrypted, plain] {
            #expect(try !h.exists(call), "the archive file is deleted")
            let erased = try #require(try h.catalog.call(id: call.id))
            #expect(erased.metadata.callerNumber == nil && erased.metadata.externalID == nil && erased.metadataFiles.isEmpty)
            #expect(erased.legs.map(\.sourcePath) == [""] && erased.metadata.events.map(\.detail) == [nil])
            #expect(erased.metadata.agentID == "A017" && erased.metadata.team == "team-2" && erased.metadata.department == "water")
            #expect(erased.metadata.category == "water-bill" && erased.durationSeconds == call.durationSeconds)
            let tombstone = try #require(try h.catalog.tombstone(callID: call.id))
            #expect(tombstone.sourceSHA256 == call.sourceSHA256 && tombstone.archiveSHA256 == call.archive.sha256)
            #expect(tombstone.archivePath == call.archive.relativePath && tombstone.fileDeleted && tombstone.purgedBy == "arch1")
            #expect(tombstone.retentionClass == "general" && tombstone.ingestedAt == call.ingestedAt)
            #expect(certificate.destroyed.contains(tombstone))
        }
        #expect(try h.catalog.archiveKey(callID: encrypted.id) == nil, "the data key is erased: crypto-shredded")
        #expect(try h.catalog.tombstone(callID: encrypted.id)?.kekID == key.kekID)
        #expect(try h.catalog.tombstone(callID: plain.id)?.keyErased == false)
        #expect(try h.exists(future) && h.catalog.archiveKey(callID: future.id) != nil && h.catalog.tombstone(callID: future.id) == nil)

        let json = try Data(contentsOf: URL(fileURLWithPath: result.certificateJSONPath))
        #expect(try DestructionCertificate.decode(jsonData: json) == certificate)
        #expect(result.certificateJSONPath.hasSuffix("certificates/purge-\(certificate.runID)-20261223.json"))
        let text = try String(contentsOfFile: result.certificateTextPath, encoding: .utf8)
        #expect(text.contains(encrypted.id.rawValue) && text.contains(plain.id.rawValue) && !text.contains(future.id.rawValue))
        #expect(!text.contains("010-1234") && !String(decoding: json, as: UTF8.self).contains("010-1234"))

        let run = try #require(try h.catalog.purgeRun(id: certificate.runID))
        #expect(run.status == .completed && run.certificateJSONPath == result.certificateJSONPath)
        let purges = try h.catalog.auditEntries(AuditQuery(action: .purge))
        #expect(purges.compactMap(\.callID).sorted() == [encrypted.id, plain.id])
        #expect(purges.last?.callID == nil && purges.last?.detail["destroyed"] == "2")
        #expect(purges.last?.detail["certificate_sha256"]?.count == 64)
        #expect(try h.catalog.callCount() == 3, "call rows are kept as statistics")
    }

    @Test func heldCallsAreNeverPurgedUntilReleased() throws {
        let h = try RetentionHome()
        let call = try h.addCall(1, expires: 10)
        let hold = try h.catalog.placeHold(holder: "court", reason: "case 9", selection: .calls([call.id]), by: "arch1",
                                           from: "l", at: purgeT0)
        let first = try h.runner(at: later).run()
        #expect(first.destroyedCount == 0 && first.newRun?.certificate.destroyed.isEmpty == true)
        #expect(try h.exists(call) && h.catalog.archiveKey(callID: call.id) != nil)
        try h.catalog.releaseHold(id: hold.id, reason: "case closed", by: "arch1", from: "l", at: later)
        let second = try h.runner(at: later.addingTimeInterval(60)).run()
        #expect(second.newRun?.certificate.destroyed.map(\.callID) == [call.id])
        #expect(try !h.exists(call))
    }

    @Test func expiryIsReadFromTheCatalogNotThePolicy() throws {
        let h = try RetentionHome()
        let call = try h.addCall(1, expires: 1000)
        let brief = RetentionPolicy(classes: [RetentionClass(name: "brief", period: .days(1))], defaultClass: "brief")
        let report = try h.runner(at: later, policy: brief).run()
        #expect(try report.destroyedCount == 0 && h.exists(call))
        #expect(report.newRun?.certificate.policySHA256 == brief.snapshotSHA256)
    }

    @Test func aClockBehindTheCatalogIsRefused() throws {
        let h = try RetentionHome()
        let call = try h.addCall(1, expires: -30)  // expired before it was ingested
        let behind = call.ingestedAt.addingTimeInterval(-1)
        let attempts: [() throws -> Void] = [{ _ = try h.runner(at: behind).run() }, { _ = try h.runner(at: behind).plan() }]
        for attempt in attempts {
            #expect { try attempt() } throws: { ($0 as? PurgeError)?.code == .clockBehind }
        }
        #expect(try h.exists(call) && h.catalog.purgeRuns().isEmpty)
        // The same call is destroyed once the clock reads at least the catalog's newest time.
        #expect(try h.runner(at: call.ingestedAt).run().destroyedCount == 1)
    }

    @Test func aClockFarAheadOfTheCatalogIsRefusedUnlessAllowed() throws {
        let h = try RetentionHome()
        let call = try h.addCall(1, expires: 10)
        let jumped = purgeT0.addingTimeInterval(400 * oneDay)
        #expect { _ = try h.runner(at: jumped, maximumClockLead: 31 * oneDay).run() } throws: {
            ($0 as? PurgeError)?.code == .clockAhead
        }
        #expect(try h.exists(call))
        #expect(try h.runner(at: later, maximumClockLead: 31 * oneDay).run().destroyedCount == 1)
    }

    @Test func onlyOnePurgeRunsAtATime() throws {
        let h = try RetentionHome()
        let call = try h.addCall(1, expires: 10)
        let lock = try PurgeLock(path: h.home.purgeLockPath)
        #expect { _ = try h.runner(at: later).run() } throws: { ($0 as? PurgeError)?.code == .alreadyRunning }
        #expect(try h.exists(call))
        withExtendedLifetime(lock) {}
    }

    @Test func aFileThatCannotBeDeletedLeavesTheRunIncompleteUntilTheNextPurge() throws {
        let h = try RetentionHome()
        let call = try h.addCall(1, expires: 10)
        // A directory where the file was: unlink fails (EISDIR) even for root.
        try FileManager.default.removeItem(atPath: h.path(call))
        try FileManager.default.createDirectory(atPath: h.path(call) + "/blocker", withIntermediateDirectories: true)
        let first = try h.runner(at: later).run()
        let certificate = try #require(first.newRun?.certificate)
        #expect(certificate.status == .incomplete && certificate.counts.filesPending == 1 && certificate.counts.keysErased == 1)
        #expect(try h.catalog.archiveKey(callID: call.id) == nil)
        #expect(try h.catalog.unfinishedPurgeRuns().map(\.id) == [certificate.runID])
        #expect(try h.catalog.purgeWorkItems(runID: certificate.runID).first?.lastError?.isEmpty == false)

        try FileManager.default.removeItem(atPath: h.path(call))
        let second = try h.runner(at: later.addingTimeInterval(60)).run()
        #expect(second.runs.map(\.resumed) == [true, false])
        #expect(second.runs[0].certificate.runID == certificate.runID && second.runs[0].certificate.status == .completed)
        #expect(try h.catalog.tombstone(callID: call.id)?.fileDeleted == true)
        #expect(try h.catalog.unfinishedPurgeRuns().isEmpty)
    }

    @Test func aRunCanBeBoundedAndTakesTheEarliestExpiriesFirst() throws {
        let h = try RetentionHome()
        let late = try h.addCall(1, expires: 12)
        let early = try h.addCall(2, expires: 5)
        var options = h.runner(at: later).options
        options.maximumCallsPerRun = 1
        let bounded = PurgeRunner(home: h.home, catalog: h.catalog, policy: .standard, clock: FixedWallClock(later), options: options)
        #expect(try bounded.run().newRun?.certificate.destroyed.map(\.callID) == [early.id])
        #expect(try h.exists(late) && !h.exists(early))
        #expect(try h.runner(at: later.addingTimeInterval(1)).plan().calls.map(\.callID) == [late.id])
    }

    @Test func theWALKeepsNoErasedKeyAfterAPurge() throws {
        let h = try RetentionHome()
        let call = try h.addCall(1, expires: 10)
        let key = try #require(try h.catalog.archiveKey(callID: call.id))
        #expect(try h.runner(at: later).run().walCheckpointed)
        let wal = h.home.catalogPath + "-wal"
        #expect((try FileManager.default.attributesOfItem(atPath: wal)[.size] as? Int) == 0)
        let database = try Data(contentsOf: URL(fileURLWithPath: h.home.catalogPath))
        #expect(database.range(of: Data(key.wrappedKey)) == nil, "secure_delete overwrote the erased key")
    }
}

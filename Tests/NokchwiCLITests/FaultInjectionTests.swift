import CLITestSupport
import CallArchive
import CallCatalog
import CallModel
import Foundation
import Testing

/// Issue 7, faults: the real binary kills itself with SIGKILL at each named step (`NOKCHWI_FAULT=<step>:<n>`), and
/// after each kill the home holds whole calls or nothing, and the next run finishes the work without duplicates.
@Suite(.serialized) struct FaultInjectionTests {
    struct IngestKill: Sendable, CustomTestStringConvertible {
        let step: String
        /// Calls in the catalog after the kill: the second call dies (`:2`, one call at a time).
        let cataloged: Int
        /// Temporary files the dead process left in archive/.incoming (the next run sweeps them).
        let partials: Int
        /// Archives published without a catalog row (unreadable: no key was stored; scrub lists them).
        let orphans: Int
        var testDescription: String { step }
    }

    static let ingestKills = [
        IngestKill(step: "after-decode", cataloged: 1, partials: 1, orphans: 0),
        IngestKill(step: "after-temp-write", cataloged: 1, partials: 1, orphans: 0),
        IngestKill(step: "after-rename", cataloged: 1, partials: 0, orphans: 1),
        IngestKill(step: "inside-commit", cataloged: 1, partials: 0, orphans: 1),
        IngestKill(step: "after-commit", cataloged: 2, partials: 0, orphans: 0),
    ]

    @Test(arguments: ingestKills)
    func ingestKilledAtAStepLeavesWholeCallsAndTheRerunFinishes(_ kill: IngestKill) throws {
        let fixture = try FaultFixture.get()
        let tmp = try TempDir()
        let users = try fixture.freshHome(in: tmp)
        let total = FaultFixture.callCount

        let killed = try HomeChecks.ingest(fixture, users, fault: "\(kill.step):2")
        #expect(killed.killed, "the fault switch must kill at \(kill.step): status \(killed.status), \(killed.stderr)")
        #expect(killed.stdout.isEmpty, "a killed run prints no report")
        try HomeChecks.catalogIsSound(users.path, calls: kill.cataloged)
        #expect(HomeChecks.partials(users.path).count == kill.partials)
        #expect(HomeChecks.publishedArchives(users.path).count == kill.cataloged + kill.orphans)

        let rerun = try HomeChecks.ingest(fixture, users)
        #expect(rerun.status == 0, "\(rerun.stderr)")
        #expect(HomeChecks.counts(rerun) == ["archived": total - kill.cataloged, "skipped": kill.cataloged, "failed": 0,
                                             "quarantined": 0, "previously_quarantined": 0])
        if kill.partials > 0 { #expect(rerun.stderr.contains("removed \(kill.partials) temporary archive file")) }
        try HomeChecks.catalogIsSound(users.path, calls: total)
        #expect(HomeChecks.partials(users.path).isEmpty)
        try HomeChecks.archiveAndAuditAreClean(users, orphans: kill.orphans)
        try HomeChecks.sourcesUntouched(fixture)
    }

    /// Three expired calls, purged in call-id order; each takes two hits of `during-purge`: hit 1 = first call's key
    /// erased and its file still there, hit 2 = its file deleted and the tombstone not yet saying so, hit 3 = the
    /// first call destroyed and the second one's key erased.
    @Test(arguments: [1, 2, 3])
    func purgeKilledBetweenItsStepsLeavesNoHalfDestroyedCallAndTheRerunFinishes(hit: Int) throws {
        let fixture = try FaultFixture.get()
        let tmp = try TempDir()
        let users = try fixture.expiredHome(in: tmp)
        var environment = users.archivist
        environment["NOKCHWI_FAULT"] = "during-purge:\(hit)"
        let killed = try CLIRunner.run(["purge", "--home", users.path, "--json"], environment: environment)
        #expect(killed.killed, "status \(killed.status): \(killed.stderr)")

        do {
            let catalog = try Catalog(path: users.path + "/catalog.sqlite")
            #expect(try catalog.integrityProblems().isEmpty)
            let calls = try catalog.calls(CallQuery(limit: 100))
            #expect(calls.count == FaultFixture.callCount, "purged calls keep their row")
            var keysErased = 0, tombstonedDeletions = 0, filesGone = 0
            for call in calls {
                let present = FileManager.default.fileExists(atPath: users.path + "/archive/" + call.archive.relativePath)
                if !present { filesGone += 1 }
                if let tombstone = try catalog.tombstone(callID: call.id) {
                    // Shredded: key, personal fields and tombstone went together; a deletion is recorded only once done.
                    keysErased += 1
                    #expect(tombstone.keyErased)
                    #expect(try catalog.archiveKey(callID: call.id) == nil)
                    #expect(call.metadata.callerNumber == nil && call.legs.allSatisfy { $0.sourcePath.isEmpty })
                    #expect(try catalog.sealedPersonal(callID: call.id) == nil)
                    if tombstone.fileDeleted { tombstonedDeletions += 1; #expect(!present) }
                } else {
                    // Untouched: key, personal data and file all there.
                    #expect(try catalog.archiveKey(callID: call.id) != nil)
                    // The caller number is kept sealed (issue #21), not in plain text.
                    #expect(call.metadata.callerNumber == nil && present)
                    #expect(try catalog.sealedPersonal(callID: call.id)?.callerNumber != nil)
                }
            }
            #expect(keysErased == (hit + 1) / 2)
            #expect(filesGone == hit / 2)
            #expect(tombstonedDeletions == (hit - 1) / 2)
        }

        let rerun = try CLIRunner.run(["purge", "--home", users.path, "--json"], environment: users.archivist)
        #expect(rerun.status == 0, "\(rerun.stderr)")
        let runs = try #require((rerun.json as? [String: Any])?["runs"] as? [[String: Any]])
        #expect(runs.map { $0["resumed"] as? Bool } == [true, false], "the killed run is finished first")
        let resumed = try #require(runs.first?["certificate"] as? [String: Any])
        #expect((resumed["counts"] as? [String: Any])?["destroyed"] as? Int == FaultFixture.callCount)
        #expect(resumed["status"] as? String == "completed")

        let catalog = try Catalog(path: users.path + "/catalog.sqlite")
        #expect(try catalog.integrityProblems().isEmpty && catalog.unfinishedPurgeRuns().isEmpty)
        for call in try catalog.calls(CallQuery(limit: 100)) {
            #expect(try catalog.tombstone(callID: call.id)?.fileDeleted == true)
            #expect(try catalog.archiveKey(callID: call.id) == nil)
            #expect(try catalog.auditEntries(AuditQuery(callID: call.id, action: .purge)).count == 1, "destroyed exactly once")
        }
        #expect(HomeChecks.publishedArchives(users.path).isEmpty)
        try HomeChecks.archiveAndAuditAreClean(users)
        // The recordings are still in the drop folder; their calls are known (rows are kept) and not archived again.
        let again = try HomeChecks.ingest(fixture, users, extra: ["--pipeline", fixture.expiringPipeline])
        #expect(HomeChecks.counts(again)["skipped"] == FaultFixture.callCount && HomeChecks.counts(again)["archived"] == 0)
    }

    @Test func anUnknownFaultStepIsRefusedNotIgnored() throws {
        let fixture = try FaultFixture.get()
        let tmp = try TempDir()
        let users = try fixture.freshHome(in: tmp)
        let result = try HomeChecks.ingest(fixture, users, fault: "after-lunch")
        #expect(result.status == 2 && !result.killed)
        #expect(result.stderr.contains("NOKCHWI_FAULT=after-lunch is not a fault step"))
        #expect(HomeChecks.publishedArchives(users.path).isEmpty)
    }
}

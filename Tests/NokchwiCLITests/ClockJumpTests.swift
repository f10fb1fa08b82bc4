import CLITestSupport
import CallArchive
import CallModel
import Foundation
import Testing
@testable import CallCatalog

/// Issue 7, faults: a clock that jumped backwards never purges early. The library tests
/// (`Tests/CallArchiveTests/PurgeRunnerTests.swift`) drive `PurgeRunner` with an injected clock, behind and far ahead;
/// here the real binary, with the system clock, meets a catalog holding a time later than the clock, as a machine
/// whose clock ran ahead while it ingested and was then set back would leave it.
@Suite(.serialized) struct ClockJumpTests {
    @Test func purgeRefusesWhenTheCatalogHoldsATimeAfterTheClockAndDestroysNothing() throws {
        let fixture = try FaultFixture.get()
        let tmp = try TempDir()
        let users = try fixture.expiredHome(in: tmp)  // three calls, all expired: a purge would destroy them
        let path = users.path + "/catalog.sqlite"
        let future = CatalogDates.string(Date().addingTimeInterval(2 * 86_400))
        let original: String
        do {
            let catalog = try Catalog(path: path)
            original = try #require(try catalog.calls(CallQuery(limit: 1)).first.map { CatalogDates.string($0.ingestedAt) })
            try catalog.unsafeExecuteForTesting(sql: "UPDATE call SET ingested_at = '\(future)' WHERE id = (SELECT MIN(id) FROM call)")
        }

        for arguments in [["purge"], ["purge", "--dry-run"]] {
            let refused = try CLIRunner.run(arguments + ["--home", users.path, "--json"], environment: users.archivist)
            #expect(refused.status != 0, "\(arguments) must refuse")
            #expect(refused.stderr.contains("jumped backwards") && refused.stderr.contains("nothing was destroyed"), "\(refused.stderr)")
        }
        do {
            let catalog = try Catalog(path: path)
            for call in try catalog.calls(CallQuery(limit: 10)) {
                #expect(try catalog.tombstone(callID: call.id) == nil && catalog.archiveKey(callID: call.id) != nil)
            }
            #expect(try catalog.unfinishedPurgeRuns().isEmpty)
            #expect(HomeChecks.publishedArchives(users.path).count == FaultFixture.callCount)
            #expect(!FileManager.default.fileExists(atPath: users.path + "/certificates"), "no run, no certificate")
        }

        // The same home with the planted time taken back out: now the purge destroys the three expired calls, so the
        // refusal above was the clock check's doing.
        try Catalog(path: path).unsafeExecuteForTesting(sql: "UPDATE call SET ingested_at = '\(original)' WHERE ingested_at = '\(future)'")
        let purge = try CLIRunner.run(["purge", "--home", users.path, "--json"], environment: users.archivist)
        #expect(purge.status == 0, "\(purge.stderr)")
        let runs = (purge.json as? [String: Any])?["runs"] as? [[String: Any]] ?? []
        #expect((runs.first?["certificate"] as? [String: Any]).flatMap { ($0["counts"] as? [String: Any])?["destroyed"] as? Int } == 3)
    }
}

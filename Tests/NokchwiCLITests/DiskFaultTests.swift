import CLITestSupport
import CallArchive
import CallCatalog
import CallModel
import Foundation
import Testing

/// Issue 7, faults: a full disk while writing an archive or committing the catalog, a failing fsync, a read-only
/// archive folder. Each call hit is reported failed (never archived, never quarantined: the recording is fine),
/// nothing half-written stays visible, the sources are untouched, and the rerun after the cause is gone finishes.
/// As root (and where mounting is allowed) the disk is a real small tmpfs and the read-only folder a real read-only
/// bind mount; the injected variants (`NOKCHWI_FAULT`) run everywhere.
@Suite(.serialized) struct DiskFaultTests {
    static let canMount = TestMount.available

    // MARK: the archive's disk is full

    @Test(.enabled(if: canMount, "needs root and mount"))
    func diskFullWhileWritingArchivesOnATmpfs() throws {
        try archiveDiskFull(real: true)
    }

    @Test func diskFullWhileWritingArchivesInjected() throws {
        try archiveDiskFull(real: false)
    }

    private func archiveDiskFull(real: Bool) throws {
        let fixture = try FaultFixture.get()
        let tmp = try TempDir()
        defer { withExtendedLifetime(tmp) {} }  // removed only after the mount inside it is gone
        let users = try fixture.freshHome(in: tmp)
        var mount: TestMount?
        defer { mount?.unmount() }
        var filler: String?
        if real {
            mount = try TestMount.tmpfs(at: users.path + "/archive", bytes: 1 << 20)
            try FileManager.default.createDirectory(atPath: users.path + "/archive/.incoming", withIntermediateDirectories: true)
            // The envelope header fits; the first 64 KiB segment, written from inside the encoder, does not.
            filler = try TestMount.fill(users.path + "/archive", leaving: 16 * 1024)
        }
        // Injected: the header write passes, the second write (that first segment) and every later one fail.
        let failed = try HomeChecks.ingest(fixture, users, fault: real ? nil : "enospc-archive:2")
        #expect(failed.status == 1, "\(failed.stderr)")
        #expect(HomeChecks.counts(failed) == ["archived": 0, "skipped": 0, "failed": 3, "quarantined": 0, "previously_quarantined": 0],
                "a full disk is not the recording's fault: failed, not quarantined")
        let reasons = HomeChecks.failureReasons(failed)
        #expect(reasons.count == 3 && reasons.allSatisfy { $0.contains("write failed") && $0.contains("No space left on device") }, "\(reasons)")
        #expect(reasons.contains { $0.contains("the archive output refused a page") }, "the long call fails mid-stream, inside the encoder")
        #expect(HomeChecks.partials(users.path).isEmpty && HomeChecks.publishedArchives(users.path).isEmpty)
        try HomeChecks.catalogIsSound(users.path, calls: 0)
        try HomeChecks.nothingQuarantined(users)
        try HomeChecks.sourcesUntouched(fixture)

        if let filler { try FileManager.default.removeItem(atPath: filler) }
        try rerunFinishes(fixture, users, archived: 3, skipped: 0)
    }

    // MARK: the catalog's disk is full

    @Test(.enabled(if: canMount, "needs root and mount"))
    func diskFullWhileCommittingTheCatalogOnATmpfs() throws {
        let fixture = try FaultFixture.get()
        let tmp = try TempDir()
        defer { withExtendedLifetime(tmp) {} }  // removed only after the mounts inside it are gone
        let path = tmp.path("home")
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        let homeMount = try TestMount.tmpfs(at: path, bytes: 2 << 20)
        defer { homeMount.unmount() }
        let users = try fixture.freshHome(contentsInto: path)
        // The archive on its own roomy tmpfs: only the catalog's disk fills up.
        let archiveMount = try TestMount.tmpfs(at: path + "/archive", bytes: 16 << 20)
        defer { archiveMount.unmount() }
        // Calibrated for this catalog: 128 KiB lets the sign-in and the run record in but not a call's transaction
        // (64 KiB: the run record fails; 192 KiB: the first call fits).
        let filler = try TestMount.fill(path, leaving: 128 * 1024)

        let failed = try HomeChecks.ingest(fixture, users)
        #expect(failed.status == 1, "\(failed.stderr)")
        let counts = HomeChecks.counts(failed)
        let archived = counts["archived"] ?? -1
        #expect((counts["failed"] ?? 0) >= 1 && archived + (counts["failed"] ?? 0) == 3 && counts["quarantined"] == 0,
                "the calls' commits must fail (recalibrate the free space if the catalog grew): \(counts) \(failed.stderr)")
        #expect(HomeChecks.failureReasons(failed).allSatisfy { $0.contains("writing the catalog failed") && $0.contains("disk is full") })
        // The failed calls' archives were published before the commit failed, then removed: no file without a row.
        #expect(HomeChecks.publishedArchives(path).count == archived)
        #expect(HomeChecks.partials(path).isEmpty)
        try HomeChecks.sourcesUntouched(fixture)

        try FileManager.default.removeItem(atPath: filler)
        try HomeChecks.catalogIsSound(path, calls: archived)
        try rerunFinishes(fixture, users, archived: 3 - archived, skipped: archived)
    }

    @Test func diskFullWhileCommittingTheCatalogInjected() throws {
        let fixture = try FaultFixture.get()
        let tmp = try TempDir()
        let users = try fixture.freshHome(in: tmp)
        // The first call commits; the transactions of the second and third fail inside, before COMMIT.
        let failed = try HomeChecks.ingest(fixture, users, fault: "enospc-commit:2")
        #expect(failed.status == 1, "\(failed.stderr)")
        #expect(HomeChecks.counts(failed) == ["archived": 1, "skipped": 0, "failed": 2, "quarantined": 0, "previously_quarantined": 0])
        let reasons = HomeChecks.failureReasons(failed)
        #expect(reasons.count == 2 && reasons.allSatisfy { $0.contains("writing the catalog failed") && $0.contains("No space left on device") }, "\(reasons)")
        #expect(HomeChecks.publishedArchives(users.path).count == 1, "the failed calls' archives are removed")
        #expect(HomeChecks.partials(users.path).isEmpty)
        try HomeChecks.catalogIsSound(users.path, calls: 1)
        try rerunFinishes(fixture, users, archived: 2, skipped: 1)
    }

    // MARK: fsync fails

    @Test func aFailedFsyncFailsTheCallWhichIsRedoneFromTheSource() throws {
        let fixture = try FaultFixture.get()
        let tmp = try TempDir()
        let users = try fixture.freshHome(in: tmp)
        let failed = try HomeChecks.ingest(fixture, users, fault: "fsync-archive:2")
        #expect(failed.status == 1, "\(failed.stderr)")
        #expect(HomeChecks.counts(failed) == ["archived": 1, "skipped": 0, "failed": 2, "quarantined": 0, "previously_quarantined": 0])
        let reasons = HomeChecks.failureReasons(failed)
        #expect(reasons.count == 2 && reasons.allSatisfy { $0.contains("fsync failed") && $0.contains("Input/output error") }, "\(reasons)")
        #expect(HomeChecks.publishedArchives(users.path).count == 1, "an archive whose fsync failed is never published")
        #expect(HomeChecks.partials(users.path).isEmpty)
        try HomeChecks.catalogIsSound(users.path, calls: 1)
        try rerunFinishes(fixture, users, archived: 2, skipped: 1)
    }

    // MARK: a read-only archive folder

    /// Root ignores `chmod`: as root a read-only bind mount, otherwise mode 0555.
    static let canMakeReadOnly = getuid() != 0 || canMount

    @Test(.enabled(if: canMakeReadOnly, "root without mount: nothing makes a folder read-only for root"),
          arguments: ["archive", "archive/2025/01/10"])
    func aReadOnlyArchiveFolderFailsTheCallsAndTheRerunFinishes(folder: String) throws {
        let fixture = try FaultFixture.get()
        let tmp = try TempDir()
        defer { withExtendedLifetime(tmp) {} }  // removed only after the mount inside it is gone
        let users = try fixture.freshHome(in: tmp)
        let path = users.path + "/" + folder
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: users.path + "/archive/.incoming", withIntermediateDirectories: true)
        // Without root, the temporary folder inside the archive needs its own mode.
        let locked = folder == "archive" ? [path, path + "/.incoming"] : [path]
        var mount: TestMount?
        defer { mount?.unmount(); for folder in locked { chmod(folder, 0o750) } }
        if getuid() == 0 {
            mount = try TestMount.readOnlyBind(path)
        } else {
            for folder in locked { #expect(chmod(folder, 0o555) == 0) }
        }
        let failed = try HomeChecks.ingest(fixture, users)
        #expect(failed.status == 1, "\(failed.stderr)")
        #expect(HomeChecks.counts(failed) == ["archived": 0, "skipped": 0, "failed": 3, "quarantined": 0, "previously_quarantined": 0])
        let cause = getuid() == 0 ? "Read-only file system" : "Permission denied"
        // The whole archive: the temporary file cannot be created. The day folder: it is written and fsynced, but
        // cannot be published, and is removed.
        let step = folder == "archive" ? "cannot create a temporary archive file" : "cannot publish the archive file"
        let reasons = HomeChecks.failureReasons(failed)
        #expect(reasons.count == 3 && reasons.allSatisfy { $0.contains(step) && $0.contains(cause) }, "\(reasons)")
        #expect(HomeChecks.partials(users.path).isEmpty && HomeChecks.publishedArchives(users.path).isEmpty)
        try HomeChecks.catalogIsSound(users.path, calls: 0)
        try HomeChecks.sourcesUntouched(fixture)

        mount?.unmount()
        for folder in locked { chmod(folder, 0o750) }
        try rerunFinishes(fixture, users, archived: 3, skipped: 0)
    }

    /// The run without the fault completes: every call archived once, every archive decodes, nothing stray.
    private func rerunFinishes(_ fixture: FaultFixture, _ users: CLIHome, archived: Int, skipped: Int,
                               sourceLocation: SourceLocation = #_sourceLocation) throws {
        let rerun = try HomeChecks.ingest(fixture, users)
        #expect(rerun.status == 0, "\(rerun.stderr)", sourceLocation: sourceLocation)
        #expect(HomeChecks.counts(rerun) == ["archived": archived, "skipped": skipped, "failed": 0, "quarantined": 0,
                                             "previously_quarantined": 0], sourceLocation: sourceLocation)
        try HomeChecks.catalogIsSound(users.path, calls: FaultFixture.callCount, sourceLocation: sourceLocation)
        #expect(HomeChecks.partials(users.path).isEmpty, sourceLocation: sourceLocation)
        try HomeChecks.archiveAndAuditAreClean(users, sourceLocation: sourceLocation)
        try HomeChecks.sourcesUntouched(fixture, sourceLocation: sourceLocation)
    }
}

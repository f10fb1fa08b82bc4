import CLITestSupport
import CallCatalog
import Foundation
import Testing

/// Issue 7, faults: commands of separate processes on one home at the same time. Which process wins each call is
/// up to the scheduler; what must hold whatever the interleaving is asserted, nothing about timing.
@Suite(.serialized) struct ConcurrentRunTests {
    @Test func twoIngestsOfTheSameFolderAtOnceArchiveEveryCallExactlyOnce() throws {
        let fixture = try FaultFixture.get()
        let tmp = try TempDir()
        let users = try fixture.freshHome(in: tmp)
        let runs = try CLIRunner.runTogether([
            ["ingest", fixture.drop, "--home", users.path, "--json", "--jobs", "1"],
            ["ingest", fixture.drop, "--home", users.path, "--json", "--jobs", "2"],
        ], environment: users.archivist)
        for run in runs {
            #expect(run.status == 0, "\(run.stderr)")
            #expect(!run.stderr.localizedCaseInsensitiveContains("locked") && !run.stderr.localizedCaseInsensitiveContains("busy"), "\(run.stderr)")
        }
        let counts = runs.map(HomeChecks.counts)
        // Each call is archived by one run and reported known by the other (a run that encoded a call the other
        // committed first removes its own copy of the archive).
        #expect(counts.map { $0["archived"] ?? 0 }.reduce(0, +) == FaultFixture.callCount, "\(counts)")
        #expect(counts.map { $0["skipped"] ?? 0 }.reduce(0, +) == FaultFixture.callCount, "\(counts)")
        #expect(counts.allSatisfy { $0["failed"] == 0 })
        try HomeChecks.catalogIsSound(users.path, calls: FaultFixture.callCount)
        #expect(HomeChecks.partials(users.path).isEmpty)
        try HomeChecks.archiveAndAuditAreClean(users)
    }

    @Test func ingestWhileAPurgeAndStatusRun() throws {
        let fixture = try FaultFixture.get()
        let tmp = try TempDir()
        let users = try fixture.freshHome(in: tmp)
        let runs = try CLIRunner.runTogether([
            ["ingest", fixture.drop, "--home", users.path, "--json", "--jobs", "2"],
            ["purge", "--home", users.path, "--json"],
            ["status", "--home", users.path, "--json"],
            ["status", "--home", users.path, "--json"],
        ], environment: users.archivist)
        for run in runs {
            #expect(run.status == 0, "\(run.stderr)")
            #expect(!run.stderr.localizedCaseInsensitiveContains("locked") && !run.stderr.localizedCaseInsensitiveContains("busy"), "\(run.stderr)")
            #expect(run.json != nil, "each prints its report")
        }
        #expect(HomeChecks.counts(runs[0])["archived"] == FaultFixture.callCount)
        // Nothing was due (the calls keep 3 years): the purge destroyed nothing, whatever it saw of the new calls.
        let purge = try #require((runs[1].json as? [String: Any])?["runs"] as? [[String: Any]])
        #expect(purge.allSatisfy { (($0["certificate"] as? [String: Any])?["counts"] as? [String: Any])?["destroyed"] as? Int == 0 })
        try HomeChecks.catalogIsSound(users.path, calls: FaultFixture.callCount)
        try HomeChecks.archiveAndAuditAreClean(users)
    }
}

extension CLIRunner {
    /// Starts every command before waiting for any, then collects each one's output and status.
    static func runTogether(_ commands: [[String]], environment: [String: String]) throws -> [Result] {
        let started = try commands.map { try start($0, environment: environment) }
        let boxes = started.map { _ in (out: OutputBox(), err: OutputBox()) }
        let group = DispatchGroup()
        for (index, (_, out, err)) in started.enumerated() {
            for (pipe, box) in [(out, boxes[index].out), (err, boxes[index].err)] {
                group.enter()
                DispatchQueue.global().async {
                    box.data = pipe.fileHandleForReading.readDataToEndOfFile()
                    group.leave()
                }
            }
        }
        group.wait()
        return zip(started, boxes).map { started, box in
            let process = started.0
            process.waitUntilExit()
            return Result(status: process.terminationStatus, stdout: String(decoding: box.out.data, as: UTF8.self),
                          stderr: String(decoding: box.err.data, as: UTF8.self),
                          killed: process.terminationReason == .uncaughtSignal && process.terminationStatus == SIGKILL)
        }
    }
}

private final class OutputBox: @unchecked Sendable {
    var data = Data()
}

import CLITestSupport
import CallArchive
import CallCatalog
import CallModel
import Foundation
import Testing

/// The invariants the fault tests check after every fault and after every rerun.
enum HomeChecks {
    /// The catalog passes SQLite's integrity check and holds exactly `expected` calls, no source twice, each with its
    /// archive file present under its recorded SHA-256. Returns the calls.
    @discardableResult
    static func catalogIsSound(_ home: String, calls expected: Int,
                               sourceLocation: SourceLocation = #_sourceLocation) throws -> [Call] {
        let catalog = try Catalog(path: home + "/catalog.sqlite")
        #expect(try catalog.integrityProblems().isEmpty, "integrity check", sourceLocation: sourceLocation)
        let calls = try catalog.calls(CallQuery(limit: 1000))
        #expect(calls.count == expected, "calls in the catalog", sourceLocation: sourceLocation)
        #expect(Set(calls.map(\.sourceSHA256)).count == calls.count, "no call twice", sourceLocation: sourceLocation)
        let store = ArchiveStore(root: URL(fileURLWithPath: home + "/archive"))
        for call in calls {
            #expect(throws: Never.self, "archive of \(call.id)", sourceLocation: sourceLocation) {
                try store.verify(relativePath: call.archive.relativePath, sha256: call.archive.sha256)
            }
        }
        return calls
    }

    /// Temporary archive files (`archive/.incoming/*.partial`).
    static func partials(_ home: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: home + "/archive/.incoming")) ?? []).filter { $0.hasSuffix(".partial") }
    }

    /// Archive files published under `archive/YYYY/...` (whether or not a call names them).
    static func publishedArchives(_ home: String) -> [String] {
        let root = home + "/archive"
        let files = FileManager.default.enumerator(atPath: root)?.compactMap { $0 as? String } ?? []
        return files.filter { $0.hasSuffix(".opus") && !$0.hasPrefix(".") }
    }

    struct ScrubResult {
        var status: Int32
        var problems: [[String: Any]]
        var orphans: [String]
        var leftovers: [String]
    }

    /// `nokchwi scrub --decode`: every archive decrypted, hash-checked and decoded to the end; orphans listed.
    static func scrub(_ users: CLIHome, sourceLocation: SourceLocation = #_sourceLocation) throws -> ScrubResult {
        let result = try CLIRunner.run(["scrub", "--decode", "--home", users.path, "--json"], environment: users.archivist)
        let json = try #require(result.json as? [String: Any], "scrub: \(result.stderr)", sourceLocation: sourceLocation)
        return ScrubResult(status: result.status, problems: json["problems"] as? [[String: Any]] ?? [],
                           orphans: json["orphans"] as? [String] ?? [], leftovers: json["purged_leftovers"] as? [String] ?? [])
    }

    /// Every archive decodes and matches its hash, no stray file, and the audit chain and its checkpoints verify.
    static func archiveAndAuditAreClean(_ users: CLIHome, orphans: Int = 0, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let scrub = try scrub(users, sourceLocation: sourceLocation)
        #expect(scrub.problems.isEmpty, "scrub problems: \(scrub.problems)", sourceLocation: sourceLocation)
        #expect(scrub.orphans.count == orphans, "orphan archives: \(scrub.orphans)", sourceLocation: sourceLocation)
        #expect(scrub.leftovers.isEmpty, sourceLocation: sourceLocation)
        let audit = try CLIRunner.run(["audit", "verify", "--home", users.path], environment: users.archivist)
        #expect(audit.status == 0, "audit verify: \(audit.stdout) \(audit.stderr)", sourceLocation: sourceLocation)
    }

    /// `nokchwi quarantine list` is empty: no recording was blamed for the fault.
    static func nothingQuarantined(_ users: CLIHome, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let list = try CLIRunner.run(["quarantine", "list", "--home", users.path, "--json"], environment: users.archivist)
        #expect(list.status == 0 && (list.json as? [Any])?.isEmpty == true, "quarantine: \(list.stdout) \(list.stderr)",
                sourceLocation: sourceLocation)
    }

    /// The recordings in the drop folder are byte for byte what they were.
    static func sourcesUntouched(_ fixture: FaultFixture, sourceLocation: SourceLocation = #_sourceLocation) throws {
        #expect(try FaultFixture.hashes(of: fixture.drop) == fixture.sourceHashes, "sources changed", sourceLocation: sourceLocation)
    }

    /// `nokchwi ingest DROP --jobs 1 --json` (one call at a time, so the n-th hit of a step is the n-th call's).
    static func ingest(_ fixture: FaultFixture, _ users: CLIHome, fault: String? = nil,
                       extra: [String] = []) throws -> CLIRunner.Result {
        var environment = users.archivist
        if let fault { environment["NOKCHWI_FAULT"] = fault }
        return try CLIRunner.run(["ingest", fixture.drop, "--home", users.path, "--jobs", "1", "--json"] + extra,
                                 environment: environment)
    }

    /// The counts of an ingest report (`archived`, `skipped`, `failed`, `quarantined`).
    static func counts(_ result: CLIRunner.Result) -> [String: Int] {
        guard let json = result.json as? [String: Any] else { return [:] }
        var counts: [String: Int] = [:]
        for key in ["archived", "skipped", "failed", "quarantined", "previously_quarantined"] { counts[key] = json[key] as? Int }
        return counts
    }

    /// The failure reasons of an ingest report.
    static func failureReasons(_ result: CLIRunner.Result) -> [String] {
        ((result.json as? [String: Any])?["failures"] as? [[String: Any]] ?? []).compactMap { $0["reason"] as? String }
    }
}

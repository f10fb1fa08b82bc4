import CallArchive
import CallCatalog
import Foundation
import Testing

/// The README's promises, on the real binary: demo data in, archive and catalog out.
@Suite(.serialized, .enabled(if: CLIRunner.soundsInstalled, "needs asterisk-core-sounds-en-wav and asterisk-moh-opsound-wav (make test installs them)"))
struct CLIEndToEndTests {
    @Test func ingestListShowExportAndQuarantineOnDemoData() throws {
        let tmp = try TempDir()
        let gen = try CLIRunner.run(["demo-data", tmp.path("input"), "--calls", "6", "--seed", "11", "--mean-seconds", "40"])
        #expect(gen.status == 0, "\(gen.stderr)")
        let home = tmp.path("home")
        let first = try CLIRunner.run(["ingest", tmp.path("input/drop"), "--home", home, "--json", "--jobs", "2"])
        #expect(first.status == 0, "\(first.stderr)")
        let report = try #require(first.json as? [String: Any])
        let archived = report["archived"] as? Int ?? 0
        #expect(archived >= 6)
        #expect(report["failed"] as? Int == 0)
        #expect((report["quarantined"] as? Int ?? 0) >= 5, "the demo's bad inputs must be quarantined")
        #expect((report["audio_seconds"] as? Double ?? 0) > 60)

        let again = try #require(try CLIRunner.run(["ingest", tmp.path("input/drop"), "--home", home, "--json"]).json as? [String: Any])
        #expect(again["archived"] as? Int == 0 && again["skipped"] as? Int == archived && again["quarantined"] as? Int == 0)

        let list = try #require(try CLIRunner.run(["calls", "list", "--home", home, "--json"]).json as? [[String: Any]])
        #expect(list.count == archived)
        // No phone number in any output: caller numbers are masked.
        let listText = try CLIRunner.run(["calls", "list", "--home", home, "--json"]).stdout
        #expect(listText.range(of: #"010-\d{4}-\d{4}"#, options: .regularExpression) == nil)
        let withMetadata = try #require(list.first { ($0["metadata_format"] as? String) == "sidecar-json" })
        let id = try #require(withMetadata["id"] as? String)

        let show = try CLIRunner.run(["calls", "show", id, "--home", home, "--json"])
        let shown = try #require(show.json as? [String: Any])
        #expect(shown["id"] as? String == id)
        #expect((shown["caller_number_masked"] as? String)?.contains("****") == true)
        // Metrics are stored with the call, and the archive re-analyses to the same figures (within 2%).
        let analysis = try #require(shown["analysis"] as? [String: Any])
        let parties = try #require(analysis["parties"] as? [String: [String: Any]])
        let archive = try #require(shown["archive"] as? [String: Any])
        let archivePath = home + "/archive/" + (archive["relativePath"] as? String ?? "")
        let reanalysis = try #require(try CLIRunner.run(["analyze", archivePath, "--json"]).json as? [String: Any])
        let reanalysedParties = try #require(reanalysis["parties"] as? [String: [String: Any]])
        for party in ["agent", "caller"] {
            let stored = parties[party]?["talk_s"] as? Double ?? -1
            let reanalysed = reanalysedParties[party]?["talk_s"] as? Double ?? -1
            #expect(stored > 0 && abs(stored - reanalysed) <= max(0.02 * stored, 0.2), "\(party): \(stored) vs \(reanalysed)")
        }
        let text = try CLIRunner.run(["calls", "show", id, "--home", home])
        #expect(text.status == 0 && text.stdout.contains(id))

        let wav = tmp.path("export.wav")
        let export = try CLIRunner.run(["export", id, "--home", home, "--out", wav, "--json"])
        #expect(export.status == 0, "\(export.stderr)")
        let exported = try #require(export.json as? [String: Any])
        let duration = try #require(shown["duration_s"] as? Double)
        #expect(abs((exported["duration_s"] as? Double ?? 0) - duration) < 0.001)
        #expect((try FileManager.default.attributesOfItem(atPath: wav)[.size] as? Int ?? 0) > 44)
        // Export never overwrites.
        #expect(try CLIRunner.run(["export", id, "--home", home, "--out", wav]).status != 0)

        let status = try #require(try CLIRunner.run(["status", "--home", home, "--json"]).json as? [String: Any])
        #expect(status["calls"] as? Int == archived)
        #expect((status["quarantined"] as? Int ?? 0) == report["quarantined"] as? Int)

        let quarantine = try #require(try CLIRunner.run(["quarantine", "list", "--home", home, "--json"]).json as? [[String: Any]])
        #expect(quarantine.count >= 5)
        #expect(quarantine.allSatisfy { !($0["reason"] as? String ?? "").isEmpty })
    }

    @Test func killedRunsLeaveWholeCallsOrNothingAndTheNextRunFinishes() throws {
        let tmp = try TempDir()
        #expect(try CLIRunner.run(["demo-data", tmp.path("input"), "--calls", "8", "--seed", "5", "--mean-seconds", "60", "--no-bad-inputs"]).status == 0)
        let home = tmp.path("home")
        // Kill ingest with SIGKILL at several moments; after each, every cataloged call must be whole.
        for delay in [0.15, 0.6, 1.2, 2.0] {
            let (process, _, _) = try CLIRunner.start(["ingest", tmp.path("input/drop"), "--home", home, "--jobs", "2"])
            Thread.sleep(forTimeInterval: delay)
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            try verifyEveryCallIsWhole(home: home)
        }
        let final = try #require(try CLIRunner.run(["ingest", tmp.path("input/drop"), "--home", home, "--json"]).json as? [String: Any])
        #expect(final["failed"] as? Int == 0)
        let catalog = try Catalog(path: home + "/catalog.sqlite")
        let calls = try catalog.calls(CallQuery(limit: 1000))
        #expect(calls.count == 8)
        #expect(Set(calls.map(\.sourceSHA256)).count == 8)
        try verifyEveryCallIsWhole(home: home)
        // No temporary file is left behind once a run completes.
        let incoming = (try? FileManager.default.contentsOfDirectory(atPath: home + "/archive/.incoming")) ?? []
        #expect(incoming.isEmpty)
    }

    private func verifyEveryCallIsWhole(home: String) throws {
        guard FileManager.default.fileExists(atPath: home + "/catalog.sqlite") else { return }
        let catalog = try Catalog(path: home + "/catalog.sqlite")
        #expect(try catalog.integrityProblems().isEmpty)
        let store = ArchiveStore(root: URL(fileURLWithPath: home + "/archive"))
        for call in try catalog.calls(CallQuery(limit: 1000)) {
            #expect(throws: Never.self) { try store.verify(relativePath: call.archive.relativePath, sha256: call.archive.sha256) }
            #expect(!call.legs.isEmpty)
        }
    }
}

@Suite struct CLIUsageTests {
    @Test func helpListsTheCommands() throws {
        let help = try CLIRunner.run(["--help"])
        #expect(help.status == 0)
        for command in ["ingest", "status", "calls", "analyze", "export", "quarantine", "demo-data"] {
            #expect(help.stdout.contains(command))
        }
    }

    @Test func missingCatalogIsAClearError() throws {
        let tmp = try TempDir()
        let result = try CLIRunner.run(["calls", "list", "--home", tmp.path("nowhere")])
        #expect(result.status != 0)
        #expect(result.stderr.contains("no catalog"))
    }

    @Test func missingDropFolderIsAClearErrorAndExitsNonZero() throws {
        let tmp = try TempDir()
        let result = try CLIRunner.run(["ingest", tmp.path("absent"), "--home", tmp.path("home")])
        #expect(result.status != 0)
        #expect(result.stderr.contains("drop folder"))
    }

    @Test func invalidPipelineIsRejectedBeforeAnythingIsWritten() throws {
        let tmp = try TempDir()
        try Data("encoding:\n  complexity: 99\n".utf8).write(to: tmp.url.appendingPathComponent("bad.yaml"))
        try FileManager.default.createDirectory(atPath: tmp.path("drop"), withIntermediateDirectories: true)
        let result = try CLIRunner.run(["ingest", tmp.path("drop"), "--home", tmp.path("home"), "--pipeline", tmp.path("bad.yaml")])
        #expect(result.status != 0)
        #expect(result.stderr.contains("complexity"))
        #expect(!FileManager.default.fileExists(atPath: tmp.path("home")))
    }
}

import CLITestSupport
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
        let users = try CLIHome.make(tmp)
        let home = users.path
        let first = try CLIRunner.run(["ingest", tmp.path("input/drop"), "--home", home, "--json", "--jobs", "2"], environment: users.archivist)
        #expect(first.status == 0, "\(first.stderr)")
        let report = try #require(first.json as? [String: Any])
        let archived = report["archived"] as? Int ?? 0
        #expect(archived >= 6)
        #expect(report["failed"] as? Int == 0)
        #expect((report["quarantined"] as? Int ?? 0) >= 5, "the demo's bad inputs must be quarantined")
        #expect((report["audio_seconds"] as? Double ?? 0) > 60)

        let again = try #require(try CLIRunner.run(["ingest", tmp.path("input/drop"), "--home", home, "--json"], environment: users.archivist).json as? [String: Any])
        #expect(again["archived"] as? Int == 0 && again["skipped"] as? Int == archived && again["quarantined"] as? Int == 0)

        let list = try #require(try CLIRunner.run(["calls", "list", "--home", home, "--json"], environment: users.archivist).json as? [[String: Any]])
        #expect(list.count == archived)
        // No phone number in any output: caller numbers are masked.
        let listText = try CLIRunner.run(["calls", "list", "--home", home, "--json"], environment: users.supervisor).stdout
        #expect(listText.range(of: #"010-\d{4}-\d{4}"#, options: .regularExpression) == nil)
        let withMetadata = try #require(list.first { ($0["metadata_format"] as? String) == "sidecar-json" && $0["team"] is String })
        let id = try #require(withMetadata["id"] as? String)

        let show = try CLIRunner.run(["calls", "show", id, "--home", home, "--json"], environment: users.supervisor)
        let shown = try #require(show.json as? [String: Any], "\(show.stderr)")
        #expect(shown["id"] as? String == id)
        #expect((shown["caller_number_masked"] as? String)?.contains("****") == true)
        // Archivists see the call but not its metrics.
        let archivistView = try #require(try CLIRunner.run(["calls", "show", id, "--home", home, "--json"], environment: users.archivist).json as? [String: Any])
        #expect(archivistView["analysis"] == nil)
        // ... and are told why (their role), and who may: not "not analysed".
        #expect((archivistView["metrics_withheld"] as? String)?.contains("supervisor") == true)
        let archivistText = try CLIRunner.run(["calls", "show", id, "--home", home], environment: users.archivist)
        #expect(archivistText.stdout.contains("not shown to your role (archivist)") && !archivistText.stdout.contains("not analysed"),
                "\(archivistText.stdout)")
        #expect(archivistText.stdout.contains(" KST") || ProcessInfo.processInfo.environment["TZ"] != nil, "times carry their zone")
        // The README's `calls analyze` as the archivist: refused, naming the roles that may; no log line before it.
        let refusedAnalysis = try CLIRunner.run(["calls", "analyze", id, "--home", home], environment: users.archivist)
        #expect(refusedAnalysis.status != 0 && refusedAnalysis.stderr.hasPrefix("Error: refused"), "\(refusedAnalysis.stderr)")
        #expect(refusedAnalysis.stderr.contains("supervisor (calls of their own teams)") && refusedAnalysis.stderr.contains("evaluator"),
                "\(refusedAnalysis.stderr)")
        // Metrics are stored with each call, and the (encrypted) archives re-analyse to the same figures: talk per
        // party within 2% over the calls (the issue's target, pooled as the accuracy harness pools it), and within 5%
        // on each call (the per-call distribution is in Benchmarks/README.md: on 10 dB lines Opus takes a few dB of
        // the noise away and some calls move 2-3%; a swapped channel or a broken decode moves far more).
        var storedTalk = ["agent": 0.0, "caller": 0.0], reanalysedTalk = storedTalk
        let teamCalls = try #require(try CLIRunner.run(["calls", "list", "--home", home, "--json"], environment: users.supervisor).json as? [[String: Any]])
        #expect(teamCalls.count >= 4, "the calls whose metadata names a team")
        // The supervisor of every team is told which calls are not shown and why (calls without a team).
        let withoutTeam = list.filter { !($0["team"] is String) }.count
        #expect(withoutTeam >= 1 && teamCalls.count + withoutTeam == list.count)
        let footer = try CLIRunner.run(["calls", "list", "--home", home], environment: users.supervisor).stdout
        #expect(footer.split(separator: "\n").allSatisfy { $0.count <= 120 }, "\(footer)")
        let joined = footer.replacingOccurrences(of: "\n  ", with: " ")
        #expect(joined.contains("\(teamCalls.count) shown of \(teamCalls.count) call(s) of your 8 teams"), "\(footer)")
        #expect(joined.contains("\(withoutTeam) of the \(list.count) calls in the catalog are not shown: \(withoutTeam) have no team"), "\(footer)")
        for call in teamCalls {
            let callID = try #require(call["id"] as? String)
            let stored = try #require(try CLIRunner.run(["calls", "show", callID, "--home", home, "--json"], environment: users.supervisor).json as? [String: Any])
            guard let parties = (stored["analysis"] as? [String: Any])?["parties"] as? [String: [String: Any]] else { continue }
            let reanalysis = try #require(try CLIRunner.run(["calls", "analyze", callID, "--home", home, "--json"], environment: users.supervisor).json as? [String: Any])
            let reanalysedParties = try #require(reanalysis["parties"] as? [String: [String: Any]])
            for party in ["agent", "caller"] {
                let before = parties[party]?["talk_s"] as? Double ?? -1
                let after = reanalysedParties[party]?["talk_s"] as? Double ?? -1
                #expect(before >= 0 && abs(before - after) <= max(0.05 * before, 0.2), "\(callID) \(party): \(before) vs \(after)")
                storedTalk[party, default: 0] += before
                reanalysedTalk[party, default: 0] += after
            }
        }
        for party in ["agent", "caller"] {
            let before = storedTalk[party] ?? 0, after = reanalysedTalk[party] ?? 0
            #expect(before > 0 && abs(before - after) <= 0.02 * before, "\(party) over the calls: \(before) vs \(after)")
        }
        // The archive on disk is sealed: no Ogg page in it, and `analyze FILE` points to `calls analyze`.
        let archive = try #require(shown["archive"] as? [String: Any])
        let archivePath = home + "/archive/" + (archive["relativePath"] as? String ?? "")
        let bytes = try Data(contentsOf: URL(fileURLWithPath: archivePath))
        #expect(bytes.prefix(8) == Data("NKCHWENC".utf8) && bytes.range(of: Data("OggS".utf8)) == nil)
        let direct = try CLIRunner.run(["analyze", archivePath])
        #expect(direct.status != 0 && direct.stderr.contains("calls analyze"))
        let text = try CLIRunner.run(["calls", "show", id, "--home", home], environment: users.supervisor)
        #expect(text.status == 0 && text.stdout.contains(id))

        // Export into a folder that is not there: said plainly, no libsndfile text, nothing written.
        let nowhere = try CLIRunner.run(["export", id, "--home", home, "--out", tmp.path("no/such/folder/x.wav"), "--reason", "r"], environment: users.archivist)
        #expect(nowhere.status != 0 && nowhere.stderr.contains("does not exist") && !nowhere.stderr.contains("cannotOpen"), "\(nowhere.stderr)")
        let wav = tmp.path("export.wav")
        // Export needs a reason, and only archivists export.
        #expect(try CLIRunner.run(["export", id, "--home", home, "--out", wav], environment: users.archivist).status != 0)
        #expect(try CLIRunner.run(["export", id, "--home", home, "--out", wav, "--reason", "x"], environment: users.supervisor).status != 0)
        #expect(!FileManager.default.fileExists(atPath: wav))
        let export = try CLIRunner.run(["export", id, "--home", home, "--out", wav, "--reason", "court order 2026-17", "--json"], environment: users.archivist)
        #expect(export.status == 0, "\(export.stderr)")
        let exported = try #require(export.json as? [String: Any])
        let duration = try #require(shown["duration_s"] as? Double)
        #expect(abs((exported["duration_s"] as? Double ?? 0) - duration) < 0.001)
        #expect((try FileManager.default.attributesOfItem(atPath: wav)[.size] as? Int ?? 0) > 44)
        // Export never overwrites.
        #expect(try CLIRunner.run(["export", id, "--home", home, "--out", wav, "--reason", "again"], environment: users.archivist).status != 0)

        let status = try #require(try CLIRunner.run(["status", "--home", home, "--json"], environment: users.archivist).json as? [String: Any])
        #expect(status["calls"] as? Int == archived)
        #expect((status["quarantined"] as? Int ?? 0) == report["quarantined"] as? Int)

        let quarantine = try #require(try CLIRunner.run(["quarantine", "list", "--home", home, "--json"], environment: users.archivist).json as? [[String: Any]])
        #expect(quarantine.count >= 5)
        #expect(quarantine.allSatisfy { !($0["reason"] as? String ?? "").isEmpty })
        // For people: lines that fit a terminal, the reason under the file, times with their zone.
        let quarantineText = try CLIRunner.run(["quarantine", "list", "--home", home], environment: users.archivist.merging(["TZ": "Asia/Seoul"]) { $1 })
        let quarantineLines = quarantineText.stdout.split(separator: "\n")
        #expect(quarantineLines.allSatisfy { $0.count <= 120 }, "\(quarantineText.stdout)")
        #expect(quarantineLines.filter { $0.contains(" KST  ") }.count == quarantine.count, "\(quarantineText.stdout)")

        // Every access above left a trace: the export with its reason, the refusals, one entry per archived call.
        let audit = try #require(try CLIRunner.run(["audit", "list", "--home", home, "--limit", "1000", "--json"], environment: users.admin).json as? [[String: Any]])
        #expect(audit.contains { $0["action"] as? String == "export-call" && $0["reason"] as? String == "court order 2026-17" && $0["call_id"] as? String == id })
        #expect(audit.filter { $0["action"] as? String == "access-refused" }.count >= 2)
        #expect(audit.filter { $0["action"] as? String == "ingest-archived" }.count == archived)
        let verify = try CLIRunner.run(["audit", "verify", "--home", home, "--json"], environment: users.admin)
        #expect(verify.status == 0, "\(verify.stdout)")
    }

    @Test func keysRetentionHoldsPurgeAndScrubOnTheRealBinary() throws {
        let tmp = try TempDir()
        #expect(try CLIRunner.run(["demo-data", tmp.path("input"), "--calls", "3", "--seed", "21", "--mean-seconds", "30", "--no-bad-inputs"]).status == 0)
        let users = try CLIHome.make(tmp)
        let home = users.path
        #expect(try CLIRunner.run(["ingest", tmp.path("input/drop"), "--home", home], environment: users.archivist).status == 0)
        let before = try #require(try CLIRunner.run(["keys", "list", "--home", home, "--json"], environment: users.admin).json as? [[String: Any]])
        let oldKey = try #require(before.first?["id"] as? String)
        // Evaluators and archivists may not touch keys.
        #expect(try CLIRunner.run(["keys", "rotate", "--home", home], environment: users.archivist).status != 0)
        let rotated = try CLIRunner.run(["keys", "rotate", "--rewrap", "--home", home, "--json"], environment: users.admin)
        #expect(rotated.status == 0, "\(rotated.stderr)")
        let after = try #require(try CLIRunner.run(["keys", "list", "--home", home, "--json"], environment: users.admin).json as? [[String: Any]])
        #expect(after.count == 2)
        #expect(after.first { $0["id"] as? String == oldKey }?["archives"] as? Int == 0)
        // Retention, holds, purge and scrub as the archivist; supervisors may not purge.
        let apply = try CLIRunner.run(["retention", "apply", "--home", home, "--reason", "policy check", "--json"], environment: users.archivist)
        #expect(apply.status == 0, "\(apply.stderr)")
        let listed = try #require(try CLIRunner.run(["calls", "list", "--home", home, "--json"], environment: users.archivist).json as? [[String: Any]])
        let held = try #require(listed.first?["id"] as? String)
        let hold = try #require(try CLIRunner.run(["holds", "add", "--call", held, "--holder", "court 2026-1", "--reason", "litigation",
                                                    "--home", home, "--json"], environment: users.archivist).json as? [String: Any])
        #expect((hold["call_ids"] as? [String]) == [held])
        #expect(try CLIRunner.run(["holds", "add", "--call", held, "--holder", "x", "--reason", "y", "--home", home], environment: users.supervisor).status != 0)
        #expect(try CLIRunner.run(["purge", "--home", home], environment: users.supervisor).status != 0)
        // Nothing has expired today: the dry run lists nothing and the purge destroys nothing, but certifies it.
        let plan = try #require(try CLIRunner.run(["purge", "--dry-run", "--home", home, "--json"], environment: users.archivist).json as? [String: Any])
        #expect((plan["calls"] as? [Any])?.isEmpty == true)
        let purge = try CLIRunner.run(["purge", "--home", home, "--json"], environment: users.archivist)
        #expect(purge.status == 0, "\(purge.stderr)")
        let certificates = try FileManager.default.contentsOfDirectory(atPath: home + "/certificates")
        #expect(certificates.contains { $0.hasSuffix(".json") } && certificates.contains { $0.hasSuffix(".txt") })
        #expect(try CLIRunner.run(["scrub", "--home", home], environment: users.archivist).status == 0)

        // With the old key file gone, every archive still opens (its data key is wrapped by the new key).
        try FileManager.default.removeItem(atPath: home + "/keys/kek-\(oldKey).key")
        let calls = try #require(try CLIRunner.run(["calls", "list", "--home", home, "--json"], environment: users.archivist).json as? [[String: Any]])
        #expect(calls.count == 3)
        for call in calls {
            let id = try #require(call["id"] as? String)
            let out = tmp.path("\(id).wav")
            let export = try CLIRunner.run(["export", id, "--home", home, "--out", out, "--reason", "key rotation check"], environment: users.archivist)
            #expect(export.status == 0, "\(export.stderr)")
        }
        // A missing archive file is found by scrub (exit 1, named).
        let victim = try #require(calls.first)
        let archive = try #require(victim["archive"] as? [String: Any])
        try FileManager.default.removeItem(atPath: home + "/archive/" + (archive["relativePath"] as? String ?? ""))
        let scrub = try CLIRunner.run(["scrub", "--home", home, "--json"], environment: users.archivist)
        #expect(scrub.status == 1)
        let report = try #require(scrub.json as? [String: Any])
        #expect((report["problems"] as? [[String: Any]])?.first?["status"] as? String == "missing")
        let holds = try #require(try CLIRunner.run(["holds", "list", "--home", home, "--json"], environment: users.archivist).json as? [[String: Any]])
        let holdID = try #require(holds.first?["id"] as? Int)
        #expect(try CLIRunner.run(["holds", "release", "\(holdID)", "--reason", "case closed", "--home", home], environment: users.archivist).status == 0)
        #expect((try CLIRunner.run(["holds", "list", "--home", home, "--json"], environment: users.archivist).json as? [Any])?.isEmpty == true)
    }

    @Test func killedRunsLeaveWholeCallsOrNothingAndTheNextRunFinishes() throws {
        let tmp = try TempDir()
        #expect(try CLIRunner.run(["demo-data", tmp.path("input"), "--calls", "8", "--seed", "5", "--mean-seconds", "60", "--no-bad-inputs"]).status == 0)
        let users = try CLIHome.make(tmp)
        let home = users.path
        let watcher = try Catalog(path: home + "/catalog.sqlite")
        // Kill ingest with SIGKILL at several moments of a run, found by watching the catalog (not by timing): as soon
        // as the run is recorded, then each time after one more call is committed. After each, every cataloged call
        // must be whole, and the kill must have landed mid-run: the process had not exited, its run is still
        // recorded as running, and calls were left to do.
        for (attempt, newCalls) in [0, 1, 1, 1].enumerated() {
            let runID = Int64(attempt + 1)  // pipeline_run ids count from 1; the home has no run yet
            let callsBefore = try watcher.callCount()
            let (process, _, _) = try CLIRunner.start(["ingest", tmp.path("input/drop"), "--home", home, "--jobs", "2"], environment: users.archivist)
            let deadline = Date().addingTimeInterval(600)
            while process.isRunning, Date() < deadline {
                if try watcher.run(id: runID) != nil, try watcher.callCount() >= callsBefore + newCalls { break }
                Thread.sleep(forTimeInterval: 0.02)
            }
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            #expect(process.terminationReason == .uncaughtSignal && process.terminationStatus == SIGKILL,
                    "kill \(attempt + 1) came after the run had ended")
            #expect(try watcher.run(id: runID)?.status.rawValue == "running", "kill \(attempt + 1) did not land inside run \(runID)")
            #expect(try watcher.callCount() < 8, "kill \(attempt + 1) landed after the last call")
            try verifyEveryCallIsWhole(home: home)
        }
        let final = try #require(try CLIRunner.run(["ingest", tmp.path("input/drop"), "--home", home, "--json"], environment: users.archivist).json as? [String: Any])
        #expect(final["failed"] as? Int == 0)
        let catalog = try Catalog(path: home + "/catalog.sqlite")
        let calls = try catalog.calls(CallQuery(limit: 1000))
        #expect(calls.count == 8)
        #expect(Set(calls.map(\.sourceSHA256)).count == 8)
        try verifyEveryCallIsWhole(home: home)
        // No temporary file is left behind once a run completes.
        let incoming = (try? FileManager.default.contentsOfDirectory(atPath: home + "/archive/.incoming")) ?? []
        #expect(incoming.isEmpty)
        // The killed runs are closed as interrupted by the next run (they do not stay `running`), and `status` says so.
        for id in Int64(1)...4 { #expect(try catalog.run(id: id)?.status.rawValue == "interrupted", "run \(id)") }
        #expect(try catalog.run(id: 5)?.status.rawValue == "completed")
        let status = try CLIRunner.run(["status", "--home", home, "--json"], environment: users.archivist)
        let byStatus = (status.json as? [String: Any])?["runs_by_status"] as? [String: Int]
        #expect(byStatus == ["interrupted": 4, "completed": 1], "\(status.stdout)")
        let text = try CLIRunner.run(["status", "--home", home], environment: users.archivist).stdout
        #expect(text.contains("interrupted 4"), "\(text)")
        let locks = (try? FileManager.default.contentsOfDirectory(atPath: home + "/run-locks")) ?? []
        #expect(locks.isEmpty, "\(locks)")
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
        for command in ["init", "login", "users", "keys", "audit", "retention", "holds", "purge", "scrub", "ingest", "status", "calls", "analyze", "export", "quarantine", "demo-data"] {
            #expect(help.stdout.contains(command))
        }
    }

    @Test func missingCatalogIsAClearError() throws {
        let tmp = try TempDir()
        let result = try CLIRunner.run(["calls", "list", "--home", tmp.path("nowhere")])
        #expect(result.status != 0)
        #expect(result.stderr.contains("no catalog"))
    }

    @Test func commandsOnRecordingsNeedASignedInUser() throws {
        let tmp = try TempDir()
        #expect(try CLIRunner.run(["init", "--admin", "admin", "--home", tmp.path("home")],
                                  environment: ["NOKCHWI_PASSWORD": CLIHome.adminPassword]).status == 0)
        let anonymous = try CLIRunner.run(["calls", "list", "--home", tmp.path("home")], environment: ["NOKCHWI_TOKEN": ""])
        #expect(anonymous.status != 0 && anonymous.stderr.contains("--user"))
        let wrong = try CLIRunner.run(["calls", "list", "--home", tmp.path("home"), "--user", "admin"],
                                      environment: ["NOKCHWI_PASSWORD": "not the password at all"])
        #expect(wrong.status != 0 && wrong.stderr.contains("authentication failed"))
        #expect(!wrong.stderr.contains("not the password"))
        // A second init on the same home is refused.
        #expect(try CLIRunner.run(["init", "--admin", "other", "--home", tmp.path("home")],
                                  environment: ["NOKCHWI_PASSWORD": CLIHome.adminPassword]).status != 0)
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

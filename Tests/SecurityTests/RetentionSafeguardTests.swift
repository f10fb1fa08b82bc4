import CallCatalog
import CLITestSupport
import Foundation
import Testing

/// Issue #21, weak item "retention": one archivist could shorten retention to a day, destroy calls or lift a legal
/// hold alone, backdate a call's start in its metadata to make it expire early unnoticed, and the destruction
/// certificate named the policy passed to `purge`, not the one that gave the calls their class.
@Suite(.serialized) struct RetentionSafeguardTests {
    static func pipeline(_ tmp: TempDir, _ name: String, _ retention: String) throws -> String {
        let path = tmp.path(name + ".yaml")
        try Data("name: \(name)\nretention:\n\(retention)".utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    static let oneDay = """
          default_class: brief
          classes:
            - name: brief
              days: 1

        """

    @Test func aClassBelowTheFloorNeedsAnAdmin() throws {
        // Attack: an archivist applies (or ingests under) a policy that keeps calls one day, so that the next purge
        // destroys them; the home's floor, set at init, is 30 days.
        let home = try SecurityHome(calls: 1)
        let files = try TempDir()
        let brief = try Self.pipeline(files, "brief", Self.oneDay)
        let apply = try CLIRunner.run(["retention", "apply", "--pipeline", brief, "--reason", "cleanup", "--home", home.path],
                                      environment: home.archivist)
        #expect(apply.status != 0 && apply.stderr.contains("floor of 30 days"), "\(apply.stderr)")
        let ingest = try CLIRunner.run(["ingest", files.path("nothing"), "--pipeline", brief, "--home", home.path], environment: home.archivist)
        #expect(ingest.status != 0)
        try FileManager.default.createDirectory(atPath: files.path("empty"), withIntermediateDirectories: true)
        let ingestEmpty = try CLIRunner.run(["ingest", files.path("empty"), "--pipeline", brief, "--home", home.path], environment: home.archivist)
        #expect(ingestEmpty.status != 0 && ingestEmpty.stderr.contains("floor"), "\(ingestEmpty.stderr)")
        // The archivist cannot confirm it; an admin can, for this exact policy only.
        #expect(try CLIRunner.run(["retention", "confirm-short", "--pipeline", brief, "--reason", "x", "--home", home.path],
                                  environment: home.archivist).status != 0)
        let confirm = try CLIRunner.run(["retention", "confirm-short", "--pipeline", brief, "--reason", "test line, wrong numbers only",
                                         "--home", home.path], environment: home.admin)
        #expect(confirm.status == 0, "\(confirm.stderr)")
        let again = try CLIRunner.run(["retention", "apply", "--pipeline", brief, "--reason", "cleanup", "--home", home.path, "--json"],
                                      environment: home.archivist)
        #expect(again.status == 0, "\(again.stderr)")
        let twoDays = try Self.pipeline(files, "two", Self.oneDay.replacingOccurrences(of: "days: 1", with: "days: 2"))
        #expect(try CLIRunner.run(["retention", "apply", "--pipeline", twoDays, "--reason", "cleanup", "--home", home.path],
                                  environment: home.archivist).status != 0)
    }

    @Test func purgeAndHoldReleaseNeedASecondArchivist() throws {
        // Attack: one archivist alone lifts a legal hold and purges; with `retention.two_person: true` each needs
        // another archivist's approval, and running without the pipeline file does not switch the rule off.
        let home = try SecurityHome(calls: 1)
        let files = try TempDir()
        let twoPerson = try Self.pipeline(files, "two-person", "  two_person: true\n")
        let second = try home.addUser("keeper2", password: "second archive clerk 9", ["--role", "archivist"])
        let id = try #require(try home.callIDs().first)
        func run(_ arguments: [String], _ env: [String: String]) throws -> CLIRunner.Result {
            try CLIRunner.run(arguments + ["--home", home.path], environment: env)
        }
        #expect(try run(["holds", "add", "--call", id, "--holder", "court", "--reason", "case 7"], home.archivist).status == 0)
        #expect(try run(["retention", "apply", "--pipeline", twoPerson, "--reason", "two-person rule"], home.archivist).status == 0)

        #expect(try run(["holds", "release", "9", "--reason", "no such hold"], home.archivist).status != 0)
        let ask = try run(["holds", "release", "1", "--reason", "case closed", "--json"], home.archivist)
        #expect(ask.status == 0, "\(ask.stderr)")
        let request = try #require((ask.json as? [String: Any])?["id"] as? Int)
        let holds = try #require(try run(["holds", "list", "--json"], home.archivist).json as? [[String: Any]])
        #expect(holds.count == 1 && holds[0]["released_at"] == nil, "the hold must still be active: \(holds)")
        #expect(try run(["holds", "release", "1", "--reason", "case closed", "--request", "\(request)"], home.archivist).status != 0)
        let own = try run(["retention", "approve", "\(request)"], home.archivist)
        #expect(own.status != 0 && own.stderr.contains("second archivist"), "\(own.stderr)")
        #expect(try run(["retention", "approve", "\(request)"], second).status == 0)
        let released = try run(["holds", "release", "1", "--reason", "case closed", "--request", "\(request)"], home.archivist)
        #expect(released.status == 0 && released.stdout.contains("released"), "\(released.stdout) \(released.stderr)")
        let after = try #require(try run(["holds", "list", "--all", "--json"], home.archivist).json as? [[String: Any]])
        #expect(after.first?["released_by"] as? String == "keeper")
        #expect(try run(["holds", "release", "1", "--reason", "again", "--request", "\(request)"], home.archivist).status != 0)

        // Purge without the pipeline: the rule stays on; a request approved for a hold does not purge.
        let purge = try run(["purge", "--json"], home.archivist)
        let purgeRequest = try #require((purge.json as? [String: Any])?["id"] as? Int, "\(purge.stdout) \(purge.stderr)")
        #expect(try run(["purge", "--request", "\(request)"], home.archivist).status != 0)
        #expect(try run(["purge", "--request", "\(purgeRequest)"], home.archivist).status != 0)
        #expect(try run(["retention", "approve", "\(purgeRequest)"], second).status == 0)
        let done = try run(["purge", "--request", "\(purgeRequest)"], home.archivist)
        #expect(done.status == 0 && done.stdout.contains("purge run #"), "\(done.stdout) \(done.stderr)")
        let audit = try #require(try run(["audit", "list", "--limit", "300", "--json"], home.admin).json as? [[String: Any]])
        #expect(audit.contains { $0["action"] as? String == "retention-approve" && $0["account"] as? String == "keeper2" })
    }

    @Test func theCertificateNamesThePolicyThatAssignedTheClass() throws {
        // Attack (on the record): calls are ingested under a 1-day class, then `purge` runs with the built-in policy;
        // the certificate named the built-in policy (3 years, 5 years, 60 days) as the one the calls were destroyed
        // under.
        let files = try TempDir()
        let brief = try Self.pipeline(files, "brief", Self.oneDay)
        let home = try SecurityHome(calls: 2, initArguments: ["--retention-floor-days", "1"], ingestArguments: ["--pipeline", brief])
        let purge = try CLIRunner.run(["purge", "--home", home.path], environment: home.archivist)
        #expect(purge.status == 0, "\(purge.stderr)")
        let certificates = try FileManager.default.contentsOfDirectory(atPath: home.path + "/certificates").filter { $0.hasSuffix(".json") }
        let file = try #require(certificates.first)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: home.path + "/certificates/" + file))) as? [String: Any])
        let destroyed = try #require(json["destroyed"] as? [[String: Any]])
        #expect(destroyed.count == 2)
        let applied = try #require(json["applied_policies"] as? [String: Any])
        #expect(applied.count == 1)
        let (sha, policy) = try #require(applied.first)
        #expect(destroyed.allSatisfy { $0["retention_class"] as? String == "brief" && $0["policy_sha256"] as? String == sha })
        #expect(sha != json["policy_sha256"] as? String)
        #expect(((policy as? [String: Any])?["default_class"] as? String) == "brief")
        let text = try String(contentsOfFile: home.path + "/certificates/" + file.replacingOccurrences(of: ".json", with: ".txt"), encoding: .utf8)
        #expect(text.contains("Policy applied (2 call(s))") && text.contains("brief 1 day"), "\(text)")
    }

    @Test func aStartTimeFarFromTheFilesTimeIsFlagged() throws {
        // Attack: whoever writes the drop folder moves a call's start time a year back in its sidecar, so that its
        // retention ends early (and it escapes a hold placed by date); nothing told the archivist.
        var moved: String?
        let home = try SecurityHome(calls: 6) { drop in
            for file in try FileManager.default.subpathsOfDirectory(atPath: drop).filter({ $0.hasSuffix(".json") }).sorted() {
                let path = drop + "/" + file
                guard var doc = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as? [String: Any],
                      let start = doc["start_time"] as? String else { continue }
                doc["start_time"] = start.replacingOccurrences(of: "2026-", with: "2025-")
                try JSONSerialization.data(withJSONObject: doc).write(to: URL(fileURLWithPath: path))
                moved = file
                return
            }
        }
        try #require(moved != nil)
        let catalog = try Catalog(path: home.path + "/catalog.sqlite")
        let calls = try catalog.calls(CallQuery(limit: 100))
        let flagged = calls.filter { $0.flags.contains(.startTimeMismatch) }
        #expect(flagged.count == 1, "\(calls.map { ($0.metadata.startTime, $0.flags) })")
        #expect(flagged.first?.metadata.startTime.map { Calendar(identifier: .gregorian).component(.year, from: $0) } == 2025)
        let status = try #require(try CLIRunner.run(["status", "--home", home.path, "--json"], environment: home.archivist).json as? [String: Any])
        #expect((status["by_flag"] as? [String: Int])?["start-time-mismatch"] == 1)
    }
}

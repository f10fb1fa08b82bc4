import CLITestSupport
import Foundation
import Testing

/// Issue #21, weak item "status and call ids": a single-team supervisor or an archivist learns, from `status`, the
/// talk metrics of the whole catalog; and a call id of another team answers differently from an unknown one, so
/// anyone may probe which ids exist. Now `status` covers what `calls list` and `report talk` cover, and an id the
/// user may not see answers exactly like one that does not exist, on every command that takes a call id.
@Suite(.serialized) struct ScopeLeakTests {
    @Test func statusCoversOnlyWhatTheUserMayList() throws {
        // Attack: a supervisor of one team (or an archivist, who may not see metrics at all) runs `status` to read
        // the catalog-wide talk, overtalk and hold totals of every team.
        let home = try SecurityHome(calls: 10)
        let rows = try home.callRows()
        let teams = rows.compactMap { $0["team"] as? String }
        let team = try #require(teams.first)
        let ofTeam = teams.filter { $0 == team }.count
        try #require(ofTeam < rows.count, "the demo calls must span more than one team")
        let supervisor = try home.addUser("floor1", password: "one team supervisor 7", ["--role", "supervisor", "--team", team])

        let asSupervisor = try CLIRunner.run(["status", "--home", home.path, "--json"], environment: supervisor)
        #expect(asSupervisor.status == 0, "\(asSupervisor.stderr)")
        let s = try #require(asSupervisor.json as? [String: Any])
        #expect(s["calls"] as? Int == ofTeam)
        let metrics = try #require(s["metrics"] as? [String: Any])
        #expect((metrics["analysed_calls"] as? Int ?? .max) <= ofTeam)
        #expect(s["quarantined"] == nil && s["runs"] == nil)
        let text = try CLIRunner.run(["status", "--home", home.path], environment: supervisor).stdout
        #expect(text.contains("calls archived      \(ofTeam) ") && text.contains("team(s) \(team)"), "\(text)")

        let asArchivist = try #require(try CLIRunner.run(["status", "--home", home.path, "--json"], environment: home.archivist).json as? [String: Any])
        #expect(asArchivist["calls"] as? Int == rows.count)
        #expect(asArchivist["metrics"] == nil)
        #expect((asArchivist["metrics_withheld"] as? String)?.contains("supervisor") == true)
        let archivistText = try CLIRunner.run(["status", "--home", home.path], environment: home.archivist).stdout
        #expect(!archivistText.contains("agent share") && archivistText.contains("talk metrics"), "\(archivistText)")
    }

    @Test func anIdOfAnotherTeamAnswersLikeAnUnknownOne() throws {
        // Attack: a supervisor of one team tries call ids on `calls show`, `calls analyze`, `export`, `qa evaluations`
        // and tells those that exist (other teams' calls: "belongs to a team you do not supervise") from the rest.
        let home = try SecurityHome(calls: 10)
        let rows = try home.callRows()
        let team = try #require(rows.compactMap { $0["team"] as? String }.first)
        let other = try #require(rows.first { ($0["team"] as? String) != team }?["id"] as? String)
        let supervisor = try home.addUser("floor1", password: "one team supervisor 7", ["--role", "supervisor", "--team", team])
        let unknown = String(other.reversed())
        let commands: [(String) -> [String]] = [
            { ["calls", "show", $0] }, { ["calls", "analyze", $0] }, { ["qa", "evaluations", "--call", $0] },
            { ["export", $0, "--out", home.tmp.path("x-\(UUID().uuidString).wav"), "--reason", "probe"] },
        ]
        for command in commands {
            let refused = try CLIRunner.run(command(other) + ["--home", home.path], environment: supervisor)
            let missing = try CLIRunner.run(command(unknown) + ["--home", home.path], environment: supervisor)
            #expect(refused.status != 0 && refused.status == missing.status, "\(command(other)): \(refused.status) vs \(missing.status)")
            #expect(refused.stderr == missing.stderr, "\(command(other)): \(refused.stderr) | \(missing.stderr)")
            #expect(!refused.stderr.contains("supervise"), "\(refused.stderr)")
        }
        // The JSON error of a script is the same too.
        let a = try CLIRunner.run(["calls", "show", other, "--home", home.path, "--json"], environment: supervisor)
        let b = try CLIRunner.run(["calls", "show", unknown, "--home", home.path, "--json"], environment: supervisor)
        #expect(a.status == b.status && a.stdout == b.stdout && a.stderr == b.stderr)
        // The audit trail still tells the admin what happened.
        let audit = try #require(try CLIRunner.run(["audit", "list", "--home", home.path, "--limit", "500", "--json"], environment: home.admin).json as? [[String: Any]])
        let refusals = audit.filter { $0["action"] as? String == "access-refused" && $0["account"] as? String == "floor1" }
        #expect(refusals.contains { ($0["detail"] as? [String: String])?["refusal"] == "outside-teams" && $0["call_id"] as? String == other })
        #expect(refusals.contains { ($0["detail"] as? [String: String])?["refusal"] == "unknown-call" })
    }
}

import CLITestSupport
import CallModel
import CallCatalog
import Foundation
import Testing

/// The list a user actually meets (`calls list`, through `CallsCommand.List.visible` and `CallScope.admits`), on the
/// real binary: an archivist sees every call, a supervisor the calls of their teams (never a call without a team),
/// an evaluator only the calls assigned to them; `--limit`, `--offset` and `--team` page and filter within what the
/// user may see. No demo sounds needed: seven short stereo calls with sidecar JSON are written here.
@Suite(.serialized) struct CallListScopeTests {
    /// Team of each call (nil: the sidecar names none), in start-time order.
    static let teams: [String?] = ["team-1", "team-2", nil, "team-1", "team-2", nil, "team-1"]

    @Test func eachRoleListsOnlyTheCallsItMaySee() throws {
        let tmp = try TempDir()
        let drop = tmp.path("drop")
        try FileManager.default.createDirectory(atPath: drop, withIntermediateDirectories: true)
        for (i, team) in Self.teams.enumerated() {
            try TestCall.wav(seconds: 2, seed: UInt64(100 + i)).write(to: URL(fileURLWithPath: drop + "/scope-\(i).wav"))
            let teamField = team.map { #", "team": "\#($0)""# } ?? ""
            let sidecar = #"{ "call_id": "SCOPE-\#(i)", "start_time": "2025-02-03T09:1\#(i):00+09:00", "agent_id": "A00\#(i)""#
                + teamField + #", "agent_channel": 0 }"#
            try Data(sidecar.utf8).write(to: URL(fileURLWithPath: drop + "/scope-\(i).json"))
        }
        let users = try CLIHome.make(tmp)
        let home = users.path
        let ingest = try CLIRunner.run(["ingest", drop, "--home", home, "--json"], environment: users.archivist)
        #expect(ingest.status == 0, "\(ingest.stderr)")

        func list(_ env: [String: String], _ extra: [String] = []) throws -> [String] {
            let result = try CLIRunner.run(["calls", "list", "--home", home, "--json"] + extra, environment: env)
            #expect(result.status == 0, "\(result.stderr)")
            let rows = try #require(result.json as? [[String: Any]], "\(result.stdout)")
            return rows.compactMap { $0["external_id"] as? String }
        }
        func ids(_ env: [String: String], _ extra: [String] = []) throws -> [String] {
            let result = try CLIRunner.run(["calls", "list", "--home", home, "--json"] + extra, environment: env)
            let rows = try #require(result.json as? [[String: Any]], "\(result.stdout)")
            return rows.compactMap { $0["id"] as? String }
        }
        let all = try list(users.archivist)
        #expect(all == Self.teams.indices.map { "SCOPE-\($0)" }, "oldest first, every call")
        let allIDs = try ids(users.archivist)
        #expect(allIDs.count == Self.teams.count)
        let byExternal = Dictionary(uniqueKeysWithValues: zip(all, allIDs))

        // Supervisor of teams 1-8: every call with a team, none without.
        let withTeam = Self.teams.indices.filter { Self.teams[$0] != nil }.map { "SCOPE-\($0)" }
        #expect(try list(users.supervisor) == withTeam)
        // Down to team-2: its two calls only; paging counts only what the supervisor may see.
        let teams = try CLIRunner.run(["users", "teams", "floor", "--team", "team-2", "--home", home], environment: users.admin)
        #expect(teams.status == 0, "\(teams.stderr)")
        #expect(try list(users.supervisor) == ["SCOPE-1", "SCOPE-4"])
        #expect(try list(users.supervisor, ["--limit", "1"]) == ["SCOPE-1"])
        #expect(try list(users.supervisor, ["--offset", "1"]) == ["SCOPE-4"])
        #expect(try list(users.supervisor, ["--team", "team-1"]).isEmpty)

        // The evaluator sees nothing until calls are assigned, then exactly those (with or without a team).
        #expect(try list(users.evaluator).isEmpty)
        let catalog = try Catalog(path: home + "/catalog.sqlite")
        for external in ["SCOPE-2", "SCOPE-3"] {
            let id = try #require(byExternal[external])
            #expect(try catalog.assign(CallAssignment(callID: CallID(rawValue: id), username: "qa1", assignedAt: Date(), assignedBy: "test")))
        }
        #expect(try list(users.evaluator) == ["SCOPE-2", "SCOPE-3"])
        #expect(try list(users.evaluator, ["--offset", "1", "--limit", "5"]) == ["SCOPE-3"])
        #expect(try list(users.evaluator, ["--team", "team-1"]) == ["SCOPE-3"])
        let assigned = try #require(byExternal["SCOPE-2"]), other = try #require(byExternal["SCOPE-1"])
        #expect(try CLIRunner.run(["calls", "show", assigned, "--home", home], environment: users.evaluator).status == 0)
        #expect(try CLIRunner.run(["calls", "show", other, "--home", home], environment: users.evaluator).status != 0)
    }
}

import CLITestSupport
import Foundation

/// A data home for the CLI-level attacks: `init` with an admin, an archivist with a token, and (on demand) a few
/// demo calls ingested. The same steps as the README (and `Tests/NokchwiCLITests/CLIHome.swift`), fewer users.
struct SecurityHome {
    let tmp: TempDir
    let path: String
    let admin: [String: String]
    let archivist: [String: String]

    static let adminPassword = "correct horse battery"
    static let archivistPassword = "archive clerk number 1"

    /// `prepare` may change the generated drop folder (its path is passed) before the ingest.
    /// `initArguments` are added to `nokchwi init`; `ingestArguments` to the ingest.
    init(calls: Int = 0, initArguments: [String] = [], ingestArguments: [String] = [],
         prepare: (String) throws -> Void = { _ in }) throws {
        tmp = try TempDir()
        path = tmp.path("home")
        let initResult = try CLIRunner.run(["init", "--admin", "admin", "--home", path] + initArguments,
                                           environment: ["NOKCHWI_PASSWORD": Self.adminPassword])
        guard initResult.status == 0 else { throw SecurityHomeError(message: "init failed: \(initResult.stderr)") }
        let adminToken = try Self.token(home: path, user: "admin", password: Self.adminPassword)
        admin = ["NOKCHWI_TOKEN": adminToken]
        var env = admin
        env["NOKCHWI_NEW_PASSWORD"] = Self.archivistPassword
        let added = try CLIRunner.run(["users", "add", "keeper", "--role", "archivist", "--home", path], environment: env)
        guard added.status == 0 else { throw SecurityHomeError(message: "users add failed: \(added.stderr)") }
        archivist = ["NOKCHWI_TOKEN": try Self.token(home: path, user: "keeper", password: Self.archivistPassword)]
        if calls > 0 {
            let gen = try CLIRunner.run(["demo-data", tmp.path("input"), "--calls", "\(calls)", "--seed", "7",
                                         "--mean-seconds", "20", "--no-bad-inputs"])
            guard gen.status == 0 else { throw SecurityHomeError(message: "demo-data failed: \(gen.stderr)") }
            try prepare(tmp.path("input/drop"))
            let ingest = try CLIRunner.run(["ingest", tmp.path("input/drop"), "--home", path] + ingestArguments, environment: archivist)
            guard ingest.status == 0 else { throw SecurityHomeError(message: "ingest failed: \(ingest.stderr)") }
        }
    }

    static func token(home: String, user: String, password: String) throws -> String {
        let login = try CLIRunner.run(["login", "--user", user, "--home", home], environment: ["NOKCHWI_PASSWORD": password])
        guard login.status == 0 else { throw SecurityHomeError(message: "login \(user) failed: \(login.stderr)") }
        return login.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// The ids of the archived calls.
    func callIDs() throws -> [String] {
        let list = try CLIRunner.run(["calls", "list", "--home", path, "--json"], environment: archivist)
        let rows = (list.json as? [[String: Any]]) ?? ((list.json as? [String: Any])?["calls"] as? [[String: Any]]) ?? []
        return rows.compactMap { $0["id"] as? String }
    }
}

struct SecurityHomeError: Error, CustomStringConvertible {
    let message: String
    var description: String { message }
}

extension SecurityHome {
    /// Adds a user (as the admin) and returns the environment to act as them.
    func addUser(_ name: String, password: String, _ extra: [String]) throws -> [String: String] {
        var env = admin
        env["NOKCHWI_NEW_PASSWORD"] = password
        let added = try CLIRunner.run(["users", "add", name, "--home", path] + extra, environment: env)
        guard added.status == 0 else { throw SecurityHomeError(message: "users add \(name) failed: \(added.stderr)") }
        return ["NOKCHWI_TOKEN": try Self.token(home: path, user: name, password: password)]
    }

    /// Every archived call as the archivist lists it (id, team, ...).
    func callRows() throws -> [[String: Any]] {
        let list = try CLIRunner.run(["calls", "list", "--home", path, "--json", "--limit", "1000"], environment: archivist)
        return (list.json as? [[String: Any]]) ?? ((list.json as? [String: Any])?["calls"] as? [[String: Any]]) ?? []
    }
}

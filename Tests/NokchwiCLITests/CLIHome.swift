import CLITestSupport
import Foundation

/// A data home set up as the README says (`nokchwi init`, users, tokens), with the environments to act as each
/// user. Passwords are hashed with the real scrypt cost, so a home takes a few seconds to make.
struct CLIHome {
    let path: String
    let admin: [String: String]
    let archivist: [String: String]
    /// Supervisor of every team the demo generator uses.
    let supervisor: [String: String]
    let evaluator: [String: String]

    static let adminPassword = "correct horse battery"

    static func make(_ tmp: TempDir) throws -> CLIHome {
        let home = tmp.path("home")
        let initResult = try CLIRunner.run(["init", "--admin", "admin", "--home", home],
                                           environment: ["NOKCHWI_PASSWORD": adminPassword])
        guard initResult.status == 0 else { throw CLIHomeError(message: "init failed: \(initResult.stderr)") }
        let admin = ["NOKCHWI_TOKEN": try token(home: home, user: "admin", password: adminPassword)]
        func add(_ name: String, _ password: String, _ extra: [String]) throws -> [String: String] {
            var env = admin
            env["NOKCHWI_NEW_PASSWORD"] = password
            let added = try CLIRunner.run(["users", "add", name, "--home", home] + extra, environment: env)
            guard added.status == 0 else { throw CLIHomeError(message: "users add \(name) failed: \(added.stderr)") }
            return ["NOKCHWI_TOKEN": try token(home: home, user: name, password: password)]
        }
        let teams = (1...8).flatMap { ["--team", "team-\($0)"] }
        return CLIHome(path: home, admin: admin,
                       archivist: try add("keeper", "archive clerk number 1", ["--role", "archivist"]),
                       supervisor: try add("floor", "team supervisor two 2", ["--role", "supervisor"] + teams),
                       evaluator: try add("qa1", "evaluates calls daily 3", ["--role", "evaluator"]))
    }

    static func token(home: String, user: String, password: String) throws -> String {
        let login = try CLIRunner.run(["login", "--user", user, "--home", home], environment: ["NOKCHWI_PASSWORD": password])
        guard login.status == 0 else { throw CLIHomeError(message: "login \(user) failed: \(login.stderr)") }
        return login.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }
}

struct CLIHomeError: Error, CustomStringConvertible {
    let message: String
    var description: String { message }
}

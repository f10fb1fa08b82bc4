import ArgumentParser
import CallAccess
import CallCatalog
import Foundation

/// `nokchwi login`: a token for scripts and shells (`export NOKCHWI_TOKEN=$(nokchwi login --user NAME)`).
struct LoginCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "login", abstract: "Sign in and print a token for NOKCHWI_TOKEN (the catalog keeps only its hash).")

    @Option(name: .long, help: "Hours the token lives (at most the home's maximum, 720 unless `init --max-token-hours` set less).") var hours: Double = 8
    @Option(name: .long, help: "Who signs in (else $NOKCHWI_USER); the password is asked on the terminal or read from $NOKCHWI_PASSWORD.")
    var user: String?
    @OptionGroup var global: HomeOptions
    @OptionGroup var remote: ServerOption

    func validate() throws {
        guard hours > 0, hours <= 720 else { throw ValidationError("--hours must be more than 0 and at most 720") }
    }

    func run() async throws {
        if let server = remote.server {
            // Signed in by the running server (the service account's): no access to the data home needed.
            guard let name = user ?? ProcessInfo.processInfo.environment["NOKCHWI_USER"] else { throw CLIError("pass --user NAME") }
            let data = try await RemoteServer(server).postForm("/api/tokens", [
                "username": name, "password": try PasswordPrompt.read("password for \(name): "), "hours": String(hours)])
            let json = try JSONSerialization.jsonObject(with: data) as? [String: String] ?? [:]
            guard let token = json["token"] else { throw CLIError("the server answered without a token") }
            return global.json ? Output.jsonText(RemoteServer.pretty(data)) : Output.line(token)
        }
        let access = try CommandAccess.signIn(global, user: user)
        // The home's maximum (set at `init`) caps --hours (issue #21): no option raises it.
        let maximum = try access.catalog.homeSettings().maximumTokenHours
        guard hours <= maximum else {
            access.finish()
            throw CLIError("--hours \(Self.hoursText(hours)) is more than this home allows (\(Self.hoursText(maximum)) hours, set at `nokchwi init --max-token-hours`); ask for a shorter token")
        }
        let authenticator = Authenticator(catalog: access.catalog, hasher: try PasswordHasher(), logger: access.logger,
                                          maximumTokenLifetime: maximum * 3600)
        let issued = try authenticator.issueToken(for: access.session, ttl: hours * 3600)
        access.finish()
        if global.json {
            try Output.json(["token": issued.token, "expires_at": ISO8601DateFormatter().string(from: issued.expiresAt)])
        } else {
            Output.line(issued.token)
        }
    }
}

extension LoginCommand {
    static func hoursText(_ hours: Double) -> String {
        hours == hours.rounded() ? String(Int(hours)) : String(hours)
    }
}

/// `nokchwi logout`: revokes every token of the signed-in user.
struct LogoutCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "logout", abstract: "Revoke all of your tokens.")
    @OptionGroup var global: GlobalOptions

    func run() async throws {
        let access = try CommandAccess.signIn(global)
        let revoked = try Authenticator(catalog: access.catalog, hasher: try PasswordHasher(), logger: access.logger)
            .logout(access.session)
        access.finish()
        if global.json { try Output.json(["revoked": revoked]) } else { Output.line("revoked \(revoked) token(s)") }
    }
}

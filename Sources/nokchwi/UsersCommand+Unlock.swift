import ArgumentParser
import CallAccess
import Foundation

extension UsersCommand {
    /// `nokchwi users unlock NAME` / `--source ADDRESS`: lifts a sign-in lockout (too many failed passwords).
    struct Unlock: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Lift the sign-in lockout of an account (or, with --source, of a source address) after too many failed passwords.")
        @Argument(help: "The locked account.") var username: String?
        @Option(name: .long, help: "A locked source address instead, as the audit trail shows it (e.g. ssh:192.0.2.7).") var source: String?
        @OptionGroup var global: GlobalOptions

        func validate() throws {
            guard (username == nil) != (source == nil) else { throw ValidationError("name an account or give --source ADDRESS (one of them)") }
        }

        func run() async throws {
            let access = try CommandAccess.signIn(global)
            defer { access.finish() }
            let lifted = try UsersCommand.administer(access) {
                try $0.unlockLogin(username: username, sourceAddress: source, by: access.session)
            }
            let what = username ?? source ?? ""
            Output.line(lifted ? "sign-in unlocked for \(what)" : "\(what) was not throttled")
        }
    }
}

import ArgumentParser
import CallAccess
import CallModel
import Foundation

/// `nokchwi users add/list/disable/enable/passwd/roles/teams` (admins; anyone for their own password).
struct UsersCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "users", abstract: "Manage user accounts (roles: evaluator, supervisor, archivist, admin).",
        subcommands: [Add.self, List.self, Disable.self, Enable.self, Passwd.self, Roles.self, Teams.self, Unlock.self])

    static func admin(_ access: CommandAccess) throws -> UserAdministration {
        UserAdministration(catalog: access.catalog, hasher: try PasswordHasher(), logger: access.logger)
    }

    static let usernameRule = "a user name is 1 to 64 lowercase letters, digits, '.', '_' or '-', starting with a letter or digit"

    /// Runs a user administration call; a refusal says which role is allowed (admin).
    static func administer<T>(_ access: CommandAccess, _ body: (UserAdministration) throws -> T) throws -> T {
        let administration = try admin(access)
        return try access.explainingRefusal(.manageUsers) { try body(administration) }
    }

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add a user; their password is asked (twice) or read from $NOKCHWI_NEW_PASSWORD.")
        @Argument(help: "User name (letters, digits, . _ -).") var username: String
        @Option(name: .long, help: "A role (repeat for several).") var role: [Role] = []
        @Option(name: .long, help: "A team the user works in (repeat for several).") var team: [String] = []
        @OptionGroup var global: GlobalOptions

        func validate() throws {
            guard !role.isEmpty else { throw ValidationError("give at least one --role (\(Role.allValueStrings.joined(separator: ", ")))") }
            guard UserAccount.isValidUsername(username) else {
                throw ValidationError(UsersCommand.usernameRule)
            }
        }

        func run() async throws {
            let roles = Set(role)
            let access = try CommandAccess.signIn(global)
            defer { access.finish() }
            try access.authorize(.manageUsers)
            let password = try UsersCommand.newPassword(for: username)
            let user = try UsersCommand.administer(access) {
                try $0.addUser(username: username, roles: roles, teams: Set(team), password: password, by: access.session)
            }
            if global.json { try Output.json(UserView(user)) } else { Output.line("added \(UserView(user).line)") }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List users, their roles and teams.")
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            let access = try CommandAccess.signIn(global)
            defer { access.finish() }
            let users = try UsersCommand.administer(access) { try $0.listUsers(by: access.session) }.map(UserView.init)
            if global.json { try Output.json(users) } else { users.forEach { Output.line($0.line) } }
        }
    }

    struct Disable: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Disable a user and revoke their tokens (users are never deleted).")
        @Argument var username: String
        @OptionGroup var global: GlobalOptions
        func run() async throws {
            let access = try CommandAccess.signIn(global)
            defer { access.finish() }
            try UsersCommand.administer(access) { try $0.disable(username: username, by: access.session) }
            Output.line("disabled \(username)")
        }
    }

    struct Enable: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Enable a disabled user.")
        @Argument var username: String
        @OptionGroup var global: GlobalOptions
        func run() async throws {
            let access = try CommandAccess.signIn(global)
            defer { access.finish() }
            try UsersCommand.administer(access) { try $0.enable(username: username, by: access.session) }
            Output.line("enabled \(username)")
        }
    }

    struct Passwd: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Set a password: your own (with the current one), or (admins) anyone's; the account's tokens are revoked.")
        @Argument(help: "Whose password (default: yours).") var username: String?
        @OptionGroup var global: GlobalOptions
        func run() async throws {
            let access = try CommandAccess.signIn(global)
            defer { access.finish() }
            let target = username ?? access.session.username
            // One's own password changes only with the current one (asked, or $NOKCHWI_PASSWORD): a token is not enough.
            let current = target == access.session.username ? try PasswordPrompt.read("current password for \(target): ") : nil
            let password = try UsersCommand.newPassword(for: target)
            try UsersCommand.administer(access) {
                try $0.changePassword(username: target, currentPassword: current, newPassword: password, by: access.session)
            }
            Output.line("password changed for \(target)")
        }
    }

    struct Roles: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Replace a user's roles.")
        @Argument var username: String
        @Option(name: .long, help: "A role (repeat for several).") var role: [Role] = []
        @OptionGroup var global: GlobalOptions
        func run() async throws {
            let roles = Set(role)
            let access = try CommandAccess.signIn(global)
            defer { access.finish() }
            try UsersCommand.administer(access) { try $0.setRoles(roles, username: username, by: access.session) }
            Output.line("roles of \(username): \(roles.map(\.rawValue).sorted().joined(separator: ", "))")
        }
    }

    struct Teams: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Replace a user's teams.")
        @Argument var username: String
        @Option(name: .long, help: "A team (repeat for several).") var team: [String] = []
        @OptionGroup var global: GlobalOptions
        func run() async throws {
            let access = try CommandAccess.signIn(global)
            defer { access.finish() }
            try UsersCommand.administer(access) { try $0.setTeams(Set(team), username: username, by: access.session) }
            Output.line("teams of \(username): \(team.sorted().joined(separator: ", "))")
        }
    }

    /// A new password from $NOKCHWI_NEW_PASSWORD (scripts) or asked twice on the terminal, checked against the policy.
    static func newPassword(for username: String) throws -> String {
        let password: String
        if let given = ProcessInfo.processInfo.environment["NOKCHWI_NEW_PASSWORD"] {
            password = given
        } else {
            let first = try PasswordPrompt.read("new password for \(username): ", environment: [:])
            guard try PasswordPrompt.read("again: ", environment: [:]) == first else {
                throw CLIError("the two passwords differ; nothing was changed")
            }
            password = first
        }
        try PasswordHasher().checkPolicy(password, username: username)
        return password
    }
}

/// A user as `users list` shows it.
struct UserView: Codable {
    let username: String
    let roles: [String]
    let teams: [String]
    let disabled: Bool
    init(_ u: UserAccount) {
        username = u.username
        roles = u.roles.map(\.rawValue).sorted()
        teams = u.teams.sorted()
        disabled = u.disabled
    }
    var line: String {
        "\(username)  roles: \(roles.joined(separator: ","))  teams: \(teams.isEmpty ? "-" : teams.joined(separator: ","))\(disabled ? "  (disabled)" : "")"
    }
}

/// `--role archivist`: the parser checks the name and lists the roles in the subcommand's usage.
extension Role: ExpressibleByArgument {}

import CallCatalog
import CallModel
import Foundation
import Logging

/// `nokchwi users add/list/disable/enable/roles/teams/passwd` as library calls: each checks the policy
/// (`manageUsers`, except a user changing their own password), hashes passwords, and records the change in the
/// audit trail in the same transaction as the change. Refusals are recorded by `AccessGuard`.
public struct UserAdministration: Sendable {
    let catalog: Catalog
    let hasher: PasswordHasher
    let clock: any WallClock
    let accessGuard: AccessGuard

    public init(catalog: Catalog, hasher: PasswordHasher, clock: any WallClock = SystemWallClock(),
                logger: Logger = Logger(label: "nokchwi.access")) {
        self.catalog = catalog
        self.hasher = hasher
        self.clock = clock
        self.accessGuard = AccessGuard(catalog: catalog, clock: clock, logger: logger)
    }

    /// Creates the first user, an admin, on a catalog without users (no session exists yet to authorise it).
    /// Refused once any user exists.
    @discardableResult
    public func bootstrapAdmin(username: String, password: String, sourceAddress: String) throws -> UserAccount {
        guard try catalog.userCount() == 0 else { throw AccessError.refused(.roleLacksPermission) }
        let now = clock.now()
        let user = UserAccount(username: username, roles: [.admin], createdAt: now)
        try catalog.addUser(user, passwordHash: try hasher.hash(password, username: username), audit: AuditDraft(
            at: now, account: username, sourceAddress: sourceAddress, action: .userAdd,
            detail: ["user": username, "roles": "admin", "bootstrap": "true"]))
        return user
    }

    @discardableResult
    public func addUser(username: String, roles: Set<Role>, teams: Set<String> = [], password: String?,
                        by session: Session) throws -> UserAccount {
        try accessGuard.authorize(session, .manageUsers)
        let now = clock.now()
        let user = UserAccount(username: username, roles: roles, teams: teams, createdAt: now)
        let hash = try password.map { try hasher.hash($0, username: username) }
        try catalog.addUser(user, passwordHash: hash, audit: session.draft(.userAdd, at: now, detail: [
            "user": username, "roles": UserAdministration.list(roles.map(\.rawValue)), "teams": UserAdministration.list(teams),
        ]))
        return user
    }

    public func listUsers(by session: Session) throws -> [UserAccount] {
        try accessGuard.authorize(session, .manageUsers)
        return try catalog.users()
    }

    /// Disables a user (and revokes their tokens). Refuses to disable the last enabled admin.
    public func disable(username: String, by session: Session) throws {
        try accessGuard.authorize(session, .manageUsers)
        try requireAnotherAdmin(besides: username)
        try catalog.setDisabled(true, username: username, audit: session.draft(.userDisable, at: clock.now(), detail: ["user": username]))
    }

    public func enable(username: String, by session: Session) throws {
        try accessGuard.authorize(session, .manageUsers)
        try catalog.setDisabled(false, username: username, audit: session.draft(.userEnable, at: clock.now(), detail: ["user": username]))
    }

    /// Replaces a user's roles (and revokes the user's tokens). Refuses to take the admin role from the last enabled admin.
    public func setRoles(_ roles: Set<Role>, username: String, by session: Session) throws {
        try accessGuard.authorize(session, .manageUsers)
        if !roles.contains(.admin) { try requireAnotherAdmin(besides: username) }
        try catalog.setRoles(roles, username: username, audit: session.draft(
            .userRolesChange, at: clock.now(), detail: ["user": username, "roles": UserAdministration.list(roles.map(\.rawValue))]))
    }

    public func setTeams(_ teams: Set<String>, username: String, by session: Session) throws {
        try accessGuard.authorize(session, .manageUsers)
        try catalog.setTeams(teams, username: username, audit: session.draft(
            .userTeamsChange, at: clock.now(), detail: ["user": username, "teams": UserAdministration.list(teams)]))
    }

    /// Sets a password: any user for their own account, given the current password (a stolen token or an
    /// unlocked terminal is not enough), an admin (`manageUsers`) for anyone else (a reset). Either way every token
    /// of the account is revoked in the same transaction.
    public func changePassword(username: String, currentPassword: String? = nil, newPassword: String, by session: Session) throws {
        if session.username != username || session.user.disabled {
            try accessGuard.authorize(session, .manageUsers)
        } else {
            guard let currentPassword, let stored = try catalog.passwordHash(username: username),
                  (try? hasher.verify(currentPassword, against: stored)) == true else {
                try catalog.appendAudit(session.draft(.loginFailed, at: clock.now(),
                                                      detail: ["method": Session.Method.password.rawValue, "cause": "password-change-wrong-current"]))
                throw AccessError(.authenticationFailed,
                                  "changing your own password needs your current password, and the one given is wrong; nothing was changed")
            }
        }
        let hash = try hasher.hash(newPassword, username: username)
        try catalog.setPasswordHash(hash, username: username, revokingTokens: true, audit: session.draft(
            .passwordChange, at: clock.now(), detail: ["user": username]))
    }

    /// Lifts a sign-in lockout (`LoginThrottle`) of an account or of a source address (admins). Returns whether
    /// there was anything to lift.
    @discardableResult
    public func unlockLogin(username: String? = nil, sourceAddress: String? = nil, by session: Session) throws -> Bool {
        try accessGuard.authorize(session, .manageUsers)
        let key = username.map(LoginThrottle.accountKey) ?? sourceAddress.map(LoginThrottle.sourceKey)
        guard let key else { throw AccessError(.invalidSettings, "name an account or a source address to unlock") }
        var detail = ["throttle": username == nil ? "source" : "account"]
        if let username { detail["user"] = username }
        return try catalog.unlockLogin(key: key, audit: session.draft(.userEnable, at: clock.now(), detail: detail))
    }

    private func requireAnotherAdmin(besides username: String) throws {
        let admins = try catalog.users().filter { $0.roles.contains(.admin) && !$0.disabled && $0.username != username }
        if admins.isEmpty {
            throw AccessError(.refused, "refused: this is the last enabled admin; make another user admin first")
        }
    }

    private static func list<S: Sequence>(_ values: S) -> String where S.Element == String {
        values.sorted().joined(separator: ",")
    }
}

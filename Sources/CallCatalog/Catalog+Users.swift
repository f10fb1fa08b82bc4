import CallModel
import Foundation
import GRDB

/// Users, their roles, teams and password hashes. Users are never deleted: audit entries name them.
/// Every change can carry an audit entry, committed in the same transaction as the change.
extension Catalog {
    /// Adds a user with an optional password hash (PHC string; nil: the user cannot log in until one is set).
    public func addUser(_ user: UserAccount, passwordHash: String?, audit: AuditDraft? = nil) throws {
        guard UserAccount.isValidUsername(user.username) else {
            throw CatalogError(.invalidValue, "a username is 1-64 of a-z, 0-9, '.', '_' and '-', starting with a letter or digit")
        }
        try write { db in
            if try Bool.fetchOne(db, sql: "SELECT 1 FROM user_account WHERE username = ?", arguments: [user.username]) ?? false {
                throw CatalogError(.conflict, "a user with this username exists; choose another, or change the existing user")
            }
            try db.execute(sql: "INSERT INTO user_account (username, password_hash, disabled, created_at) VALUES (?, ?, ?, ?)",
                           arguments: [user.username, passwordHash, user.disabled, CatalogDates.string(user.createdAt)])
            try replaceRoles(user.roles, username: user.username, db: db)
            try replaceTeams(user.teams, username: user.username, db: db)
            if let audit { try appendAudit(audit, in: db) }
        }
    }

    public func user(named username: String) throws -> UserAccount? {
        try read { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT * FROM user_account WHERE username = ?", arguments: [username]) else { return nil }
            let roles = try String.fetchAll(db, sql: "SELECT role FROM user_role WHERE username = ?", arguments: [username])
            let teams = try String.fetchAll(db, sql: "SELECT team FROM user_team WHERE username = ?", arguments: [username])
            return Catalog.user(from: row, roles: roles, teams: teams)
        }
    }

    /// Every user, sorted by username.
    public func users() throws -> [UserAccount] {
        try read { db in
            func grouped(_ sql: String) throws -> [String: [String]] {
                Dictionary(grouping: try Row.fetchAll(db, sql: sql), by: { $0[0] as String }).mapValues { $0.map { $0[1] as String } }
            }
            let roles = try grouped("SELECT username, role FROM user_role")
            let teams = try grouped("SELECT username, team FROM user_team")
            return try Row.fetchAll(db, sql: "SELECT * FROM user_account ORDER BY username").map { row in
                let name: String = row["username"]
                return Catalog.user(from: row, roles: roles[name] ?? [], teams: teams[name] ?? [])
            }
        }
    }

    /// Replaces a user's roles and revokes the user's tokens (a token must not keep rights the account lost, nor
    /// carry rights it was not issued with).
    public func setRoles(_ roles: Set<Role>, username: String, audit: AuditDraft? = nil) throws {
        try write { db in
            try requireUser(username, db: db)
            try replaceRoles(roles, username: username, db: db)
            try db.execute(sql: "UPDATE api_token SET revoked = 1 WHERE username = ?", arguments: [username])
            if let audit { try appendAudit(audit, in: db) }
        }
    }

    public func setTeams(_ teams: Set<String>, username: String, audit: AuditDraft? = nil) throws {
        try write { db in
            try requireUser(username, db: db)
            try replaceTeams(teams, username: username, db: db)
            if let audit { try appendAudit(audit, in: db) }
        }
    }

    /// Disables (or enables again) a user. Disabling also revokes the user's tokens.
    public func setDisabled(_ disabled: Bool, username: String, audit: AuditDraft? = nil) throws {
        try write { db in
            try requireUser(username, db: db)
            try db.execute(sql: "UPDATE user_account SET disabled = ? WHERE username = ?", arguments: [disabled, username])
            if disabled {
                try db.execute(sql: "UPDATE api_token SET revoked = 1 WHERE username = ?", arguments: [username])
            }
            if let audit { try appendAudit(audit, in: db) }
        }
    }

    /// Stores a new password hash (a PHC string made by CallAccess's PasswordHasher, never a password). A password
    /// change or reset passes `revokingTokens`: every token of the account stops working in the same transaction
    /// (a rehash of the same password at sign-in does not).
    public func setPasswordHash(_ hash: String, username: String, revokingTokens: Bool = false, audit: AuditDraft? = nil) throws {
        try write { db in
            try requireUser(username, db: db)
            try db.execute(sql: "UPDATE user_account SET password_hash = ? WHERE username = ?", arguments: [hash, username])
            if revokingTokens {
                try db.execute(sql: "UPDATE api_token SET revoked = 1 WHERE username = ?", arguments: [username])
            }
            if let audit { try appendAudit(audit, in: db) }
        }
    }

    /// The stored PHC string; nil when the user does not exist or has no password.
    public func passwordHash(username: String) throws -> String? {
        try read { db in
            try String.fetchOne(db, sql: "SELECT password_hash FROM user_account WHERE username = ?", arguments: [username])
        }
    }

    public func userCount() throws -> Int {
        try read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM user_account") ?? 0 }
    }

    func requireUser(_ username: String, db: Database) throws {
        guard try Bool.fetchOne(db, sql: "SELECT 1 FROM user_account WHERE username = ?", arguments: [username]) ?? false else {
            throw CatalogError(.notFound, "no such user; `nokchwi users list` shows them")
        }
    }

    private func replaceRoles(_ roles: Set<Role>, username: String, db: Database) throws {
        try db.execute(sql: "DELETE FROM user_role WHERE username = ?", arguments: [username])
        for role in roles.sorted() {
            try db.execute(sql: "INSERT INTO user_role (username, role) VALUES (?, ?)", arguments: [username, role.rawValue])
        }
    }

    private func replaceTeams(_ teams: Set<String>, username: String, db: Database) throws {
        try db.execute(sql: "DELETE FROM user_team WHERE username = ?", arguments: [username])
        for team in teams.sorted() where !team.isEmpty {
            try db.execute(sql: "INSERT INTO user_team (username, team) VALUES (?, ?)", arguments: [username, team])
        }
    }

    private static func user(from row: Row, roles: [String], teams: [String]) -> UserAccount {
        UserAccount(username: row["username"], roles: Set(roles.compactMap(Role.init(rawValue:))), teams: Set(teams),
                    disabled: row["disabled"], createdAt: CatalogDates.date(row["created_at"]) ?? Date(timeIntervalSince1970: 0))
    }
}

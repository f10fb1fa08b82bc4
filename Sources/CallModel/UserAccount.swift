import Foundation

/// A person (or service account) who uses nokchwi. Never deleted, only disabled: audit entries name it.
/// The password hash lives in the catalog only, never in this value.
public struct UserAccount: Codable, Sendable, Equatable {
    public var username: String
    public var roles: Set<Role>
    /// Teams whose calls a supervisor may see (call metadata `team`).
    public var teams: Set<String>
    /// A disabled user is refused everything, including login.
    public var disabled: Bool
    public var createdAt: Date

    public init(username: String, roles: Set<Role>, teams: Set<String> = [], disabled: Bool = false, createdAt: Date) {
        self.username = username
        self.roles = roles
        self.teams = teams
        self.disabled = disabled
        self.createdAt = createdAt
    }

    /// Usernames are account ids, not names: 1-64 of `a-z 0-9 . _ -`, starting with a letter or digit.
    public static func isValidUsername(_ name: String) -> Bool {
        guard (1...64).contains(name.utf8.count), let first = name.utf8.first else { return false }
        func allowed(_ c: UInt8) -> Bool {
            (c >= 0x61 && c <= 0x7A) || (c >= 0x30 && c <= 0x39) || c == 0x2E || c == 0x5F || c == 0x2D
        }
        return name.utf8.allSatisfy(allowed) && first != 0x2E && first != 0x5F && first != 0x2D
    }

    enum CodingKeys: String, CodingKey {
        case username, roles, teams, disabled, createdAt = "created_at"
    }

    /// Roles and teams are written sorted, so the JSON of a user is stable.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(username, forKey: .username)
        try c.encode(roles.sorted(), forKey: .roles)
        try c.encode(teams.sorted(), forKey: .teams)
        try c.encode(disabled, forKey: .disabled)
        try c.encode(createdAt, forKey: .createdAt)
    }
}

import CallModel
import Foundation
import GRDB

/// Settings of a data home chosen at `nokchwi init` (issue #21), kept in the catalog so that no pipeline file or
/// command-line option can loosen them: the longest token lifetime, the shortest retention class, and whether a
/// purge or a hold release needs a second archivist (once on, it stays on).
public struct HomeSettings: Codable, Sendable, Equatable {
    public static let defaultMaximumTokenHours = 720.0
    public static let defaultRetentionFloorDays = 30

    public var maximumTokenHours: Double
    public var retentionFloorDays: Int
    public var twoPersonRetention: Bool

    public init(maximumTokenHours: Double = HomeSettings.defaultMaximumTokenHours,
                retentionFloorDays: Int = HomeSettings.defaultRetentionFloorDays, twoPersonRetention: Bool = false) {
        self.maximumTokenHours = maximumTokenHours
        self.retentionFloorDays = retentionFloorDays
        self.twoPersonRetention = twoPersonRetention
    }

    enum CodingKeys: String, CodingKey {
        case maximumTokenHours = "max_token_hours", retentionFloorDays = "retention_floor_days"
        case twoPersonRetention = "two_person_retention"
    }
}

extension Catalog {
    /// The home's settings; a home made before they existed gets the defaults.
    public func homeSettings() throws -> HomeSettings {
        try read { db in
            let rows = Dictionary(try Row.fetchAll(db, sql: "SELECT key, value FROM home_setting").map { ($0["key"] as String, $0["value"] as String) },
                                  uniquingKeysWith: { a, _ in a })
            var settings = HomeSettings()
            if let v = rows[HomeSettings.CodingKeys.maximumTokenHours.rawValue].flatMap(Double.init) { settings.maximumTokenHours = v }
            if let v = rows[HomeSettings.CodingKeys.retentionFloorDays.rawValue].flatMap(Int.init) { settings.retentionFloorDays = v }
            settings.twoPersonRetention = rows[HomeSettings.CodingKeys.twoPersonRetention.rawValue] == "true"
            return settings
        }
    }

    /// Stores the settings (at `init`), with an audit entry.
    public func saveHomeSettings(_ settings: HomeSettings, audit: AuditDraft) throws {
        try write { db in
            let values = [(HomeSettings.CodingKeys.maximumTokenHours, String(settings.maximumTokenHours)),
                          (.retentionFloorDays, String(settings.retentionFloorDays)),
                          (.twoPersonRetention, String(settings.twoPersonRetention))]
            for (key, value) in values {
                try db.execute(sql: "INSERT INTO home_setting (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                               arguments: [key.rawValue, value])
            }
            var draft = audit
            for (key, value) in values { draft.detail[key.rawValue] = value }
            try appendAudit(draft, in: db)
        }
    }

    /// Turns the two-person rule on for good (a pipeline with `retention.two_person: true` was used). Returns true
    /// when it was off.
    @discardableResult
    public func enableTwoPersonRetention(audit: AuditDraft) throws -> Bool {
        try write { db in
            let key = HomeSettings.CodingKeys.twoPersonRetention.rawValue
            if try String.fetchOne(db, sql: "SELECT value FROM home_setting WHERE key = ?", arguments: [key]) == "true" { return false }
            try db.execute(sql: "INSERT INTO home_setting (key, value) VALUES (?, 'true') ON CONFLICT(key) DO UPDATE SET value = 'true'",
                           arguments: [key])
            try appendAudit(audit, in: db)
            return true
        }
    }

    /// Records that an admin confirmed a policy with a class shorter than the floor (its SHA-256).
    public func confirmShortRetention(policySHA256: String, audit: AuditDraft) throws {
        try write { db in
            try db.execute(sql: "INSERT OR REPLACE INTO home_setting (key, value) VALUES (?, ?)",
                           arguments: ["below_floor_confirmed:" + policySHA256, audit.account])
            try appendAudit(audit, in: db)
        }
    }

    /// The admin who confirmed this policy below the floor, nil when none did.
    public func shortRetentionConfirmation(policySHA256: String) throws -> String? {
        try read { db in
            try String.fetchOne(db, sql: "SELECT value FROM home_setting WHERE key = ?", arguments: ["below_floor_confirmed:" + policySHA256])
        }
    }
}

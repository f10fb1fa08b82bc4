import CallModel
import Foundation
import GRDB

/// Failed sign-ins counted per key (`account:NAME`, `source:ADDRESS`), for CallAccess's `LoginThrottle`.
public struct ThrottleState: Sendable, Equatable {
    public var failures: Int
    public var lastFailure: Date?
    public var locked: Bool

    public init(failures: Int = 0, lastFailure: Date? = nil, locked: Bool = false) {
        self.failures = failures
        self.lastFailure = lastFailure
        self.locked = locked
    }
}

extension Catalog {
    public func throttleState(key: String) throws -> ThrottleState {
        try read { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT * FROM login_throttle WHERE key = ?", arguments: [key]) else {
                return ThrottleState()
            }
            return ThrottleState(failures: row["failures"], lastFailure: AuditTimestamp.date(row["last_failure"]), locked: row["locked"])
        }
    }

    /// Counts one failure for each key; a key reaching `lockAfter` failures is locked.
    public func recordLoginFailure(keys: [String], at: Date, lockAfter: Int) throws {
        try write { db in
            for key in keys {
                try db.execute(sql: """
                    INSERT INTO login_throttle (key, failures, last_failure, locked) VALUES (?, 1, ?, 0)
                    ON CONFLICT(key) DO UPDATE SET failures = failures + 1, last_failure = excluded.last_failure
                    """, arguments: [key, AuditTimestamp.string(at)])
                try db.execute(sql: "UPDATE login_throttle SET locked = 1 WHERE key = ? AND failures >= ?", arguments: [key, lockAfter])
            }
        }
    }

    /// Forgets the failures of unlocked keys (after a successful sign-in); a locked key stays locked.
    public func clearLoginFailures(keys: [String]) throws {
        try write { db in
            for key in keys { try db.execute(sql: "DELETE FROM login_throttle WHERE key = ? AND locked = 0", arguments: [key]) }
        }
    }

    /// Lifts a lockout (an admin's act, with its audit entry); returns whether the key was throttled at all.
    @discardableResult
    public func unlockLogin(key: String, audit: AuditDraft? = nil) throws -> Bool {
        try write { db in
            try db.execute(sql: "DELETE FROM login_throttle WHERE key = ?", arguments: [key])
            let changed = db.changesCount > 0
            if let audit { try appendAudit(audit, in: db) }
            return changed
        }
    }
}

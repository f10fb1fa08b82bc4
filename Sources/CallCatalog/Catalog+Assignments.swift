import CallModel
import Foundation
import GRDB

/// A call given to an evaluator by the QA queue (which will own this table's writes).
public struct CallAssignment: Codable, Sendable, Equatable {
    public var callID: CallID
    public var username: String
    public var assignedAt: Date
    public var assignedBy: String

    public init(callID: CallID, username: String, assignedAt: Date, assignedBy: String) {
        self.callID = callID
        self.username = username
        self.assignedAt = assignedAt
        self.assignedBy = assignedBy
    }

    enum CodingKeys: String, CodingKey {
        case callID = "call_id", username, assignedAt = "assigned_at", assignedBy = "assigned_by"
    }
}

extension Catalog {
    /// Assigns a call to a user. Returns false (and writes no audit entry) when it was assigned already.
    @discardableResult
    public func assign(_ assignment: CallAssignment, audit: AuditDraft? = nil) throws -> Bool {
        try write { db in
            guard try Bool.fetchOne(db, sql: "SELECT 1 FROM call WHERE id = ?", arguments: [assignment.callID]) ?? false else {
                throw CatalogError(.notFound, "no such call; `nokchwi calls list` shows the ids")
            }
            try requireUser(assignment.username, db: db)
            try db.execute(sql: """
                INSERT OR IGNORE INTO call_assignment (call_id, username, assigned_at, assigned_by) VALUES (?, ?, ?, ?)
                """, arguments: [assignment.callID, assignment.username, CatalogDates.string(assignment.assignedAt), assignment.assignedBy])
            guard db.changesCount > 0 else { return false }
            if let audit { try appendAudit(audit, in: db) }
            return true
        }
    }

    /// Removes an assignment. Returns false (and writes no audit entry) when there was none.
    @discardableResult
    public func unassign(callID: CallID, username: String, audit: AuditDraft? = nil) throws -> Bool {
        try write { db in
            try db.execute(sql: "DELETE FROM call_assignment WHERE call_id = ? AND username = ?", arguments: [callID, username])
            guard db.changesCount > 0 else { return false }
            if let audit { try appendAudit(audit, in: db) }
            return true
        }
    }

    public func isAssigned(callID: CallID, to username: String) throws -> Bool {
        try read { db in
            try Bool.fetchOne(db, sql: "SELECT 1 FROM call_assignment WHERE call_id = ? AND username = ?",
                              arguments: [callID, username]) ?? false
        }
    }

    public func assignees(callID: CallID) throws -> Set<String> {
        try read { db in
            Set(try String.fetchAll(db, sql: "SELECT username FROM call_assignment WHERE call_id = ?", arguments: [callID]))
        }
    }

    /// A user's assignments, oldest first.
    public func assignments(username: String, limit: Int = 1000) throws -> [CallAssignment] {
        try read { db in
            try Row.fetchAll(db, sql: """
                SELECT * FROM call_assignment WHERE username = ? ORDER BY assigned_at, call_id LIMIT ?
                """, arguments: [username, limit]).map { r in
                CallAssignment(callID: r["call_id"], username: r["username"],
                               assignedAt: CatalogDates.date(r["assigned_at"]) ?? Date(timeIntervalSince1970: 0),
                               assignedBy: r["assigned_by"])
            }
        }
    }

    /// What AccessPolicy needs to decide on a call: its team and assignees. Nil when the call is not cataloged.
    public func callContext(callID: CallID) throws -> CallContext? {
        try read { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT team FROM call WHERE id = ?", arguments: [callID]) else { return nil }
            let assignees = try String.fetchAll(db, sql: "SELECT username FROM call_assignment WHERE call_id = ?", arguments: [callID])
            return CallContext(callID: callID, team: row["team"], assignees: Set(assignees))
        }
    }
}

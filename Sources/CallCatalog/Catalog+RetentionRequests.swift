import CallModel
import Foundation
import GRDB

/// A purge or hold release waiting for (or given) a second archivist's approval (`retention.two_person`).
public struct RetentionRequest: Codable, Sendable, Equatable {
    public enum Kind: String, Codable, Sendable { case purge, holdRelease = "hold-release" }

    public var id: Int64
    public var kind: Kind
    /// What the request allows: `limit=N` or `limit=all` for a purge, `hold=ID` for a hold release.
    public var target: String
    public var reason: String
    public var requestedBy: String
    public var requestedAt: Date
    public var approvedBy: String?
    public var approvedAt: Date?
    public var usedAt: Date?

    public var state: String { usedAt != nil ? "used" : approvedBy != nil ? "approved" : "pending" }

    enum CodingKeys: String, CodingKey {
        case id, kind, target, reason, requestedBy = "requested_by", requestedAt = "requested_at", approvedBy = "approved_by"
        case approvedAt = "approved_at", usedAt = "used_at"
    }

    init(row: Row) {
        id = row["id"]
        kind = Kind(rawValue: row["kind"]) ?? .purge
        target = row["target"]
        reason = row["reason"]
        requestedBy = row["requested_by"]
        requestedAt = CatalogDates.date(row["requested_at"]) ?? Date(timeIntervalSince1970: 0)
        approvedBy = row["approved_by"]
        approvedAt = CatalogDates.date(row["approved_at"])
        usedAt = CatalogDates.date(row["used_at"])
    }
}

extension Catalog {
    /// Records a request (pending) and its audit entry.
    public func createRetentionRequest(kind: RetentionRequest.Kind, target: String, reason: String, audit: AuditDraft) throws -> RetentionRequest {
        try write { db in
            try db.execute(sql: """
                INSERT INTO retention_request (kind, target, reason, requested_by, requested_at) VALUES (?, ?, ?, ?, ?)
                """, arguments: [kind.rawValue, target, reason, audit.account, CatalogDates.string(audit.at)])
            let id = db.lastInsertedRowID
            var draft = audit
            draft.reason = reason
            draft.detail.merge(["request": String(id), "kind": kind.rawValue, "target": target]) { $1 }
            try appendAudit(draft, in: db)
            return RetentionRequest(row: try Row.fetchOne(db, sql: "SELECT * FROM retention_request WHERE id = ?", arguments: [id])!)
        }
    }

    /// Approves a pending request as `audit.account`, who must not be the requester.
    public func approveRetentionRequest(id: Int64, audit: AuditDraft) throws -> RetentionRequest {
        try write { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT * FROM retention_request WHERE id = ?", arguments: [id]) else {
                throw CatalogError(.notFound, "no retention request \(id); `nokchwi retention requests` lists them")
            }
            let request = RetentionRequest(row: row)
            guard request.approvedBy == nil, request.usedAt == nil else {
                throw CatalogError(.conflict, "retention request \(id) is already \(request.state)")
            }
            guard request.requestedBy != audit.account else {
                throw CatalogError(.conflict, "you made retention request \(id); a second archivist must approve it")
            }
            try db.execute(sql: "UPDATE retention_request SET approved_by = ?, approved_at = ? WHERE id = ?",
                           arguments: [audit.account, CatalogDates.string(audit.at), id])
            var draft = audit
            draft.detail.merge(["request": String(id), "kind": request.kind.rawValue, "target": request.target,
                                "requested_by": request.requestedBy]) { $1 }
            try appendAudit(draft, in: db)
            return RetentionRequest(row: try Row.fetchOne(db, sql: "SELECT * FROM retention_request WHERE id = ?", arguments: [id])!)
        }
    }

    /// Marks an approved request of this kind and target used (once); throws when it is not approved, already used,
    /// or for something else.
    public func useRetentionRequest(id: Int64, kind: RetentionRequest.Kind, target: String, at date: Date) throws -> RetentionRequest {
        try write { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT * FROM retention_request WHERE id = ?", arguments: [id]) else {
                throw CatalogError(.notFound, "no retention request \(id); `nokchwi retention requests` lists them")
            }
            let request = RetentionRequest(row: row)
            guard request.kind == kind, request.target == target else {
                throw CatalogError(.conflict, "retention request \(id) is for \(request.kind.rawValue) \(request.target), not \(kind.rawValue) \(target)")
            }
            guard request.approvedBy != nil else {
                throw CatalogError(.conflict, "retention request \(id) waits for a second archivist: `nokchwi retention approve \(id)`")
            }
            guard request.usedAt == nil else { throw CatalogError(.conflict, "retention request \(id) was already used; make a new one") }
            try db.execute(sql: "UPDATE retention_request SET used_at = ? WHERE id = ? AND used_at IS NULL",
                           arguments: [CatalogDates.string(date), id])
            return RetentionRequest(row: try Row.fetchOne(db, sql: "SELECT * FROM retention_request WHERE id = ?", arguments: [id])!)
        }
    }

    /// Every request, newest first.
    public func retentionRequests(limit: Int = 200) throws -> [RetentionRequest] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM retention_request ORDER BY id DESC LIMIT ?", arguments: [limit]).map(RetentionRequest.init(row:))
        }
    }
}

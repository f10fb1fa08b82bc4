import CallModel
import Foundation
import GRDB

extension Catalog {
    /// Places a legal hold on the calls `selection` names, resolved now into call ids, and appends one `hold-add`
    /// audit entry per call, all in one transaction. Refuses (`.invalidValue`) an empty holder or reason, an empty
    /// time range, or a selection that matches no call; refuses (`.notFound`) an unknown call id and (`.conflict`) a
    /// call already destroyed or being destroyed by a purge. A selection by agent or team leaves those out.
    @discardableResult
    public func placeHold(holder: String, reason: String, selection: HoldSelection, by account: String,
                          from sourceAddress: String, at date: Date) throws -> LegalHold {
        let holder = holder.trimmingCharacters(in: .whitespacesAndNewlines)
        let reason = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !holder.isEmpty else {
            throw CatalogError(.invalidValue, "a legal hold needs a holder (the court, authority or case it is kept for); nothing was held")
        }
        guard !reason.isEmpty else {
            throw CatalogError(.invalidValue, "a legal hold needs a reason (for example the request's reference); nothing was held")
        }
        return try write { db in
            let callIDs = try Self.resolve(selection, in: db)
            try db.execute(sql: """
                INSERT INTO legal_hold (holder, reason, scope, placed_by, placed_at) VALUES (?, ?, ?, ?, ?)
                """, arguments: [holder, reason, selection.description, account, CatalogDates.string(date)])
            let id = db.lastInsertedRowID
            for callID in callIDs {
                try db.execute(sql: "INSERT INTO legal_hold_call (hold_id, call_id) VALUES (?, ?)", arguments: [id, callID])
                try appendAudit(AuditDraft(at: date, account: account, sourceAddress: sourceAddress, action: .holdAdd,
                                           callID: callID, reason: reason,
                                           detail: ["hold_id": String(id), "calls": String(callIDs.count)]), in: db)
            }
            return try Self.hold(id: id, in: db)!
        }
    }

    /// Releases an active hold (its calls may be purged again once expired, unless another hold keeps them) and
    /// appends one `hold-release` audit entry per call, in one transaction. `.notFound` for an unknown id,
    /// `.conflict` for a hold released already, `.invalidValue` without a reason.
    @discardableResult
    public func releaseHold(id: Int64, reason: String, by account: String, from sourceAddress: String,
                            at date: Date) throws -> LegalHold {
        let reason = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !reason.isEmpty else {
            throw CatalogError(.invalidValue, "releasing a legal hold needs a reason; the hold stays in force")
        }
        return try write { db in
            guard let hold = try Self.hold(id: id, in: db) else {
                throw CatalogError(.notFound, "no legal hold \(id); `nokchwi holds list` shows the ids")
            }
            guard hold.isActive else {
                throw CatalogError(.conflict, "legal hold \(id) was released already; nothing was changed")
            }
            try db.execute(sql: "UPDATE legal_hold SET released_at = ?, released_by = ?, release_reason = ? WHERE id = ?",
                           arguments: [CatalogDates.string(date), account, reason, id])
            for callID in hold.callIDs {
                try appendAudit(AuditDraft(at: date, account: account, sourceAddress: sourceAddress, action: .holdRelease,
                                           callID: callID, reason: reason, detail: ["hold_id": String(id)]), in: db)
            }
            return try Self.hold(id: id, in: db)!
        }
    }

    public func legalHold(id: Int64) throws -> LegalHold? {
        try read { db in try Self.hold(id: id, in: db) }
    }

    /// Legal holds, oldest first; released ones only when asked.
    public func legalHolds(includeReleased: Bool = false) throws -> [LegalHold] {
        try read { db in
            let ids = try Int64.fetchAll(db, sql: """
                SELECT id FROM legal_hold \(includeReleased ? "" : "WHERE released_at IS NULL") ORDER BY id
                """)
            return try ids.compactMap { try Self.hold(id: $0, in: db) }
        }
    }

    /// The holds (active and released) that name a call, oldest first.
    public func legalHolds(callID: CallID) throws -> [LegalHold] {
        try read { db in
            let ids = try Int64.fetchAll(db, sql: "SELECT hold_id FROM legal_hold_call WHERE call_id = ? ORDER BY hold_id",
                                         arguments: [callID])
            return try ids.compactMap { try Self.hold(id: $0, in: db) }
        }
    }

    static func hold(id: Int64, in db: Database) throws -> LegalHold? {
        guard let r = try Row.fetchOne(db, sql: "SELECT * FROM legal_hold WHERE id = ?", arguments: [id]) else { return nil }
        let calls = try CallID.fetchAll(db, sql: "SELECT call_id FROM legal_hold_call WHERE hold_id = ? ORDER BY call_id",
                                        arguments: [id])
        return LegalHold(id: r["id"], holder: r["holder"], reason: r["reason"], scope: r["scope"], placedBy: r["placed_by"],
                         placedAt: CatalogDates.date(r["placed_at"]) ?? Date(timeIntervalSince1970: 0),
                         releasedAt: CatalogDates.date(r["released_at"]), releasedBy: r["released_by"],
                         releaseReason: r["release_reason"], callIDs: calls)
    }

    /// SQL condition: the `call` row is not destroyed and no purge has decided to destroy it.
    private static let holdableSQL = """
        call.purged_at IS NULL AND NOT EXISTS (SELECT 1 FROM purge_item p WHERE p.call_id = call.id
                                               AND p.state IN ('file-deleting', 'key-erased', 'destroyed'))
        """

    private static func resolve(_ selection: HoldSelection, in db: Database) throws -> [CallID] {
        let ids: [CallID]
        switch selection {
        case .calls(let requested):
            let unique = Array(Set(requested)).sorted()
            for id in unique {
                guard try Bool.fetchOne(db, sql: "SELECT 1 FROM call WHERE id = ?", arguments: [id]) ?? false else {
                    throw CatalogError(.notFound, "no call \(id); `nokchwi calls list` shows the ids; nothing was held")
                }
                guard try Bool.fetchOne(db, sql: "SELECT 1 FROM call WHERE id = ? AND \(holdableSQL)", arguments: [id]) ?? false else {
                    throw CatalogError(.conflict, "call \(id) was destroyed (or is being destroyed) by a purge; it cannot be held; nothing was held")
                }
            }
            ids = unique
        case .agent(let value, let from, let until), .team(let value, let from, let until):
            guard from < until else {
                throw CatalogError(.invalidValue, "the hold's time range is empty (from must be before until); nothing was held")
            }
            let column = if case .agent = selection { "agent_id" } else { "team" }
            ids = try CallID.fetchAll(db, sql: """
                SELECT id FROM call WHERE \(column) = ? AND COALESCE(started_at, ingested_at) >= ?
                  AND COALESCE(started_at, ingested_at) < ? AND \(holdableSQL) ORDER BY id
                """, arguments: [value, CatalogDates.string(from), CatalogDates.string(until)])
        }
        guard !ids.isEmpty else {
            throw CatalogError(.invalidValue, "no cataloged call matches \(selection); nothing was held")
        }
        return ids
    }
}

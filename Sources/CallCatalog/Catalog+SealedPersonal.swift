import CallModel
import Foundation
import GRDB

/// Sealed personal fields (issue #21). The catalog stores and returns opaque bytes; sealing and opening are
/// CallArchive's (`PersonalDataSeal`), under the call's own data key.
extension Catalog {
    /// Puts the sealed fields into the rows and empties their plain-text columns.
    static func applySealed(_ sealed: SealedPersonalRecord, to record: inout CallRecord, events: inout [CallEventRecord]) throws {
        guard sealed.eventDetails.count == events.count else {
            throw CatalogError(.invalidValue, "call \(record.id) has \(events.count) event(s) but \(sealed.eventDetails.count) sealed detail(s); seal the call again")
        }
        record.callerNumber = nil
        record.metadataWarnings = "[]"
        record.callerSealed = sealed.callerNumber.map { Data($0) }
        record.warningsSealed = sealed.warnings.map { Data($0) }
        record.callerHash = sealed.callerHash
        for index in events.indices {
            events[index].detail = nil
            events[index].detailSealed = sealed.eventDetails[index].map { Data($0) }
        }
    }

    /// The call's sealed fields and caller hash, event details in the order `call(id:)` returns the events; nil when
    /// nothing of the call is sealed (plain text still, no personal field at all, or erased by a purge).
    public func sealedPersonal(callID: CallID) throws -> SealedPersonalRecord? {
        try read { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT caller_sealed, warnings_sealed, caller_hash FROM call WHERE id = ?",
                                             arguments: [callID]) else { return nil }
            let details = try Row.fetchAll(db, sql: "SELECT detail_sealed FROM call_event WHERE call_id = ? ORDER BY start_s, id",
                                           arguments: [callID]).map { ($0["detail_sealed"] as Data?).map { [UInt8]($0) } }
            let record = SealedPersonalRecord(callerNumber: (row["caller_sealed"] as Data?).map { [UInt8]($0) },
                                              warnings: (row["warnings_sealed"] as Data?).map { [UInt8]($0) },
                                              eventDetails: details, callerHash: row["caller_hash"])
            return record.isEmpty && record.callerHash == nil ? nil : record
        }
    }

    /// Ids of the calls (not purged) that still hold personal fields in plain text: read from the two partial
    /// indexes of `v9-sealed-personal`, which hold nothing once everything is sealed.
    static let plaintextPersonalIDsSQL = """
        SELECT id FROM call WHERE purged_at IS NULL AND (caller_number IS NOT NULL OR metadata_warnings <> '[]')
        UNION
        SELECT e.call_id FROM call_event e JOIN call c ON c.id = e.call_id WHERE e.detail IS NOT NULL AND c.purged_at IS NULL
        """

    /// A page of calls (call-id order, after `afterCallID`) that still hold personal fields in plain text and have a
    /// data key to seal them with.
    public func callsWithPlaintextPersonal(afterCallID: CallID = "", limit: Int = 200) throws -> [Call] {
        try read { db in
            let rows = try CallRecord.fetchAll(db, sql: """
                SELECT call.* FROM (\(Self.plaintextPersonalIDsSQL)) p JOIN call ON call.id = p.id JOIN archive_key k ON k.call_id = call.id
                WHERE call.id > ? ORDER BY call.id LIMIT ?
                """, arguments: [afterCallID, limit])
            return try rows.map { try Self.call($0, db) }
        }
    }

    /// How many calls still hold personal fields in plain text, with and without a data key.
    public func plaintextPersonalCounts() throws -> PlaintextPersonalCounts {
        try read { db in
            let row = try Row.fetchOne(db, sql: """
                SELECT COUNT(k.call_id) AS sealable, COUNT(*) - COUNT(k.call_id) AS without_key
                FROM (\(Self.plaintextPersonalIDsSQL)) p LEFT JOIN archive_key k ON k.call_id = p.id
                """)
            return PlaintextPersonalCounts(sealable: row?["sealable"] ?? 0, withoutKey: row?["without_key"] ?? 0)
        }
    }

    /// Replaces stored plain-text personal fields by their sealed form, in one transaction with `audit` (when at least
    /// one call was sealed). A call purged meanwhile, already sealed, or whose events changed is left alone.
    /// Returns how many calls were sealed.
    @discardableResult
    public func storeSealedPersonal(_ items: [(callID: CallID, sealed: SealedPersonalRecord)], audit: AuditDraft? = nil) throws -> Int {
        try write { db in
            var sealedCount = 0
            for (callID, sealed) in items {
                let eventIDs = try Int64.fetchAll(db, sql: "SELECT id FROM call_event WHERE call_id = ? ORDER BY start_s, id",
                                                  arguments: [callID])
                guard eventIDs.count == sealed.eventDetails.count else { continue }
                try db.execute(sql: """
                    UPDATE call SET caller_number = NULL, metadata_warnings = '[]', caller_sealed = ?, warnings_sealed = ?,
                        caller_hash = ?
                    WHERE id = ? AND purged_at IS NULL AND caller_sealed IS NULL AND warnings_sealed IS NULL
                    """, arguments: [sealed.callerNumber.map { Data($0) }, sealed.warnings.map { Data($0) }, sealed.callerHash, callID])
                guard db.changesCount == 1 else { continue }
                for (id, detail) in zip(eventIDs, sealed.eventDetails) {
                    try db.execute(sql: "UPDATE call_event SET detail = NULL, detail_sealed = ? WHERE id = ?",
                                   arguments: [detail.map { Data($0) }, id])
                }
                sealedCount += 1
            }
            if sealedCount > 0, var audit {
                audit.detail["sealed"] = "\(sealedCount)"
                try appendAudit(audit, in: db)
            }
            return sealedCount
        }
    }

    /// Ids of the (unpurged) calls whose caller number has this keyed hash, oldest first.
    public func callIDs(callerHash: String, limit: Int = 1000) throws -> [CallID] {
        try read { db in
            try CallID.fetchAll(db, sql: """
                SELECT id FROM call WHERE caller_hash = ? AND purged_at IS NULL
                ORDER BY started_at IS NULL, started_at, id LIMIT ?
                """, arguments: [callerHash, limit])
        }
    }

    /// Repeat callers: caller hashes with at least `minimumCalls` calls since `since` (all time when nil), most first.
    public func repeatCallers(since: Date? = nil, minimumCalls: Int = 2, limit: Int = 100) throws -> [(callerHash: String, calls: Int)] {
        try read { db in
            try Row.fetchAll(db, sql: """
                SELECT caller_hash, COUNT(*) AS n FROM call
                WHERE caller_hash IS NOT NULL AND purged_at IS NULL AND (? IS NULL OR started_at >= ?)
                GROUP BY caller_hash HAVING COUNT(*) >= ? ORDER BY n DESC, caller_hash LIMIT ?
                """, arguments: [since.map(CatalogDates.string), since.map(CatalogDates.string), minimumCalls, limit])
                .map { (callerHash: $0["caller_hash"], calls: $0["n"]) }
        }
    }
}

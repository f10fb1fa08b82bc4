import CallModel
import Foundation
import GRDB

/// Maps `audit_entry` rows. Reading never traps on a tampered row: a value of the wrong type reads as a marker
/// that cannot hash to the stored hash, so the verifier reports the entry instead of crashing.
enum AuditRow {
    static let invalid = "\u{FFFD}invalid-value"

    static func insert(_ entry: AuditEntry, into db: Database) throws {
        try db.execute(sql: """
            INSERT INTO audit_entry (seq, at, account, source_address, action, call_id, reason, detail, prev_hash, hash)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [entry.seq, AuditTimestamp.string(entry.at), entry.account, entry.sourceAddress,
                             entry.action.rawValue, entry.callID, entry.reason, CatalogJSON.encode(entry.detail),
                             entry.prevHash, entry.hash])
    }

    static func entry(from row: Row) -> AuditEntry {
        func text(_ column: String) -> String { String.fromDatabaseValue(row[column] as DatabaseValue) ?? invalid }
        func optionalText(_ column: String) -> String? {
            let value = row[column] as DatabaseValue
            return value.isNull ? nil : (String.fromDatabaseValue(value) ?? invalid)
        }
        let seq = Int64.fromDatabaseValue(row["seq"] as DatabaseValue) ?? -1
        // An unreadable time reads as the epoch's millisecond -1: it cannot match the hash of a real entry.
        let at = AuditTimestamp.milliseconds(text("at")).map(AuditTimestamp.date(milliseconds:))
            ?? AuditTimestamp.date(milliseconds: -1)
        let detailText = text("detail")
        // A detail that no longer parses is kept as text: the verifier then reports the entry's hash as wrong.
        let detail = (try? CatalogJSON.decode([String: String].self, detailText as String, what: "audit detail")) ?? [invalid: detailText]
        return AuditEntry(seq: seq, at: at, account: text("account"), sourceAddress: text("source_address"),
                          action: AuditAction(text("action")), callID: optionalText("call_id").map(CallID.init(rawValue:)),
                          reason: optionalText("reason"), detail: detail, prevHash: text("prev_hash"),
                          hash: text("hash"))
    }
}

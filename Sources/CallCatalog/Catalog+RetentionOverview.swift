import CallModel
import Foundation
import GRDB

/// One retention class as the archivist's console shows it: calls kept, and how many fall due soon.
public struct RetentionClassCount: Codable, Sendable, Equatable {
    public var retentionClass: String
    /// Calls of the class not yet destroyed.
    public var stored: Int
    /// Of them, due at or before the horizon (held ones included: a hold only postpones).
    public var dueSoon: Int

    enum CodingKeys: String, CodingKey {
        case retentionClass = "retention_class", stored, dueSoon = "due_soon"
    }
}

extension Catalog {
    /// Stored calls per retention class (`-` for calls without one) and how many are due by `horizon`.
    public func retentionClassCounts(dueBy horizon: Date) throws -> [RetentionClassCount] {
        try read { db in
            try Row.fetchAll(db, sql: """
                SELECT COALESCE(retention_class, '-') AS cls, COUNT(*) AS stored,
                       SUM(CASE WHEN expires_at IS NOT NULL AND expires_at <= ? THEN 1 ELSE 0 END) AS due
                FROM call WHERE purged_at IS NULL GROUP BY cls ORDER BY cls
                """, arguments: [CatalogDates.string(horizon)]).map {
                RetentionClassCount(retentionClass: $0["cls"], stored: $0["stored"], dueSoon: $0["due"] ?? 0)
            }
        }
    }

    /// How many calls are due for destruction at `asOf` (the exact count; `expiredCalls` lists a page of them).
    public func expiredCallCount(asOf: Date) throws -> Int {
        try read { db in
            try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM call WHERE \(Self.dueSQL)", arguments: [CatalogDates.string(asOf)]) ?? 0
        }
    }
}

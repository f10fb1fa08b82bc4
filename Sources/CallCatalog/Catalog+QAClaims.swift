import CallModel
import Foundation
import GRDB

extension Catalog {
    /// The samples `evaluator` holds now (claimed, lease not expired), oldest claim first: the evaluator's queue page.
    public func qaClaimedSamples(evaluator: String, now: Date) throws -> [QASampleRecord] {
        try read { db in
            try QASampleRecord.filter(Column("claimed_by") == evaluator && Column("state") == "claimed"
                                      && Column("lease_expires_at") > CatalogDates.string(now))
                .order(Column("id")).fetchAll(db)
        }
    }

    /// The evaluator's submitted evaluations, newest first (the evaluator's history).
    public func qaEvaluations(evaluator: String, status: QAEvaluationRecord.Status, limit: Int) throws -> [QAEvaluationRecord] {
        try read { db in
            try QAEvaluationRecord.filter(Column("evaluator") == evaluator && Column("status") == status.rawValue)
                .order(Column("id").desc).limit(limit).fetchAll(db)
        }
    }
}

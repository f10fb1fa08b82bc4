import CallModel
import Foundation
import GRDB

/// A supervisor's dispute of a submitted evaluation, and its resolution by another evaluator (upheld, or amended by a
/// new evaluation that replaces the disputed one in reports). Rows are never deleted: the history stays.
public struct QADisputeRecord: Codable, Sendable, Equatable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "qa_dispute"
    public enum Outcome: String, Codable, Sendable { case upheld, amended }

    public var id: Int64?
    public var evaluationID: Int64
    public var raisedBy: String
    public var raisedAt: String
    public var reason: String
    public var resolver: String?
    public var resolvedAt: String?
    public var outcome: Outcome?
    public var resolutionNote: String?
    public var amendedEvaluationID: Int64?

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }

    enum CodingKeys: String, CodingKey {
        case id, evaluationID = "evaluation_id", raisedBy = "raised_by", raisedAt = "raised_at", reason, resolver
        case resolvedAt = "resolved_at", outcome, resolutionNote = "resolution_note", amendedEvaluationID = "amended_evaluation_id"
    }
}

extension Catalog {
    /// Opens a dispute: the evaluation must be submitted, within `windowDays` of its submission, with fewer than
    /// `maxDisputes` disputes and none open. The audit entry (with the reason) commits with it.
    public func openQADispute(evaluationID: Int64, reason: String, now: Date, windowDays: Int, maxDisputes: Int,
                              actor: AuditActor) throws -> QADisputeRecord {
        try write { db in
            guard let evaluation = try QAEvaluationRecord.fetchOne(db, key: evaluationID), evaluation.status == .submitted,
                  evaluation.kind == .queue || evaluation.kind == .amendment else {
                throw CatalogError(.notFound, "no submitted evaluation \(evaluationID); `nokchwi qa evaluations --call ID` lists a call's evaluations")
            }
            if let submitted = evaluation.submitted, now.timeIntervalSince(submitted) > Double(windowDays) * 86_400 {
                throw CatalogError(.conflict, "evaluation \(evaluationID) was submitted more than \(windowDays) days ago: the dispute window is closed")
            }
            let disputes = try QADisputeRecord.filter(Column("evaluation_id") == evaluationID).fetchAll(db)
            if disputes.contains(where: { $0.outcome == nil }) {
                throw CatalogError(.conflict, "evaluation \(evaluationID) has an open dispute already; wait for its resolution")
            }
            if disputes.count >= maxDisputes {
                throw CatalogError(.conflict, "evaluation \(evaluationID) was disputed \(disputes.count) time(s), the most allowed")
            }
            var dispute = QADisputeRecord(evaluationID: evaluationID, raisedBy: actor.account, raisedAt: CatalogDates.string(now), reason: reason)
            try dispute.insert(db)
            try appendAudit(actor.draft(.qaDispute, at: now, callID: CallID(rawValue: evaluation.callID), reason: reason,
                                        detail: ["evaluation": "\(evaluationID)", "dispute": "\(dispute.id!)"]), in: db)
            return dispute
        }
    }

    /// Resolves an open dispute, upheld or amended (`amendment`: a submitted evaluation of kind amendment, inserted
    /// with its item results). Refused for the disputed evaluation's own evaluator and for the one who raised it.
    public func resolveQADispute(disputeID: Int64, outcome: QADisputeRecord.Outcome, note: String?, amendment: QAEvaluationRecord?,
                                 items: [QAItemResultRecord], now: Date, actor: AuditActor) throws -> QADisputeRecord {
        try write { db in
            guard var dispute = try QADisputeRecord.fetchOne(db, key: disputeID) else {
                throw CatalogError(.notFound, "no dispute \(disputeID)")
            }
            guard dispute.outcome == nil else { throw CatalogError(.conflict, "dispute \(disputeID) was resolved already (\(dispute.outcome!.rawValue))") }
            guard let original = try QAEvaluationRecord.fetchOne(db, key: dispute.evaluationID) else {
                throw CatalogError(.notFound, "the disputed evaluation is missing")
            }
            if actor.account == original.evaluator || actor.account == dispute.raisedBy {
                throw CatalogError(.conflict, "a dispute is resolved by an evaluator other than the one who scored the call (and not by who raised it)")
            }
            if outcome == .amended {
                guard var amended = amendment else { throw CatalogError(.invalidValue, "an amended resolution needs the amended answers") }
                amended.kind = .amendment
                amended.status = .submitted
                amended.amends = original.id
                amended.sampleID = original.sampleID
                amended.agentID = original.agentID
                amended.team = original.team
                try amended.insert(db)
                for var item in items {
                    item.evaluationID = amended.id!
                    try item.insert(db)
                }
                dispute.amendedEvaluationID = amended.id
            }
            dispute.outcome = outcome
            dispute.resolver = actor.account
            dispute.resolvedAt = CatalogDates.string(now)
            dispute.resolutionNote = note
            try dispute.update(db)
            var detail = ["dispute": "\(disputeID)", "evaluation": "\(original.id!)", "outcome": outcome.rawValue]
            if let amended = dispute.amendedEvaluationID { detail["amended_evaluation"] = "\(amended)" }
            try appendAudit(actor.draft(.qaResolve, at: now, callID: CallID(rawValue: original.callID), detail: detail), in: db)
            return dispute
        }
    }

    public func qaDispute(id: Int64) throws -> QADisputeRecord? {
        try read { db in try QADisputeRecord.fetchOne(db, key: id) }
    }

    /// Disputes of the given evaluations, oldest first.
    public func qaDisputes(evaluationIDs: [Int64]) throws -> [QADisputeRecord] {
        try read { db in try QADisputeRecord.filter(evaluationIDs.contains(Column("evaluation_id"))).order(Column("id")).fetchAll(db) }
    }
}

extension QADisputeRecord {
    init(evaluationID: Int64, raisedBy: String, raisedAt: String, reason: String) {
        self.evaluationID = evaluationID
        self.raisedBy = raisedBy
        self.raisedAt = raisedAt
        self.reason = reason
    }
}

import CallModel
import Foundation
import GRDB

extension Catalog {
    /// The plan name of calls a supervisor or the qa-lead sent to the QA queue by hand (`qa add`).
    public static let addedByHandPlan = "added"

    /// Sends one call to the QA queue by hand (a supervisor who heard of a problem, `report talk --agent`'s worst
    /// calls): a queued sample of the plan `added` for `period`, bound to `rubricVersion`, its reason kept, with a
    /// `qa-add` audit entry carrying the reason, in one transaction. Refused when the call is unknown, has no agent,
    /// is purged, is already waiting in the queue (queued or claimed, by any plan), or was added by hand before.
    @discardableResult
    public func addQASampleByHand(callID: String, reason: String, rubricVersion: String, period: String, now: Date,
                                  actor: AuditActor) throws -> QASampleRecord {
        let reason = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !reason.isEmpty else { throw CatalogError(.invalidValue, "a call sent to the QA queue needs a reason (--reason TEXT)") }
        return try write { db in
            guard let call = try Row.fetchOne(db, sql: "SELECT agent_id, team, purged_at FROM call WHERE id = ?", arguments: [callID]) else {
                throw CatalogError(.notFound, "no call \(callID) in the catalog; check the id with `nokchwi calls list`")
            }
            guard (call["purged_at"] as String?) == nil else { throw CatalogError(.conflict, "call \(callID) was purged: there is nothing left to hear") }
            guard let agent = call["agent_id"] as String? else {
                throw CatalogError(.invalidValue, "call \(callID) names no agent; QA scores an agent's call")
            }
            guard try RubricVersionRecord.exists(db, key: rubricVersion) else {
                throw CatalogError(.notFound, "no rubric version \(rubricVersion); import it with `nokchwi rubrics import FILE`")
            }
            if let waiting = try String.fetchOne(db, sql: "SELECT plan FROM qa_sample WHERE call_id = ? AND state IN ('queued', 'claimed') LIMIT 1",
                                                 arguments: [callID]) {
                throw CatalogError(.conflict, "call \(callID) is already in the QA queue (plan \(waiting)); nothing was added")
            }
            if try Bool.fetchOne(db, sql: "SELECT 1 FROM qa_sample WHERE call_id = ? AND plan = ?", arguments: [callID, Self.addedByHandPlan]) ?? false {
                throw CatalogError(.conflict, "call \(callID) was sent to the QA queue by hand before; nothing was added")
            }
            var sample = QASampleRecord(plan: Self.addedByHandPlan, period: period, callID: callID, agentID: agent, team: call["team"],
                                        targeted: true, reason: "added by \(actor.account): \(reason)", rubricVersion: rubricVersion,
                                        sampledAt: now, sampledBy: actor.account)
            try sample.insert(db)
            try appendAudit(AuditDraft(at: now, account: actor.account, sourceAddress: actor.sourceAddress, action: .qaAdd,
                                       callID: CallID(rawValue: callID), reason: reason,
                                       detail: ["sample": "\(sample.id!)", "rubric_version": rubricVersion]), in: db)
            return sample
        }
    }
}

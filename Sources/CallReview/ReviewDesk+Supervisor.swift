import CallAccess
import CallCatalog
import CallModel
import Foundation

extension ReviewDesk {
    /// Sends a call to the QA queue by hand (a supervisor for their teams, the QA lead for all), with the reason kept
    /// on the sample and in the audit trail: `nokchwi qa add` and the supervisor's "send to QA" button. The rubric is
    /// `rubric` (id or version), else the first sampling plan's, else municipal-call.
    public func sendToQueue(_ session: Session, callID: CallID, reason: String, rubric: String? = nil,
                            configuration: QAConfiguration) throws -> QASampleRecord {
        try guardian.authorize(session, .manageQueue, callID: callID)
        let reference = rubric ?? configuration.plans.first?.rubric ?? "municipal-call"
        guard let version = try catalog.rubricVersion(reference) else {
            throw ReviewError(.invalidData, "no rubric version \(reference); import it with `nokchwi rubrics import FILE`")
        }
        let now = clock.now()
        let start = try catalog.call(id: callID)?.metadata.startTime ?? now
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = CenterTime.zone(configuration.timeZone)
        let month = calendar.dateComponents([.year, .month], from: start)
        return try catalog.addQASampleByHand(callID: callID.rawValue, reason: reason, rubricVersion: version.id,
                                             period: String(format: "%04d-%02d", month.year ?? 0, month.month ?? 0), now: now,
                                             actor: AuditActor(account: session.username, sourceAddress: session.sourceAddress))
    }

    /// Opens a dispute on a submitted evaluation of a call the session may dispute (their team's), within the
    /// pipeline's window and count: `nokchwi qa dispute` and the supervisor's page. An evaluation of a call outside
    /// their scope answers exactly like an unknown one (`AccessError(.notFound)`).
    public func dispute(_ session: Session, evaluationID: Int64, reason: String, configuration: QAConfiguration) throws -> QADisputeRecord {
        let unknown = AccessError(.notFound, "no evaluation \(evaluationID) that you may see; `nokchwi qa evaluations --call ID` lists a call's evaluations")
        guard let target = try catalog.qaEvaluation(id: evaluationID) else {
            // A role that may not dispute at all is refused (and that is audited); for the others an unknown id is unknown.
            if case .refused(let refusal) = AccessPolicy.decide(session.user, .disputeEvaluation, reason: reason), refusal != .callRequired {
                try guardian.authorize(session, .disputeEvaluation, reason: reason)
            }
            throw unknown
        }
        do {
            try guardian.authorize(session, .disputeEvaluation, callID: CallID(rawValue: target.callID), reason: reason)
        } catch let error as AccessError where error.code == .notFound {
            throw unknown
        }
        return try catalog.openQADispute(evaluationID: evaluationID, reason: reason, now: clock.now(), windowDays: configuration.disputeWindowDays,
                                         maxDisputes: configuration.maxDisputes,
                                         actor: AuditActor(account: session.username, sourceAddress: session.sourceAddress))
    }
}

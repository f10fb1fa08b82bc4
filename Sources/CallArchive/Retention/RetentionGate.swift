import CallCatalog
import CallModel
import Foundation

/// The two-person rule (`retention.two_person`), one gate for the CLI and the server: when the home has it on, a
/// purge or hold release without a request records one (pending) and does nothing; with a request, it goes ahead only
/// if a second archivist approved that request for this kind and target, and uses it up.
public struct RetentionGate: Sendable {
    public enum Outcome: Sendable, Equatable {
        /// Go ahead (the rule is off, or `approvedBy` approved the request now used).
        case proceed(approvedBy: String?)
        /// A request was recorded and waits for a second archivist; nothing was done.
        case requested(RetentionRequest)
    }

    let catalog: Catalog

    public init(catalog: Catalog) {
        self.catalog = catalog
    }

    /// Whether the home has the rule on.
    public var isOn: Bool {
        get throws { try catalog.homeSettings().twoPersonRetention }
    }

    /// Passes `kind` on `target` (`limit=N`, `limit=all`, `hold=ID`) for `account`, with `request` when one was approved.
    public func pass(_ kind: RetentionRequest.Kind, target: String, reason: String, request: Int64?,
                     account: String, sourceAddress: String, at date: Date) throws -> Outcome {
        guard try isOn else { return .proceed(approvedBy: nil) }
        guard let request else {
            let made = try catalog.createRetentionRequest(kind: kind, target: target, reason: reason, audit: AuditDraft(
                at: date, account: account, sourceAddress: sourceAddress, action: AuditAction("retention-request")))
            return .requested(made)
        }
        let used = try catalog.useRetentionRequest(id: request, kind: kind, target: target, at: date)
        _ = try catalog.appendAudit(AuditDraft(
            at: date, account: account, sourceAddress: sourceAddress, action: AuditAction("retention-request-used"),
            detail: ["request": String(used.id), "approved_by": used.approvedBy ?? "", "target": target]))
        return .proceed(approvedBy: used.approvedBy)
    }
}

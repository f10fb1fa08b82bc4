import CallCatalog
import CallModel
import Foundation
import Logging

/// Decides with `AccessPolicy` and records the decision in the audit trail, so a command needs one call before it
/// touches a recording: `try guard.authorize(session, .playCall, callID: id, record: .playCall)`.
/// The entry is written before the data is handed out: it records the authorised access (the attempt), not its
/// completion. A refusal is recorded as `access-refused` and thrown as `AccessError(.refused)`.
public struct AccessGuard: Sendable {
    let catalog: Catalog
    let clock: any WallClock
    let logger: Logger

    public init(catalog: Catalog, clock: any WallClock = SystemWallClock(), logger: Logger = Logger(label: "nokchwi.access")) {
        self.catalog = catalog
        self.clock = clock
        self.logger = logger
    }

    /// Authorises `permission` for the session; for a call permission the call's team and assignees are read from
    /// the catalog. When allowed and `record` is given, appends that audit entry (with the call, reason and
    /// detail) and returns it.
    @discardableResult
    public func authorize(_ session: Session, _ permission: Permission, callID: CallID? = nil, team: String? = nil,
                          reason: String? = nil, record action: AuditAction? = nil,
                          detail: [String: String] = [:]) throws -> AuditEntry? {
        var context: CallContext?
        if let callID {
            // Check the role first, so that a user without the permission does not learn which calls exist.
            let roleOnly = AccessPolicy.decide(session.user, permission)
            if case .refused(let reason) = roleOnly, reason != .callRequired {
                try refuse(session, permission, reason, callID: callID)
            }
            guard let found = try catalog.callContext(callID: callID) else {
                throw AccessError(.notFound, "no such call; `nokchwi calls list` shows the ids you may see")
            }
            context = found
        }
        let decision = AccessPolicy.decide(session.user, permission, call: context, team: team, reason: reason)
        if case .refused(let refusal) = decision { try refuse(session, permission, refusal, callID: callID) }
        guard let action else { return nil }
        var fields = detail
        fields["permission"] = permission.rawValue
        if let team { fields["team"] = team }
        return try catalog.appendAudit(session.draft(action, at: clock.now(), callID: callID, reason: reason, detail: fields))
    }

    /// The calls the session may list or act on with `permission` (filter queries with it).
    public func scope(_ session: Session, _ permission: Permission) -> CallScope {
        AccessPolicy.scope(for: session.user, permission)
    }

    private func refuse(_ session: Session, _ permission: Permission, _ refusal: RefusalReason, callID: CallID?) throws -> Never {
        let entry = try catalog.appendAudit(session.draft(
            .accessRefused, at: clock.now(), callID: callID,
            detail: ["permission": permission.rawValue, "refusal": refusal.rawValue]))
        logger.notice("access refused", metadata: ["audit_seq": "\(entry.seq)", "refusal": "\(refusal.rawValue)"])
        throw AccessError.refused(refusal)
    }
}

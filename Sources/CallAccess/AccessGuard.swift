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
                try refuse(session, permission, "unknown-call", callID: nil, detail: ["call": callID.rawValue],
                           thrown: Self.noSuchCall)
            }
            context = found
        }
        let decision = AccessPolicy.decide(session.user, permission, call: context, team: team, reason: reason)
        if case .refused(let refusal) = decision {
            // A call outside the user's scope answers exactly as an unknown id (issue #21): the answer must not tell
            // which ids exist in other teams. The audit entry keeps the real refusal.
            if callID != nil, refusal == .outsideTeams || refusal == .notAssigned {
                try refuse(session, permission, refusal.rawValue, callID: callID, thrown: Self.noSuchCall)
            }
            try refuse(session, permission, refusal, callID: callID)
        }
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

    /// The one answer for a call id the user may not see and for one that does not exist.
    public static let noSuchCall = AccessError(.notFound, "no call with this id that you may see; `nokchwi calls list` shows the ids you may see")

    private func refuse(_ session: Session, _ permission: Permission, _ refusal: RefusalReason, callID: CallID?) throws -> Never {
        try refuse(session, permission, refusal.rawValue, callID: callID, thrown: AccessError.refused(refusal))
    }

    private func refuse(_ session: Session, _ permission: Permission, _ refusal: String, callID: CallID?,
                        detail: [String: String] = [:], thrown error: AccessError) throws -> Never {
        var fields = detail
        fields["permission"] = permission.rawValue
        fields["refusal"] = refusal
        let entry = try catalog.appendAudit(session.draft(.accessRefused, at: clock.now(), callID: callID, detail: fields))
        logger.notice("access refused", metadata: ["audit_seq": "\(entry.seq)", "refusal": "\(refusal)"])
        throw error
    }
}

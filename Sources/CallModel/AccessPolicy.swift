import Foundation

/// Who may do what, on which calls: a pure function of the user, the permission and the call.
///
/// The matrix (`grant(_:_:)`), in short:
/// - evaluator: list, view, view metrics, play and score the calls assigned to them; the caller number masked.
/// - supervisor: list, view (number unmasked), view metrics, play, reports and QA queue for their own teams.
///   A call without a team belongs to no supervisor.
/// - archivist: every call for listing, metadata, export (always with a reason: a legal request), legal holds
///   (with a reason), retention, purge, scrub, ingest; the audit trail. No playback and no metrics: an archivist
///   who must hear a call exports it for the stated reason, which the audit trail records.
/// - agent directory (manage-agents): admins for every team, supervisors for rows of their own teams.
/// - admin: users, keys and the audit trail. Never hears or sees a call unless another role allows it.
/// - QA (docs/qa.md): evaluators claim from the queue and resolve disputes of other evaluators' work; supervisors
///   sample their teams' calls and dispute their teams' evaluations; the qa-lead imports rubrics, samples and reads
///   QA reports for every team, runs calibration, and like an evaluator hears only the calls assigned to them.
/// A disabled user is refused everything. A user with several roles gets the union of their grants.
public enum AccessPolicy {
    /// How far `role` reaches with `permission`; nil when the role does not grant it.
    public static func grant(_ role: Role, _ permission: Permission) -> Grant? {
        switch (role, permission) {
        case (.evaluator, .listCalls), (.evaluator, .viewCallMetadata), (.evaluator, .viewCallMetrics),
             (.evaluator, .playCall), (.evaluator, .scoreCall),
             (.qaLead, .listCalls), (.qaLead, .viewCallMetadata), (.qaLead, .viewCallMetrics), (.qaLead, .playCall),
             (.qaLead, .scoreCall):
            .assignedCalls
        case (.evaluator, .claimCalls), (.evaluator, .resolveDispute),
             (.qaLead, .claimCalls), (.qaLead, .resolveDispute), (.qaLead, .manageRubrics), (.qaLead, .manageQueue),
             (.qaLead, .viewReports), (.qaLead, .runCalibration):
            .unrestricted
        case (.supervisor, .listCalls), (.supervisor, .viewCallMetadata), (.supervisor, .viewCallerNumber),
             (.supervisor, .viewCallMetrics), (.supervisor, .playCall), (.supervisor, .viewReports),
             (.supervisor, .manageQueue), (.supervisor, .manageAgents), (.supervisor, .disputeEvaluation):
            .ownTeams
        case (.archivist, .listCalls), (.archivist, .viewCallMetadata), (.archivist, .viewCallerNumber),
             (.archivist, .exportCall), (.archivist, .ingestCalls), (.archivist, .manageRetention),
             (.archivist, .manageHolds), (.archivist, .runPurge), (.archivist, .runScrub),
             (.archivist, .viewAudit), (.archivist, .verifyAudit):
            .unrestricted
        case (.admin, .manageUsers), (.admin, .manageKeys), (.admin, .viewAudit), (.admin, .verifyAudit), (.admin, .manageAgents):
            .unrestricted
        default:
            nil
        }
    }

    /// Decides whether `user` may use `permission`.
    /// - Parameters:
    ///   - call: the call acted on; required for permissions with `needsCall`.
    ///   - team: the team acted on as a whole (a team report, the team's QA queue), when no single call is.
    ///   - reason: the stated reason, required for permissions with `requiresReason`.
    /// Without a call or team, a scoped permission is allowed in principle: filter the calls with
    /// `scope(for:_:)` (listing) or decide again per call.
    public static func decide(_ user: UserAccount, _ permission: Permission, call: CallContext? = nil,
                              team: String? = nil, reason: String? = nil) -> AccessDecision {
        if user.disabled { return .refused(.accountDisabled) }
        let grants = Set(user.roles.compactMap { grant($0, permission) })
        if grants.isEmpty { return .refused(.roleLacksPermission) }
        if permission.needsCall && call == nil { return .refused(.callRequired) }
        let scopeMiss: RefusalReason = grants.contains(.ownTeams) ? .outsideTeams : .notAssigned
        if let call, !scope(user: user, grants: grants).admits(call) { return .refused(scopeMiss) }
        if call == nil, let team, !grants.contains(.unrestricted) {
            guard grants.contains(.ownTeams), user.teams.contains(team) else { return .refused(scopeMiss) }
        }
        if permission.requiresReason, (reason ?? "").trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            return .refused(.reasonRequired)
        }
        return .allowed
    }

    /// The calls `user` may act on with `permission`: use it to filter listings.
    public static func scope(for user: UserAccount, _ permission: Permission) -> CallScope {
        if user.disabled { return .none }
        return scope(user: user, grants: Set(user.roles.compactMap { grant($0, permission) }))
    }

    /// The caller number as this user may see it on this call: whole, masked (`010-****-5678`), or nil when
    /// the user may not see the call at all.
    public static func callerNumber(_ number: String?, for user: UserAccount, on call: CallContext) -> String? {
        if decide(user, .viewCallerNumber, call: call).isAllowed { return number }
        if decide(user, .viewCallMetadata, call: call).isAllowed { return PersonalDataRedactor.maskNumber(number) }
        return nil
    }

    private static func scope(user: UserAccount, grants: Set<Grant>) -> CallScope {
        if grants.isEmpty { return .none }
        if grants.contains(.unrestricted) { return .all }
        return .limited(teams: grants.contains(.ownTeams) ? user.teams : [],
                        assignedTo: grants.contains(.assignedCalls) ? user.username : nil)
    }
}

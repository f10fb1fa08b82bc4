/// Words for people about the permission matrix: which roles grant a permission, and how far; a refusal told so
/// that the reader knows which role would be allowed. Never names a person, a number or a call's team.
extension AccessPolicy {
    /// The roles that grant `permission`, each with its reach, in `Role` order.
    public static func rolesGranting(_ permission: Permission) -> [(role: Role, grant: Grant)] {
        Role.allCases.compactMap { role in grant(role, permission).map { (role, $0) } }
    }

    /// "supervisor (calls of their own teams), evaluator (calls the QA queue assigned to them)".
    public static func allowedRoles(_ permission: Permission) -> String {
        let roles = rolesGranting(permission)
        if roles.isEmpty { return "no role" }
        return roles.map { role, grant in
            grant.reach(for: permission).map { "\(role.rawValue) (\($0))" } ?? role.rawValue
        }.joined(separator: ", ")
    }

    /// A refusal said in full: what was refused, why, and which role would be allowed (three short lines).
    /// - Parameter roles: the roles of the user who was refused (their names only).
    public static func explain(_ refusal: RefusalReason, _ permission: Permission, roles: Set<Role>) -> String {
        let yours = roles.isEmpty ? "none" : roles.sorted().map(\.rawValue).joined(separator: ", ")
        let what = "\(permission.summary) (\(permission.rawValue))"
        let allowed = "\n  Allowed for: \(allowedRoles(permission))."
        switch refusal {
        case .roleLacksPermission:
            return "refused: \(what) is not granted to your role (\(yours)).\(allowed)"
                + "\n  Sign in as a user with one of those roles, or ask an administrator (`nokchwi users roles`)."
        case .outsideTeams:
            return "refused: \(what): the call or report belongs to a team you do not supervise (your role: \(yours)).\(allowed)"
                + "\n  A call without a team belongs to no supervisor."
        case .notAssigned:
            return "refused: \(what): the QA queue did not assign this call to you (your role: \(yours)).\(allowed)"
        case .accountDisabled, .callRequired, .reasonRequired:
            return "refused: \(what): \(refusal.message)"
        }
    }
}

extension Grant {
    /// How far the grant reaches with `permission`, for people; nil when there is nothing to say (an unrestricted
    /// action that is not about calls: users, keys, purge...).
    public func reach(for permission: Permission) -> String? {
        let aboutCalls = permission.needsCall || permission == .listCalls
        switch self {
        case .unrestricted: return aboutCalls ? "every call" : nil
        case .ownTeams: return aboutCalls ? "calls of their own teams" : "their own teams"
        case .assignedCalls: return "calls the QA queue assigned to them"
        }
    }
}

extension Permission {
    /// What the permission lets a user do, for people.
    public var summary: String {
        switch self {
        case .listCalls: "listing calls"
        case .viewCallMetadata: "seeing a call's metadata"
        case .viewCallerNumber: "seeing the caller number unmasked"
        case .viewCallMetrics: "seeing a call's talk metrics"
        case .playCall: "hearing a call"
        case .scoreCall: "scoring a call"
        case .exportCall: "exporting a call's audio"
        case .viewReports: "team reports and catalog totals"
        case .manageQueue: "managing the QA queue"
        case .ingestCalls: "ingesting recordings"
        case .manageRetention: "managing retention"
        case .manageHolds: "placing and releasing legal holds"
        case .runPurge: "purging expired calls"
        case .runScrub: "scrubbing the archive"
        case .manageUsers: "managing users"
        case .manageKeys: "managing encryption keys"
        case .viewAudit: "reading the audit trail"
        case .verifyAudit: "verifying the audit trail"
        case .manageAgents: "loading the agent directory"
        case .manageRubrics: "importing rubrics"
        case .claimCalls: "claiming calls from the QA queue"
        case .disputeEvaluation: "disputing an evaluation"
        case .resolveDispute: "resolving a dispute"
        case .runCalibration: "running calibration sessions"
        }
    }
}

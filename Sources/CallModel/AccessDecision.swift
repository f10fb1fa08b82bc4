/// What `AccessPolicy` needs to know about a call to decide on it: its team and who the QA queue assigned it to.
public struct CallContext: Codable, Sendable, Equatable {
    public var callID: CallID
    /// The call's team (metadata), nil when the recorder did not say.
    public var team: String?
    /// Usernames the QA queue assigned this call to.
    public var assignees: Set<String>

    public init(callID: CallID, team: String?, assignees: Set<String> = []) {
        self.callID = callID
        self.team = team
        self.assignees = assignees
    }
}

/// Why an access was refused: a stable code for scripts and the audit trail, and a message saying what to do.
public enum RefusalReason: String, Codable, Sendable, CaseIterable {
    case accountDisabled = "account-disabled"
    case roleLacksPermission = "role-lacks-permission"
    /// An evaluator asked for a call the QA queue did not assign to them.
    case notAssigned = "not-assigned"
    /// A supervisor asked for a call (or report) of a team that is not theirs.
    case outsideTeams = "outside-teams"
    /// The permission acts on one call and no call was given.
    case callRequired = "call-required"
    /// The permission needs a stated reason and none was given.
    case reasonRequired = "reason-required"

    public var message: String {
        switch self {
        case .accountDisabled: "the account is disabled; ask an administrator"
        case .roleLacksPermission: "none of the account's roles allows this; ask an administrator for the role that does"
        case .notAssigned: "this call is not assigned to you in the QA queue"
        case .outsideTeams: "this call or report belongs to a team you do not supervise"
        case .callRequired: "this action needs a call id"
        case .reasonRequired: "this action needs a reason (for example the legal request's reference); give one with --reason"
        }
    }
}

/// The answer of `AccessPolicy`.
public enum AccessDecision: Sendable, Equatable {
    case allowed
    case refused(RefusalReason)

    public var isAllowed: Bool { self == .allowed }
}

/// How far a role's permission reaches over calls.
public enum Grant: String, Codable, Sendable {
    /// Every call, or an action that is not about one call (users, keys, purge, ...).
    case unrestricted
    /// Calls (and reports) of the user's own teams.
    case ownTeams = "own-teams"
    /// Calls the QA queue assigned to the user.
    case assignedCalls = "assigned-calls"
}

/// Which calls a user may act on with one permission, for filtering lists (`scope(for:_:)`).
public enum CallScope: Sendable, Equatable {
    case none
    case all
    /// Calls of these teams, or assigned to this username (either admits).
    case limited(teams: Set<String>, assignedTo: String?)

    public func admits(_ call: CallContext) -> Bool {
        switch self {
        case .none: false
        case .all: true
        case .limited(let teams, let username):
            (call.team.map(teams.contains) ?? false) || (username.map(call.assignees.contains) ?? false)
        }
    }
}

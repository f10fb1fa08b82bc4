/// What an audit entry records. An open set of stable kebab-case codes (not an enum) so that a chain written by
/// a newer nokchwi, with actions this build does not know, still reads and verifies.
public struct AuditAction: RawRepresentable, Hashable, Codable, Sendable, CustomStringConvertible {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public init(_ rawValue: String) { self.rawValue = rawValue }
    public var description: String { rawValue }

    public init(from decoder: any Decoder) throws { rawValue = try decoder.singleValueContainer().decode(String.self) }
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(rawValue)
    }

    // Sessions
    public static let login = AuditAction("login")
    public static let loginFailed = AuditAction("login-failed")
    public static let logout = AuditAction("logout")
    public static let tokenIssue = AuditAction("token-issue")
    public static let tokenRevoke = AuditAction("token-revoke")
    /// An authenticated user was refused an action (detail: permission, refusal code).
    public static let accessRefused = AuditAction("access-refused")
    // Calls
    public static let listCalls = AuditAction("list-calls")
    public static let viewCall = AuditAction("view-call")
    public static let viewMetrics = AuditAction("view-metrics")
    public static let playCall = AuditAction("play-call")
    public static let exportCall = AuditAction("export-call")
    public static let scoreCall = AuditAction("score-call")
    public static let viewReport = AuditAction("view-report")
    public static let assignCall = AuditAction("assign-call")
    public static let unassignCall = AuditAction("unassign-call")
    public static let ingestArchived = AuditAction("ingest-archived")
    // Archive policy
    public static let policyChange = AuditAction("policy-change")
    public static let holdAdd = AuditAction("hold-add")
    public static let holdRelease = AuditAction("hold-release")
    public static let purge = AuditAction("purge")
    public static let scrub = AuditAction("scrub")
    // Keys
    public static let keyCreate = AuditAction("key-create")
    public static let keyRotate = AuditAction("key-rotate")
    public static let keyRewrap = AuditAction("key-rewrap")
    /// Stored plain-text personal fields sealed under their calls' data keys (`keys seal-personal`, or an ingest).
    public static let sealPersonal = AuditAction("seal-personal")
    // Users
    public static let userAdd = AuditAction("user-add")
    public static let userDisable = AuditAction("user-disable")
    public static let userEnable = AuditAction("user-enable")
    public static let userRolesChange = AuditAction("user-roles-change")
    public static let userTeamsChange = AuditAction("user-teams-change")
    public static let passwordChange = AuditAction("password-change")
    // QA
    public static let qaRubricImport = AuditAction("qa-rubric-import")
    public static let qaSample = AuditAction("qa-sample")
    public static let qaClaim = AuditAction("qa-claim")
    public static let qaRelease = AuditAction("qa-release")
    public static let qaDraft = AuditAction("qa-draft")
    public static let qaSubmit = AuditAction("qa-submit")
    public static let qaDispute = AuditAction("qa-dispute")
    public static let qaResolve = AuditAction("qa-resolve")
    public static let qaCalibrate = AuditAction("qa-calibrate")
    public static let qaAdd = AuditAction("qa-add")
    public static let qaReport = AuditAction("qa-report")
    // Audit
    public static let auditView = AuditAction("audit-view")
    public static let auditVerify = AuditAction("audit-verify")

    /// Every action this build writes, for documentation and `--action` completion.
    public static let known: [AuditAction] = [
        .login, .loginFailed, .logout, .tokenIssue, .tokenRevoke, .accessRefused, .listCalls, .viewCall, .viewMetrics,
        .playCall, .exportCall, .scoreCall, .viewReport, .assignCall, .unassignCall, .ingestArchived, .policyChange,
        .holdAdd, .holdRelease, .purge, .scrub, .keyCreate, .keyRotate, .keyRewrap, .sealPersonal, .userAdd, .userDisable,
        .userEnable, .userRolesChange, .userTeamsChange, .passwordChange, .auditView, .auditVerify,
        .qaRubricImport, .qaSample, .qaClaim, .qaRelease, .qaDraft, .qaSubmit, .qaDispute, .qaResolve, .qaCalibrate, .qaReport, .qaAdd,
    ]

    /// Actions whose entry must carry a reason (the catalog refuses the entry without one).
    public var requiresReason: Bool {
        [AuditAction.exportCall, .holdAdd, .holdRelease, .policyChange, .qaDispute, .qaAdd].contains(self)
    }
}

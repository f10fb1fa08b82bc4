/// Something a user may be allowed to do. Whether a role grants it, and for which calls, is `AccessPolicy`'s.
public enum Permission: String, Codable, Sendable, CaseIterable {
    /// List calls (id, time, team, agent, duration); the scope says which calls.
    case listCalls = "list-calls"
    /// See one call's metadata (with the caller number masked).
    case viewCallMetadata = "view-call-metadata"
    /// See the caller number unmasked.
    case viewCallerNumber = "view-caller-number"
    /// See one call's talk metrics and segment timeline.
    case viewCallMetrics = "view-call-metrics"
    /// Hear a call (stream or decode it for listening).
    case playCall = "play-call"
    /// Score a call with a rubric (QA evaluation).
    case scoreCall = "score-call"
    /// Export (download) a call's audio out of the archive. Always needs a reason.
    case exportCall = "export-call"
    /// Team reports: metrics and QA results aggregated over calls.
    case viewReports = "view-reports"
    /// Assign calls to evaluators, manage sampling and the QA queue.
    case manageQueue = "manage-queue"
    /// Run the ingest pipeline (adds recordings to the archive).
    case ingestCalls = "ingest-calls"
    /// Define retention classes and assign them to calls.
    case manageRetention = "manage-retention"
    /// Place and release legal holds. Always needs a reason.
    case manageHolds = "manage-holds"
    /// Destroy recordings whose retention has expired.
    case runPurge = "run-purge"
    /// Re-verify archive files against their hashes.
    case runScrub = "run-scrub"
    /// Add, disable and change users, their roles, teams and passwords.
    case manageUsers = "manage-users"
    /// Create, rotate and rewrap encryption and signing keys.
    case manageKeys = "manage-keys"
    /// Read the audit trail.
    case viewAudit = "view-audit"
    /// Verify the audit chain and its checkpoints.
    case verifyAudit = "verify-audit"
    /// Load the center's agent directory (recorder ids, names, teams, departments and their dates).
    case manageAgents = "manage-agents"
    /// Import rubric versions (evaluation forms).
    case manageRubrics = "manage-rubrics"
    /// Claim the next sampled call from the QA queue (and release it).
    case claimCalls = "claim-calls"
    /// Dispute a submitted evaluation of a call (of the supervisor's team).
    case disputeEvaluation = "dispute-evaluation"
    /// Resolve a dispute (uphold or amend); never by the evaluation's own evaluator.
    case resolveDispute = "resolve-dispute"
    /// Open calibration sessions and read their agreement figures.
    case runCalibration = "run-calibration"

    /// Permissions that act on one call and so need a `CallContext` to be decided.
    public var needsCall: Bool {
        switch self {
        case .viewCallMetadata, .viewCallerNumber, .viewCallMetrics, .playCall, .scoreCall, .exportCall, .disputeEvaluation: true
        default: false
        }
    }

    /// Permissions that are refused without a stated reason (recorded in the audit entry).
    public var requiresReason: Bool {
        switch self {
        case .exportCall, .manageHolds: true
        default: false
        }
    }
}

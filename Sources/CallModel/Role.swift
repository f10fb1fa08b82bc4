/// What a user of nokchwi does. One user may hold several roles; each role grants a fixed set of permissions
/// (see `AccessPolicy`).
public enum Role: String, Codable, Sendable, CaseIterable, Comparable {
    /// Plays and scores only the calls the QA queue assigned to them; sees the caller number masked.
    case evaluator
    /// Metrics, reports, playback and the QA queue for their own teams.
    case supervisor
    /// Retention classes, legal holds, purge, scrub, ingest, and export for a legal request (with a reason).
    /// Does not play calls.
    case archivist
    /// Users and keys, and the audit trail. Never hears a call unless another role allows it.
    case admin
    /// The center's QA analyst: rubrics, sampling plans and the queue for every team, calibration sessions, dispute
    /// resolution and QA reports; scores and plays only the calls the queue assigned to them.
    case qaLead = "qa-lead"

    public static func < (lhs: Role, rhs: Role) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}

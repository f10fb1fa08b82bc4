import CallModel

/// What happened to one call candidate.
enum IngestOutcome: Sendable {
    case archived(Call, sourceBytes: Int64)
    /// Already in the catalog (same source content).
    case skipped(callID: CallID)
    /// Files of the candidate were quarantined now (records to store).
    case quarantined([QuarantineRecord])
    /// The candidate's files were quarantined by an earlier run and have not changed.
    case previouslyQuarantined(paths: [String])
    /// An internal failure (disk full, fsync failure, ...): nothing was stored; a rerun redoes the call.
    case failed(path: String, message: String)
}

/// One thing wrong with the audit trail, precisely: which entry (seq) or checkpoint (line), and what it means.
public struct AuditProblem: Codable, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: String, Codable, Sendable {
        /// The entry's content no longer hashes to its stored hash.
        case editedEntry = "edited-entry"
        /// Seqs are missing: entries were deleted.
        case missingEntries = "missing-entries"
        /// The entry at this seq was written at another seq: entries were reordered (or renumbered).
        case reorderedEntries = "reordered-entries"
        /// The entry is consistent but does not link to the one before: the previous entry was rewritten.
        case brokenLink = "broken-link"
        /// A checkpoint line cannot be read.
        case checkpointMalformed = "checkpoint-malformed"
        /// A checkpoint's signature is invalid (forged or altered checkpoint).
        case checkpointSignatureInvalid = "checkpoint-signature-invalid"
        /// A checkpoint is signed by a key other than the deployment's audit signing key.
        case checkpointUnknownKey = "checkpoint-unknown-key"
        /// The chain no longer holds the entry a checkpoint vouches for, with that hash: rewritten.
        case checkpointMismatch = "checkpoint-mismatch"
        /// A checkpoint vouches for an entry beyond the chain's end: the tail was deleted.
        case truncatedTail = "truncated-tail"
        /// Checkpoints exist but the signing key does not: they cannot be trusted.
        case signingKeyMissing = "signing-key-missing"
        /// The signing key exists (checkpoints were written) but the checkpoint file is gone or empty.
        case checkpointsMissing = "checkpoints-missing"
        /// The key in `keys/` is not the pinned public key (`--public-key`): replaced.
        case signingKeyReplaced = "signing-key-replaced"
        /// A checkpoint of the off-host copy (`--checkpoints`) is not in the home's checkpoint file: removed.
        case checkpointMissingFromHome = "checkpoint-missing-from-home"
    }

    public var kind: Kind
    /// The entry concerned, when there is one.
    public var seq: Int64?
    /// The checkpoint file line concerned (1-based), when there is one.
    public var line: Int?
    public var message: String

    public init(_ kind: Kind, seq: Int64? = nil, line: Int? = nil, _ message: String) {
        self.kind = kind
        self.seq = seq
        self.line = line
        self.message = message
    }

    public var description: String { "\(kind.rawValue): \(message)" }
}

/// What `AuditVerifier` found.
public struct AuditVerificationReport: Codable, Sendable, Equatable {
    /// Entries walked before the first chain problem (all of them when there is none).
    public var entriesChecked: Int64
    public var headSeq: Int64
    public var headHash: String
    public var checkpointsChecked: Int
    /// The highest seq a valid checkpoint vouches for.
    public var lastCheckpointSeq: Int64?
    /// The first chain problem (the walk stops there), then every checkpoint problem.
    public var problems: [AuditProblem]

    public var isIntact: Bool { problems.isEmpty }

    enum CodingKeys: String, CodingKey {
        case entriesChecked = "entries_checked", headSeq = "head_seq", headHash = "head_hash"
        case checkpointsChecked = "checkpoints_checked", lastCheckpointSeq = "last_checkpoint_seq", problems
    }
}

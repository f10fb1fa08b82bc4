import Foundation

/// One execution of `nokchwi purge` (dry runs leave no record): when, by whom, against which clock reading and policy.
public struct PurgeRun: Codable, Sendable, Equatable {
    public enum Status: String, Codable, Sendable {
        /// Started and not finished: killed, or running now. The next purge resumes it.
        case running
        case completed
        /// Finished, but some archive files could not be deleted (their keys are erased); the next purge retries.
        case incomplete
    }

    public var id: Int64?
    public var startedAt: Date
    public var finishedAt: Date?
    /// The clock reading calls were compared with: a call is due when its stored expiry is at or before it.
    public var asOf: Date
    public var operatorAccount: String
    public var sourceAddress: String
    public var status: Status
    /// SHA-256 of the policy in force (`RetentionPolicy.snapshotSHA256`), and the policy itself.
    public var policySHA256: String
    public var policy: RetentionPolicy?
    public var certificateJSONPath: String?
    public var certificateTextPath: String?

    public init(id: Int64? = nil, startedAt: Date, finishedAt: Date? = nil, asOf: Date, operatorAccount: String,
                sourceAddress: String, status: Status = .running, policySHA256: String, policy: RetentionPolicy?,
                certificateJSONPath: String? = nil, certificateTextPath: String? = nil) {
        self.id = id
        self.startedAt = startedAt
        self.finishedAt = finishedAt
        self.asOf = asOf
        self.operatorAccount = operatorAccount
        self.sourceAddress = sourceAddress
        self.status = status
        self.policySHA256 = policySHA256
        self.policy = policy
        self.certificateJSONPath = certificateJSONPath
        self.certificateTextPath = certificateTextPath
    }
}

/// Where the destruction of one call stands (`purge_item.state`). A purge killed at any point resumes from here:
///
/// ```
/// encrypted (nkchwenc-v1):  pending ─T1─▶ key-erased ─unlink─▶ T2 ─▶ destroyed
/// plaintext (ogg-opus):     pending ─T1─▶ file-deleting ─unlink─▶ T2 ─▶ destroyed
/// either, at T1:            pending ─────▶ skipped (held, expiry extended, or already destroyed)
/// ```
/// T1 and T2 are catalog transactions. For an encrypted archive T1 erases the wrapped data key and the personal
/// fields, writes the tombstone and the audit entry: the file is unreadable from then on. For a plaintext archive T1
/// only decides (the file is deleted next) and T2 erases the personal fields and writes the tombstone and audit
/// entry, so the tombstone never claims a deletion that did not happen.
public enum PurgeItemState: String, Codable, Sendable, CaseIterable {
    case pending
    case fileDeleting = "file-deleting"
    case keyErased = "key-erased"
    case destroyed
    case skipped

    /// Nothing more to do for this call in this run.
    public var isFinal: Bool { self == .destroyed || self == .skipped }
}

/// Why a call selected by a purge run was not destroyed after all.
public enum PurgeSkipReason: String, Codable, Sendable, CaseIterable {
    /// A legal hold was placed on it.
    case held
    /// Its expiry was extended past the run's clock reading.
    case notExpired = "not-expired"
    /// Another run destroyed it already.
    case alreadyPurged = "already-purged"
}

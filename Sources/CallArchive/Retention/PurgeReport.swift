import CallCatalog
import CallModel
import Foundation

/// What `nokchwi purge --dry-run` shows: the calls a purge would destroy now, and what it would resume. Nothing in the
/// catalog or the archive is changed by making it.
public struct PurgePlan: Codable, Sendable, Equatable {
    /// The clock reading calls were compared with.
    public var asOf: Date
    public var policySHA256: String
    /// Calls due for destruction (stored expiry at or before `asOf`, no active hold, not destroyed), in id order.
    public var calls: [ExpiredCall]
    /// More calls are due than `calls` lists (the listing limit was reached).
    public var truncated: Bool
    /// Expired calls kept by an active legal hold.
    public var heldExpired: Int
    /// Unfinished earlier runs the purge would resume first (a killed purge, or files left to delete).
    public var unfinishedRunIDs: [Int64]

    enum CodingKeys: String, CodingKey {
        case asOf = "as_of", policySHA256 = "policy_sha256", calls, truncated, heldExpired = "held_expired"
        case unfinishedRunIDs = "unfinished_run_ids"
    }
}

/// What `nokchwi purge` did: one certificate per run it finished (resumed runs first, then the new run).
public struct PurgeReport: Codable, Sendable, Equatable {
    public struct RunResult: Codable, Sendable, Equatable {
        public var certificate: DestructionCertificate
        public var certificateJSONPath: String
        public var certificateTextPath: String
        /// The run was left unfinished by an earlier purge and finished by this one.
        public var resumed: Bool

        enum CodingKeys: String, CodingKey {
            case certificate, certificateJSONPath = "certificate_json_path", certificateTextPath = "certificate_text_path"
            case resumed
        }
    }

    public var runs: [RunResult]
    /// Whether the WAL checkpoint after the runs completed (false: a reader in another process kept it from
    /// completing; the erased keys leave the WAL at the next checkpoint).
    public var walCheckpointed: Bool

    /// The run this purge started (the last one).
    public var newRun: RunResult? { runs.last { !$0.resumed } }
    public var destroyedCount: Int { runs.reduce(0) { $0 + $1.certificate.counts.destroyed } }

    enum CodingKeys: String, CodingKey { case runs, walCheckpointed = "wal_checkpointed" }
}

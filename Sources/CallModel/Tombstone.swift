import Foundation

/// What the catalog keeps of a destroyed call: enough to prove what was destroyed, when, under which policy and by
/// whom, and nothing personal. The call's row stays too, with its personal fields erased and its statistics
/// (agent, team, department, category, tags, times, duration, talk metrics, QA data) kept.
public struct Tombstone: Codable, Sendable, Equatable {
    public var callID: CallID
    /// The purge run that destroyed it.
    public var runID: Int64
    public var sourceSHA256: String
    public var archiveSHA256: String
    /// Where the archive file was (relative to `archive/`).
    public var archivePath: String
    public var archiveFormat: ArchiveRef.ArchiveFormat
    public var archiveBytes: Int64
    public var startedAt: Date?
    public var ingestedAt: Date
    public var expiresAt: Date
    public var retentionClass: String
    /// The key-encryption key that wrapped the erased data key (nil for a plaintext archive).
    public var kekID: String?
    /// The archive's file id (hex), which named its data key row; nil for a plaintext archive.
    public var dataKeyFileID: String?
    /// Whether a wrapped data key was erased (false for a plaintext archive, or when none was found).
    public var keyErased: Bool
    public var purgedAt: Date
    /// The account that ran the purge.
    public var purgedBy: String
    /// Whether the archive file is gone (deleted, or found missing); false only while a purge is unfinished.
    public var fileDeleted: Bool
    public var fileDeletedAt: Date?
    /// SHA-256 of the retention policy in force (`RetentionPolicy.snapshotSHA256`).
    public var policySHA256: String

    public init(callID: CallID, runID: Int64, sourceSHA256: String, archiveSHA256: String, archivePath: String,
                archiveFormat: ArchiveRef.ArchiveFormat, archiveBytes: Int64, startedAt: Date?, ingestedAt: Date,
                expiresAt: Date, retentionClass: String, kekID: String?, dataKeyFileID: String?, keyErased: Bool,
                purgedAt: Date, purgedBy: String, fileDeleted: Bool, fileDeletedAt: Date?, policySHA256: String) {
        self.callID = callID
        self.runID = runID
        self.sourceSHA256 = sourceSHA256
        self.archiveSHA256 = archiveSHA256
        self.archivePath = archivePath
        self.archiveFormat = archiveFormat
        self.archiveBytes = archiveBytes
        self.startedAt = startedAt
        self.ingestedAt = ingestedAt
        self.expiresAt = expiresAt
        self.retentionClass = retentionClass
        self.kekID = kekID
        self.dataKeyFileID = dataKeyFileID
        self.keyErased = keyErased
        self.purgedAt = purgedAt
        self.purgedBy = purgedBy
        self.fileDeleted = fileDeleted
        self.fileDeletedAt = fileDeletedAt
        self.policySHA256 = policySHA256
    }

    enum CodingKeys: String, CodingKey {
        case callID = "call_id", runID = "run_id", sourceSHA256 = "source_sha256", archiveSHA256 = "archive_sha256"
        case archivePath = "archive_path", archiveFormat = "archive_format", archiveBytes = "archive_bytes"
        case startedAt = "started_at", ingestedAt = "ingested_at", expiresAt = "expires_at"
        case retentionClass = "retention_class", kekID = "kek_id", dataKeyFileID = "data_key_file_id"
        case keyErased = "key_erased", purgedAt = "purged_at", purgedBy = "purged_by", fileDeleted = "file_deleted"
        case fileDeletedAt = "file_deleted_at", policySHA256 = "policy_sha256"
    }
}

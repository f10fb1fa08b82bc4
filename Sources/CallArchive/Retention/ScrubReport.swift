import CallModel
import Foundation

/// What `nokchwi scrub` found for one archive.
public enum ScrubStatus: String, Codable, Sendable, CaseIterable {
    /// Present, the recorded SHA-256, decrypts (every segment authenticates) and holds a readable Ogg Opus stream.
    case ok
    /// The file is not there (or cannot be opened).
    case missing
    /// The file decrypts and parses but is not the bytes the catalog recorded (the catalog's hash or the file was
    /// replaced by another intact file).
    case hashMismatch = "hash-mismatch"
    /// The file was altered or damaged: a segment fails authentication, it was cut short, or the Ogg Opus inside
    /// does not parse.
    case tampered
    /// The archive's data key cannot be unwrapped because the key-encryption key it names is not in the key store
    /// (or the catalog holds no data key for it).
    case keyMissing = "key-missing"
    /// The key-encryption key of that id is there but does not unwrap the data key (a replaced key file).
    case wrongKey = "wrong-key"
}

/// One archive checked by the scrub.
public struct ScrubItem: Codable, Sendable, Equatable {
    public var callID: CallID
    /// Relative to `archive/`.
    public var archivePath: String
    public var format: ArchiveRef.ArchiveFormat
    public var status: ScrubStatus
    /// Whether the file's SHA-256 equals the catalog's; nil when the file could not be read.
    public var hashMatches: Bool?
    /// What was found and what to do (no personal data).
    public var message: String?

    enum CodingKeys: String, CodingKey {
        case callID = "call_id", archivePath = "archive_path", format, status, hashMatches = "hash_matches", message
    }
}

/// The result of one scrub (`--json` prints it).
public struct ScrubReport: Codable, Sendable, Equatable {
    public var startedAt: Date
    public var finishedAt: Date
    /// Archives checked: those of every call that is not destroyed or being destroyed.
    public var checked: Int
    public var bytesChecked: Int64
    /// Archives per status (every status present, 0 when none).
    public var counts: [String: Int]
    /// Every archive whose status is not `ok`, in call-id order.
    public var problems: [ScrubItem]
    /// Files under `archive/` that no call names (relative paths): a crashed ingest's file, or a stray copy. An
    /// ingest running now may own the newest of them; nothing is deleted.
    public var orphans: [String]
    /// Files of destroyed calls (or of calls a killed purge had decided to destroy) still present; encrypted ones
    /// are unreadable (their keys are erased). The next `nokchwi purge` deletes them.
    public var purgedLeftovers: [String]

    public var isClean: Bool { problems.isEmpty && orphans.isEmpty && purgedLeftovers.isEmpty }

    public func count(_ status: ScrubStatus) -> Int { counts[status.rawValue] ?? 0 }

    enum CodingKeys: String, CodingKey {
        case startedAt = "started_at", finishedAt = "finished_at", checked, bytesChecked = "bytes_checked", counts
        case problems, orphans, purgedLeftovers = "purged_leftovers"
    }
}

/// How thorough a scrub is, and who runs it.
public struct ScrubOptions: Sendable {
    public var account: String
    public var sourceAddress: String
    /// Also decode every Opus packet (slow: the whole audio); by default the Ogg Opus headers and final page are
    /// parsed, and every encrypted byte is authenticated.
    public var decodeAudio: Bool
    public var pageSize: Int

    public init(account: String, sourceAddress: String, decodeAudio: Bool = false, pageSize: Int = 500) {
        self.account = account
        self.sourceAddress = sourceAddress
        self.decodeAudio = decodeAudio
        self.pageSize = pageSize
    }
}

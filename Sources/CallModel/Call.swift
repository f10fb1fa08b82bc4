import Foundation

/// A call as the catalog keeps it: what the recorder told us, where its archive is, how it was made.
public struct Call: Codable, Sendable, Equatable {
    /// Stable id derived from the call's date and source content hash (`YYYYMMDD-xxxxxxxxxx`).
    public var id: CallID
    /// SHA-256 identifying the call's source audio (of the file, or of its legs' hashes for split calls).
    public var sourceSHA256: String
    public var runID: Int64?
    public var metadata: CallMetadata
    public var flags: [CallFlag]
    public var layout: LayoutKind
    /// Channel of the archive that carries the agent (0 when known; nil when unknown or mono).
    public var agentChannel: Int?
    public var archive: ArchiveRef
    public var durationSeconds: Double
    public var ingestedAt: Date
    public var legs: [Leg]
    /// Metadata files that described the call (paths relative to the drop folder).
    public var metadataFiles: [String]

    public enum LayoutKind: String, Codable, Sendable, CaseIterable {
        case mono, stereo, legs
        case unassignedLegs = "unassigned-legs"
    }

    public init(
        id: CallID, sourceSHA256: String, runID: Int64?, metadata: CallMetadata, flags: [CallFlag],
        layout: LayoutKind, agentChannel: Int?, archive: ArchiveRef, durationSeconds: Double,
        ingestedAt: Date, legs: [Leg], metadataFiles: [String]
    ) {
        self.id = id
        self.sourceSHA256 = sourceSHA256
        self.runID = runID
        self.metadata = metadata
        self.flags = flags
        self.layout = layout
        self.agentChannel = agentChannel
        self.archive = archive
        self.durationSeconds = durationSeconds
        self.ingestedAt = ingestedAt
        self.legs = legs
        self.metadataFiles = metadataFiles
    }
}

/// Where a call's Ogg Opus archive lives and what it holds.
public struct ArchiveRef: Codable, Sendable, Equatable {
    /// Path relative to the home's `archive/` folder (`YYYY/MM/DD/<sha256>.opus`).
    public var relativePath: String
    public var sha256: String
    public var bytes: Int64
    public var sampleRate: Int
    public var channels: Int
    /// Frames per channel at `sampleRate`.
    public var frames: Int64
    public var bitratePerChannel: Int
    /// How the file is stored: `ogg-opus` (plain) or `nkchwenc-v1` (Ogg Opus sealed in the segmented AES-256-GCM
    /// envelope; its wrapped data key is in the catalog).
    public var format: ArchiveFormat

    public enum ArchiveFormat: String, Codable, Sendable {
        case oggOpus = "ogg-opus"
        case encryptedV1 = "nkchwenc-v1"
    }

    public init(relativePath: String, sha256: String, bytes: Int64, sampleRate: Int, channels: Int, frames: Int64, bitratePerChannel: Int,
                format: ArchiveFormat = .oggOpus) {
        self.format = format
        self.relativePath = relativePath
        self.sha256 = sha256
        self.bytes = bytes
        self.sampleRate = sampleRate
        self.channels = channels
        self.frames = frames
        self.bitratePerChannel = bitratePerChannel
    }
}

/// One source file of a call (a stereo file, or one leg of a split call).
public struct Leg: Codable, Sendable, Equatable {
    public var index: Int
    /// The party on this leg when the leg is one party's; nil for a stereo or mono file.
    public var party: Party?
    /// Path relative to the drop folder, NFC.
    public var sourcePath: String
    public var sourceSHA256: String
    public var sourceBytes: Int64
    public var container: String
    public var encoding: String
    public var sampleRate: Int
    public var channels: Int
    public var frames: Int64

    public init(index: Int, party: Party?, sourcePath: String, sourceSHA256: String, sourceBytes: Int64,
                container: String, encoding: String, sampleRate: Int, channels: Int, frames: Int64) {
        self.index = index
        self.party = party
        self.sourcePath = sourcePath
        self.sourceSHA256 = sourceSHA256
        self.sourceBytes = sourceBytes
        self.container = container
        self.encoding = encoding
        self.sampleRate = sampleRate
        self.channels = channels
        self.frames = frames
    }
}

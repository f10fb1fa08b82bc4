/// What really is in one generated call: written to `TRUTH/CALLID.truth.json` for accuracy tests.
///
/// Times are seconds from the start of the recording on a 10 ms grid; intervals are `[start, end]`.
/// - `speech`: per party, the 10 ms frames where that party's placed prompts are active by an energy rule
///   (within 35 dB of the prompt's loudest frame), pauses shorter than 200 ms bridged (the analysis's default
///   `bridge_ms`). Leakage into the other channel, noise, clicks and music are never speech.
/// - `hold`: where the agent channel carries music on hold and the caller channel only line noise.
/// - `silences`: every stretch of at least 3 s where neither party speaks and the call is not on hold.
/// - `overlaps`: both parties speak; `interruptions`: one party started while the other was talking.
public struct DemoCallTruth: Codable, Sendable, Equatable {
    public struct Speech: Codable, Sendable, Equatable {
        public var agent: [[Double]]
        public var caller: [[Double]]
    }

    public struct Interruption: Codable, Sendable, Equatable {
        public var at: Double
        /// "agent" or "caller": who cut in.
        public var by: String
        public var overlapS: Double

        enum CodingKeys: String, CodingKey { case at, by, overlapS = "overlap_s" }
    }

    public struct Click: Codable, Sendable, Equatable {
        public var at: Double
        public var party: String
    }

    public struct Transfer: Codable, Sendable, Equatable {
        public var at: Double
        public var detail: String
    }

    public var callID: String
    /// The id the metadata carries (empty when the call has no metadata).
    public var externalID: String
    /// `MetadataFormat` raw value: sidecar-json, asterisk-cdr, freeswitch-cdr, siprec, none.
    public var metadataFormat: String
    /// Metadata files describing the call, relative to the drop folder (Master.csv is shared).
    public var metadataFiles: [String]
    /// Whether the metadata tells about the hold (intervals or a total).
    public var holdInMetadata: Bool
    /// "intervals", "total-only" or "none".
    public var holdMetadata: String
    /// "stereo" or "legs".
    public var layout: String
    /// For legs: agent-caller, in-out, named, siprec-labels.
    public var legNaming: String?
    /// Audio files, relative to the drop folder.
    public var files: [String]
    /// Stereo: the agent's channel (0-based). Legs: nil.
    public var agentChannel: Int?
    /// Legs: each party's file.
    public var agentFile: String?
    public var callerFile: String?
    /// `DemoEncoding` raw value.
    public var encoding: String
    public var sampleRate: Int
    public var durationS: Double
    public var snrDB: Double
    /// "white" or "pink".
    public var noise: String
    public var leakageDB: Double
    public var agentLevelDBFS: Double
    public var callerLevelDBFS: Double
    public var mohTrack: String?
    public var speech: Speech
    public var hold: [[Double]]
    public var silences: [[Double]]
    public var overlaps: [[Double]]
    public var interruptions: [Interruption]
    public var clicks: [Click]
    public var transfer: Transfer?
    public var startTime: String
    public var agentID: String
    public var team: String
    public var department: String
    public var category: String

    enum CodingKeys: String, CodingKey {
        case callID = "call_id", externalID = "external_id", metadataFormat = "metadata_format"
        case metadataFiles = "metadata_files", holdInMetadata = "hold_in_metadata", holdMetadata = "hold_metadata"
        case layout, legNaming = "leg_naming", files, agentChannel = "agent_channel", agentFile = "agent_file"
        case callerFile = "caller_file", encoding, sampleRate = "sample_rate", durationS = "duration_s"
        case snrDB = "snr_db", noise, leakageDB = "leakage_db", agentLevelDBFS = "agent_level_dbfs"
        case callerLevelDBFS = "caller_level_dbfs", mohTrack = "moh_track", speech, hold, silences, overlaps
        case interruptions, clicks, transfer, startTime = "start_time", agentID = "agent_id", team, department
        case category
    }
}

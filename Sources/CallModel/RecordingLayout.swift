/// How the audio of one call is laid out in the drop folder.
public enum RecordingLayout: Sendable, Equatable {
    /// One file, one channel: the parties are mixed.
    case mono(file: String)
    /// One file with two (or more) channels; `agentChannel` nil when metadata does not say.
    case stereo(file: String, agentChannel: Int?)
    /// One file per party (legs of the same call).
    case legs(agent: String, caller: String)
    /// One file per leg, but which leg is the agent is unknown (first listed is archived as channel 0).
    case unassignedLegs(first: String, second: String)

    /// Every audio file, in the order the archive's channels are built from.
    public var files: [String] {
        switch self {
        case .mono(let f): [f]
        case .stereo(let f, _): [f]
        case .legs(let a, let c): [a, c]
        case .unassignedLegs(let a, let b): [a, b]
        }
    }
}

/// One call found in the drop folder: its audio files and the metadata paired with it.
/// Paths are relative to the drop folder.
public struct CallCandidate: Sendable, Equatable {
    public var layout: RecordingLayout
    public var metadata: CallMetadata
    /// Metadata files that described this call (relative paths), for the record.
    public var metadataFiles: [String]

    public init(layout: RecordingLayout, metadata: CallMetadata = .unknown, metadataFiles: [String] = []) {
        self.layout = layout
        self.metadata = metadata
        self.metadataFiles = metadataFiles
    }
}

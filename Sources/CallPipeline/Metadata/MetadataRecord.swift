import CallModel

/// Where to look for a file found by name rather than by path.
public enum SearchScope: Sendable, Equatable {
    /// In the metadata file's own folder (sidecar JSON, SIPREC XML beside their recording).
    case besideMetadata
    /// Anywhere in the drop folder, preferring the metadata file's folder (Asterisk uniqueid, FreeSWITCH uuid:
    /// CDRs are usually written far from the recordings).
    case anywhere
}

/// How the two files of a split recording are named after a stem: `STEM<first>.<ext>` + `STEM<second>.<ext>`.
public struct LegNaming: Sendable, Equatable {
    public var firstSuffix: String
    public var secondSuffix: String
    /// When true the first file is the agent's and the second the caller's; otherwise the roles are unknown.
    public var rolesKnown: Bool

    public init(agent: String, caller: String) {
        self.firstSuffix = agent
        self.secondSuffix = caller
        self.rolesKnown = true
    }

    public init(unassigned first: String, _ second: String) {
        self.firstSuffix = first
        self.secondSuffix = second
        self.rolesKnown = false
    }

    public static let agentCaller = LegNaming(agent: "-agent", caller: "-caller")
}

/// How a metadata record finds its audio in the drop folder.
public indirect enum AudioReference: Sendable, Equatable {
    /// A file the metadata names: relative to the metadata file's folder, or absolute inside the drop folder.
    /// One channel gives a mono layout; two or more a stereo layout with the metadata's agent channel.
    case file(String)
    /// One file per party, named by the metadata (paths as for `file`).
    case legs(agent: String, caller: String)
    /// Named after a stem: `STEM.<audio ext>` (one file), else the first leg naming whose two files both exist.
    case stem(String, legs: [LegNaming], scope: SearchScope)
    /// A file name (with its extension) looked up anywhere in the drop folder, e.g. the basename of
    /// FreeSWITCH's `record_file_path` (the PBX's own path means nothing here).
    case basename(String)
    /// Alternatives tried in order; the first that finds audio wins.
    case anyOf([AudioReference])
}

/// One call described by a metadata file.
public struct MetadataRecord: Sendable, Equatable {
    public var metadata: CallMetadata
    public var audio: AudioReference
    /// 1-based line of the call in a multi-call file (Asterisk CSV), nil otherwise.
    public var line: Int?
    /// True when the file describes exactly this call, so missing audio makes the file unusable (sidecar,
    /// SIPREC, FreeSWITCH CDR). False for a CDR line: Master.csv lists every call, recorded or not, and a line
    /// whose recording is not in the drop folder is simply not a call to archive now.
    public var audioRequired: Bool
    /// For one multi-channel file: the caller's channel when the metadata says which it is (SIPREC: the caller's
    /// stream in document order); nil when the caller is simply the other of channels 0 and 1.
    public var callerChannel: Int?

    public init(metadata: CallMetadata, audio: AudioReference, line: Int? = nil, audioRequired: Bool = true,
                callerChannel: Int? = nil) {
        self.metadata = metadata
        self.audio = audio
        self.line = line
        self.audioRequired = audioRequired
        self.callerChannel = callerChannel
    }
}

/// What an adapter made of one metadata file: the calls it describes, and the lines it had to reject
/// (each with its line number; the other lines were used).
public struct MetadataParseResult: Sendable, Equatable {
    public var records: [MetadataRecord]
    public var rejectedLines: [MetadataError]

    public init(records: [MetadataRecord], rejectedLines: [MetadataError] = []) {
        self.records = records
        self.rejectedLines = rejectedLines
    }
}

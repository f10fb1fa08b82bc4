import Foundation

/// Everything the recorder and PBX told us about a call, normalised across adapters.
/// Unknown fields stay nil; a call without metadata carries `format == .none` and the `noMetadata` flag.
public struct CallMetadata: Codable, Sendable, Equatable {
    /// The recorder's or PBX's own id for the call (Asterisk uniqueid, FreeSWITCH uuid, SIPREC session id, ...).
    public var externalID: String?
    public var startTime: Date?
    public var endTime: Date?
    public var agentID: String?
    public var team: String?
    public var department: String?
    public var category: String?
    public var tags: [String]
    public var direction: CallDirection
    /// Personal data (PIPA): stored in the catalog, never logged, masked for evaluators.
    public var callerNumber: String?
    /// For a stereo recording: the channel index (0-based) carrying the agent; nil when unknown.
    public var agentChannel: Int?
    /// Hold, transfer, ... on the recording's time line.
    public var events: [CallEvent]
    /// Total hold reported by the PBX (FreeSWITCH hold_accum_seconds), when it gives no intervals.
    public var reportedHoldSeconds: Double?
    public var format: MetadataFormat
    /// Problems found while reading the metadata that did not make it unusable (never personal data).
    public var warnings: [String]

    public init(
        externalID: String? = nil, startTime: Date? = nil, endTime: Date? = nil,
        agentID: String? = nil, team: String? = nil, department: String? = nil, category: String? = nil,
        tags: [String] = [], direction: CallDirection = .unknown, callerNumber: String? = nil,
        agentChannel: Int? = nil, events: [CallEvent] = [], reportedHoldSeconds: Double? = nil,
        format: MetadataFormat = .none, warnings: [String] = []
    ) {
        self.externalID = externalID
        self.startTime = startTime
        self.endTime = endTime
        self.agentID = agentID
        self.team = team
        self.department = department
        self.category = category
        self.tags = tags
        self.direction = direction
        self.callerNumber = callerNumber
        self.agentChannel = agentChannel
        self.events = events
        self.reportedHoldSeconds = reportedHoldSeconds
        self.format = format
        self.warnings = warnings
    }

    public static let unknown = CallMetadata()
}

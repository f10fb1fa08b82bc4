import Foundation

/// The sidecar JSON schema (docs/metadata.md, "Drop folder conventions"): snake_case keys, all optional;
/// unknown keys are ignored. `end_time` is accepted besides the documented keys.
public struct SidecarDocument: Codable, Sendable, Equatable {
    public struct Legs: Codable, Sendable, Equatable {
        public var agent: String
        public var caller: String

        public init(agent: String, caller: String) {
            self.agent = agent
            self.caller = caller
        }
    }

    public struct Event: Codable, Sendable, Equatable {
        /// `hold`, `transfer`, `conference` or `note`.
        public var type: String
        /// Seconds from the start of the recording.
        public var start: Double
        public var end: Double?
        public var detail: String?

        public init(type: String, start: Double, end: Double? = nil, detail: String? = nil) {
            self.type = type
            self.start = start
            self.end = end
            self.detail = detail
        }
    }

    public var callID: String?
    /// ISO 8601 with a zone, e.g. `2026-11-23T09:14:05+09:00`.
    public var startTime: String?
    public var endTime: String?
    public var agentID: String?
    public var team: String?
    public var department: String?
    public var category: String?
    public var tags: [String]?
    /// `inbound`, `outbound`, `internal` or `unknown`.
    public var direction: String?
    public var callerNumber: String?
    public var agentChannel: Int?
    /// The recording, relative to the sidecar (not together with `legs`).
    public var audio: String?
    public var legs: Legs?
    public var events: [Event]?

    public init(
        callID: String? = nil, startTime: String? = nil, endTime: String? = nil, agentID: String? = nil,
        team: String? = nil, department: String? = nil, category: String? = nil, tags: [String]? = nil,
        direction: String? = nil, callerNumber: String? = nil, agentChannel: Int? = nil,
        audio: String? = nil, legs: Legs? = nil, events: [Event]? = nil
    ) {
        self.callID = callID
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
        self.audio = audio
        self.legs = legs
        self.events = events
    }

    enum CodingKeys: String, CodingKey {
        case callID = "call_id"
        case startTime = "start_time"
        case endTime = "end_time"
        case agentID = "agent_id"
        case team, department, category, tags, direction
        case callerNumber = "caller_number"
        case agentChannel = "agent_channel"
        case audio, legs, events
    }
}

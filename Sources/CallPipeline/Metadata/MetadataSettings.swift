import CallModel
import Foundation

/// How the metadata adapters read what the recorder and PBX wrote (`metadata:` in the pipeline YAML).
/// Every key is optional: an empty section gives the defaults below.
public struct MetadataSettings: Codable, Sendable, Equatable {
    /// Which leg of an Asterisk Monitor pair (`UNIQUEID-in` / `UNIQUEID-out`) is the agent.
    public enum MonitorLeg: String, Codable, Sendable, CaseIterable {
        case `in`
        case out
    }

    /// IANA time zone for timestamps written without a zone (Asterisk CDR, FreeSWITCH `*_stamp`, some SIPREC SRCs).
    public var timezone: String
    /// Stereo MixMonitor recording (`UNIQUEID.wav`, option `D`): the 0-based channel carrying the agent.
    public var asteriskAgentChannel: Int
    /// Monitor legs: the agent is the `-out` leg (what the agent's channel sent) by default.
    public var asteriskAgentLeg: MonitorLeg
    /// `dcontext` values of calls coming in from the public network: for those the agent is the `dstchannel`
    /// peer and the caller number is `src`.
    public var asteriskInboundContexts: [String]
    /// FreeSWITCH `RECORD_STEREO` recording: the 0-based channel carrying the agent.
    public var freeswitchAgentChannel: Int
    /// Regular expression (case-insensitive) matched against each SIPREC participant's AOR; the participant
    /// that matches is the agent. The default matches `sip:8007@pbx`, `8007@pbx` (3 to 5 digit extensions)
    /// and `sip:agent...@...`; it does not match 6-digit-or-longer numbers, which are external callers.
    public var siprecAgentAORPattern: String
    /// Metadata files larger than this are rejected as too large, without being read.
    public var maxMetadataBytes: Int

    public static let defaultTimezone = CenterTime.defaultZoneIdentifier
    public static let defaultInboundContexts = ["from-pstn", "from-trunk", "from-external", "incoming"]
    public static let defaultAgentAORPattern = #"^(sips?:)?(agent[-_.0-9a-z]*|[0-9]{3,5})@"#
    public static let defaultMaxMetadataBytes = 4 * 1024 * 1024

    public init(
        timezone: String = MetadataSettings.defaultTimezone,
        asteriskAgentChannel: Int = 1,
        asteriskAgentLeg: MonitorLeg = .out,
        asteriskInboundContexts: [String] = MetadataSettings.defaultInboundContexts,
        freeswitchAgentChannel: Int = 1,
        siprecAgentAORPattern: String = MetadataSettings.defaultAgentAORPattern,
        maxMetadataBytes: Int = MetadataSettings.defaultMaxMetadataBytes
    ) {
        self.timezone = timezone
        self.asteriskAgentChannel = asteriskAgentChannel
        self.asteriskAgentLeg = asteriskAgentLeg
        self.asteriskInboundContexts = asteriskInboundContexts
        self.freeswitchAgentChannel = freeswitchAgentChannel
        self.siprecAgentAORPattern = siprecAgentAORPattern
        self.maxMetadataBytes = maxMetadataBytes
    }

    enum CodingKeys: String, CodingKey {
        case timezone
        case asteriskAgentChannel = "asterisk_agent_channel"
        case asteriskAgentLeg = "asterisk_agent_leg"
        case asteriskInboundContexts = "asterisk_inbound_contexts"
        case freeswitchAgentChannel = "freeswitch_agent_channel"
        case siprecAgentAORPattern = "siprec_agent_aor_pattern"
        case maxMetadataBytes = "max_metadata_bytes"
    }

    /// Decodes with a default for every missing key, and rejects values that cannot work
    /// (unknown time zone, negative channel, a pattern that does not compile, a non-positive size).
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let d = MetadataSettings()
        timezone = try c.decodeIfPresent(String.self, forKey: .timezone) ?? d.timezone
        asteriskAgentChannel = try c.decodeIfPresent(Int.self, forKey: .asteriskAgentChannel) ?? d.asteriskAgentChannel
        asteriskAgentLeg = try c.decodeIfPresent(MonitorLeg.self, forKey: .asteriskAgentLeg) ?? d.asteriskAgentLeg
        asteriskInboundContexts = try c.decodeIfPresent([String].self, forKey: .asteriskInboundContexts)
            ?? d.asteriskInboundContexts
        freeswitchAgentChannel = try c.decodeIfPresent(Int.self, forKey: .freeswitchAgentChannel)
            ?? d.freeswitchAgentChannel
        siprecAgentAORPattern = try c.decodeIfPresent(String.self, forKey: .siprecAgentAORPattern)
            ?? d.siprecAgentAORPattern
        maxMetadataBytes = try c.decodeIfPresent(Int.self, forKey: .maxMetadataBytes) ?? d.maxMetadataBytes

        if let problem = problem(), let key = CodingKeys(rawValue: problem.key) {
            throw DecodingError.dataCorrupted(.init(codingPath: [key], debugDescription: problem.message))
        }
    }

    /// The first setting that cannot work, as its YAML key and what is wrong (also for settings built in code).
    public func problem() -> (key: String, message: String)? {
        if TimeZone(identifier: timezone) == nil {
            return ("timezone", "not an IANA time zone identifier (e.g. Asia/Seoul)")
        }
        if asteriskAgentChannel < 0 { return ("asterisk_agent_channel", "must be 0 or more") }
        if freeswitchAgentChannel < 0 { return ("freeswitch_agent_channel", "must be 0 or more") }
        if (try? Regex(siprecAgentAORPattern)) == nil {
            return ("siprec_agent_aor_pattern", "is not a valid regular expression")
        }
        if maxMetadataBytes <= 0 { return ("max_metadata_bytes", "must be a positive number of bytes") }
        return nil
    }

    /// The zone for timestamps without one and for call days (decoding already rejects unknown identifiers).
    var zone: TimeZone {
        CenterTime.zone(timezone)
    }

    /// The compiled agent AOR pattern (case-insensitive), nil if it does not compile.
    var agentAORRegex: Regex<AnyRegexOutput>? {
        (try? Regex(siprecAgentAORPattern))?.ignoresCase()
    }
}

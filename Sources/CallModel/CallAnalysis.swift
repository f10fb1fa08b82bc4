/// Talk, silence, overtalk and hold metrics of one call (times in seconds, on a 10 ms grid).
///
/// JSON (stereo):
/// ```json
/// { "duration_s": 0.0, "channels": 2,
///   "parties": { "agent":  { "talk_s": 0.0, "segments": [[start, end]], "interruptions": 0 },
///                "caller": { "talk_s": 0.0, "segments": [[start, end]], "interruptions": 0 } },
///   "overtalk": { "total_s": 0.0, "count": 0 },
///   "silence":  { "total_s": 0.0, "events": [[start, end]] },
///   "dead_air": { "threshold_s": 10.0, "events": [[start, end]] },
///   "hold":     { "total_s": 0.0, "count": 0, "segments": [ { "start": 0.0, "end": 0.0, "source": "music" } ] },
///   "non_talk_s": 0.0 }
/// ```
/// Mono recordings carry `"channels": 1, "mono": true` and a party-less `"talk": { "talk_s", "segments" }`
/// instead of `parties` and `overtalk` (the parties cannot be told apart on one channel).
public struct CallAnalysis: Codable, Sendable, Equatable {
    public struct Party: Codable, Sendable, Equatable {
        public var talkS: Double
        public var segments: [TimeSpan]
        /// Times this party started talking while the other talked and kept going (see `AnalysisSettings`).
        public var interruptions: Int

        public init(talkS: Double, segments: [TimeSpan], interruptions: Int) {
            self.talkS = talkS
            self.segments = segments
            self.interruptions = interruptions
        }

        enum CodingKeys: String, CodingKey { case talkS = "talk_s", segments, interruptions }
    }

    public struct Parties: Codable, Sendable, Equatable {
        public var agent: Party
        public var caller: Party

        public init(agent: Party, caller: Party) {
            self.agent = agent
            self.caller = caller
        }
    }

    /// Mono: talk of whoever speaks.
    public struct Talk: Codable, Sendable, Equatable {
        public var talkS: Double
        public var segments: [TimeSpan]

        public init(talkS: Double, segments: [TimeSpan]) {
            self.talkS = talkS
            self.segments = segments
        }

        enum CodingKeys: String, CodingKey { case talkS = "talk_s", segments }
    }

    public struct Overtalk: Codable, Sendable, Equatable {
        public var totalS: Double
        public var count: Int

        public init(totalS: Double, count: Int) {
            self.totalS = totalS
            self.count = count
        }

        enum CodingKeys: String, CodingKey { case totalS = "total_s", count }
    }

    public struct Silence: Codable, Sendable, Equatable {
        public var totalS: Double
        public var events: [TimeSpan]

        public init(totalS: Double, events: [TimeSpan]) {
            self.totalS = totalS
            self.events = events
        }

        enum CodingKeys: String, CodingKey { case totalS = "total_s", events }
    }

    public struct DeadAir: Codable, Sendable, Equatable {
        public var thresholdS: Double
        public var events: [TimeSpan]

        public init(thresholdS: Double, events: [TimeSpan]) {
            self.thresholdS = thresholdS
            self.events = events
        }

        enum CodingKeys: String, CodingKey { case thresholdS = "threshold_s", events }
    }

    public enum HoldSource: String, Codable, Sendable {
        /// From the call's metadata (signalling).
        case metadata
        /// Music on one side while the other side did not talk.
        case music
        /// One side digitally silent (muted) for a long stretch while the other side did not talk.
        case silence
        /// Audio the center registered as its hold audio (`nokchwi hold-audio add`), recognised by fingerprint.
        case fingerprint
    }

    public struct HoldSegment: Codable, Sendable, Equatable {
        public var start: Double
        public var end: Double
        public var source: HoldSource

        public init(start: Double, end: Double, source: HoldSource) {
            self.start = start
            self.end = end
            self.source = source
        }
    }

    public struct Hold: Codable, Sendable, Equatable {
        public var totalS: Double
        public var count: Int
        public var segments: [HoldSegment]

        public init(totalS: Double, count: Int, segments: [HoldSegment]) {
            self.totalS = totalS
            self.count = count
            self.segments = segments
        }

        enum CodingKeys: String, CodingKey { case totalS = "total_s", count, segments }
    }

    public var durationS: Double
    public var channels: Int
    /// True for one-channel recordings (then `talk` is set and `parties`/`overtalk` are nil).
    public var mono: Bool
    public var parties: Parties?
    public var talk: Talk?
    public var overtalk: Overtalk?
    public var silence: Silence
    public var deadAir: DeadAir
    public var hold: Hold
    /// Hold plus silence events (Amazon Contact Lens' non-talk time).
    public var nonTalkS: Double

    public init(durationS: Double, channels: Int, mono: Bool, parties: Parties?, talk: Talk?, overtalk: Overtalk?,
                silence: Silence, deadAir: DeadAir, hold: Hold, nonTalkS: Double) {
        self.durationS = durationS
        self.channels = channels
        self.mono = mono
        self.parties = parties
        self.talk = talk
        self.overtalk = overtalk
        self.silence = silence
        self.deadAir = deadAir
        self.hold = hold
        self.nonTalkS = nonTalkS
    }

    enum CodingKeys: String, CodingKey {
        case durationS = "duration_s", channels, mono, parties, talk, overtalk, silence
        case deadAir = "dead_air", hold, nonTalkS = "non_talk_s"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        durationS = try c.decode(Double.self, forKey: .durationS)
        channels = try c.decode(Int.self, forKey: .channels)
        mono = try c.decodeIfPresent(Bool.self, forKey: .mono) ?? false
        parties = try c.decodeIfPresent(Parties.self, forKey: .parties)
        talk = try c.decodeIfPresent(Talk.self, forKey: .talk)
        overtalk = try c.decodeIfPresent(Overtalk.self, forKey: .overtalk)
        silence = try c.decode(Silence.self, forKey: .silence)
        deadAir = try c.decode(DeadAir.self, forKey: .deadAir)
        hold = try c.decode(Hold.self, forKey: .hold)
        nonTalkS = try c.decode(Double.self, forKey: .nonTalkS)
    }

    /// Writes exactly the documented shape: `mono` only when true, `talk` or `parties` + `overtalk`.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(durationS, forKey: .durationS)
        try c.encode(channels, forKey: .channels)
        if mono { try c.encode(true, forKey: .mono) }
        try c.encodeIfPresent(parties, forKey: .parties)
        try c.encodeIfPresent(talk, forKey: .talk)
        try c.encodeIfPresent(overtalk, forKey: .overtalk)
        try c.encode(silence, forKey: .silence)
        try c.encode(deadAir, forKey: .deadAir)
        try c.encode(hold, forKey: .hold)
        try c.encode(nonTalkS, forKey: .nonTalkS)
    }
}

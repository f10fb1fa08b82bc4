import CallDSP
import CallDemo
import CallModel

/// What `AccuracyHarness` measured: per call, overall and per group (SNR, leakage, encoding).
public struct AccuracyReport: Codable, Sendable, Equatable {
    /// Counts that add up across calls; every figure of the report is derived from them.
    public struct Tally: Codable, Sendable, Equatable {
        public var calls = 0
        public var frames = 0
        /// Frames where the analysis and the truth agree, per party.
        public var agentCorrect = 0
        public var callerCorrect = 0
        public var agentTrueTalkS = 0.0
        public var agentMeasuredTalkS = 0.0
        public var callerTrueTalkS = 0.0
        public var callerMeasuredTalkS = 0.0
        /// Sum over calls of |measured − true| talk, per party (for the mean relative error below).
        public var agentTalkAbsErrorS = 0.0
        public var callerTalkAbsErrorS = 0.0
        /// Largest per-call relative talk error, per party.
        public var agentTalkWorstError = 0.0
        public var callerTalkWorstError = 0.0
        /// Calls whose relative talk error exceeds the 3% target, per party.
        public var agentCallsOverTalkTarget = 0
        public var callerCallsOverTalkTarget = 0
        public var holdTrueS = 0.0
        public var holdDetectedS = 0.0
        public var holdOverlapS = 0.0
        /// Talk (either party) measured inside a true hold: music counted as talk when on the agent channel.
        public var musicAsTalkS = 0.0
        /// True talk of each party inside a detected hold (talk lost to a hold), and the largest share of a
        /// party's talk a call lost that way.
        public var agentTalkInHoldS = 0.0
        public var callerTalkInHoldS = 0.0
        public var talkInHoldWorstShare = 0.0
        public var deadAirTrue = 0
        public var deadAirDetected = 0
        public var deadAirMatched = 0
        public var silenceTrue = 0
        public var silenceDetected = 0
        public var silenceMatched = 0
        public var interruptionsTrue = 0
        public var interruptionsMeasured = 0

        public init() {}

        enum CodingKeys: String, CodingKey {
            case calls, frames, agentCorrect = "agent_correct", callerCorrect = "caller_correct"
            case agentTrueTalkS = "agent_true_talk_s", agentMeasuredTalkS = "agent_measured_talk_s"
            case callerTrueTalkS = "caller_true_talk_s", callerMeasuredTalkS = "caller_measured_talk_s"
            case agentTalkAbsErrorS = "agent_talk_abs_error_s", callerTalkAbsErrorS = "caller_talk_abs_error_s"
            case agentTalkWorstError = "agent_talk_worst_error", callerTalkWorstError = "caller_talk_worst_error"
            case agentCallsOverTalkTarget = "agent_calls_over_talk_target"
            case callerCallsOverTalkTarget = "caller_calls_over_talk_target"
            case holdTrueS = "hold_true_s", holdDetectedS = "hold_detected_s", holdOverlapS = "hold_overlap_s"
            case agentTalkInHoldS = "agent_talk_in_hold_s", callerTalkInHoldS = "caller_talk_in_hold_s"
            case talkInHoldWorstShare = "talk_in_hold_worst_share"
            case musicAsTalkS = "music_as_talk_s", deadAirTrue = "dead_air_true", deadAirDetected = "dead_air_detected"
            case deadAirMatched = "dead_air_matched", silenceTrue = "silence_true", silenceDetected = "silence_detected"
            case silenceMatched = "silence_matched", interruptionsTrue = "interruptions_true"
            case interruptionsMeasured = "interruptions_measured"
        }

        public mutating func add(_ o: Tally) {
            calls += o.calls; frames += o.frames
            agentCorrect += o.agentCorrect; callerCorrect += o.callerCorrect
            agentTrueTalkS += o.agentTrueTalkS; agentMeasuredTalkS += o.agentMeasuredTalkS
            callerTrueTalkS += o.callerTrueTalkS; callerMeasuredTalkS += o.callerMeasuredTalkS
            agentTalkAbsErrorS += o.agentTalkAbsErrorS; callerTalkAbsErrorS += o.callerTalkAbsErrorS
            agentTalkWorstError = max(agentTalkWorstError, o.agentTalkWorstError)
            callerTalkWorstError = max(callerTalkWorstError, o.callerTalkWorstError)
            agentCallsOverTalkTarget += o.agentCallsOverTalkTarget
            callerCallsOverTalkTarget += o.callerCallsOverTalkTarget
            holdTrueS += o.holdTrueS; holdDetectedS += o.holdDetectedS; holdOverlapS += o.holdOverlapS
            musicAsTalkS += o.musicAsTalkS
            agentTalkInHoldS += o.agentTalkInHoldS; callerTalkInHoldS += o.callerTalkInHoldS
            talkInHoldWorstShare = max(talkInHoldWorstShare, o.talkInHoldWorstShare)
            deadAirTrue += o.deadAirTrue; deadAirDetected += o.deadAirDetected; deadAirMatched += o.deadAirMatched
            silenceTrue += o.silenceTrue; silenceDetected += o.silenceDetected; silenceMatched += o.silenceMatched
            interruptionsTrue += o.interruptionsTrue; interruptionsMeasured += o.interruptionsMeasured
        }

        public var agentFrameAccuracy: Double { frames > 0 ? Double(agentCorrect) / Double(frames) : 1 }
        public var callerFrameAccuracy: Double { frames > 0 ? Double(callerCorrect) / Double(frames) : 1 }
        /// Total |measured − true| over total true talk (per-call errors do not cancel).
        public var agentTalkError: Double { agentTrueTalkS > 0 ? agentTalkAbsErrorS / agentTrueTalkS : 0 }
        public var callerTalkError: Double { callerTrueTalkS > 0 ? callerTalkAbsErrorS / callerTrueTalkS : 0 }
        public var holdRecall: Double { holdTrueS > 0 ? holdOverlapS / holdTrueS : 1 }
        public var holdPrecision: Double { holdDetectedS > 0 ? holdOverlapS / holdDetectedS : 1 }
        public var deadAirF1: Double { Self.f1(deadAirMatched, deadAirTrue, deadAirDetected) }
        public var silenceF1: Double { Self.f1(silenceMatched, silenceTrue, silenceDetected) }

        static func f1(_ matched: Int, _ truth: Int, _ detected: Int) -> Double {
            if truth == 0 && detected == 0 { return 1 }
            return 2 * Double(matched) / Double(truth + detected)
        }
    }

    public struct CallResult: Codable, Sendable, Equatable {
        enum CodingKeys: String, CodingKey {
            case callID = "call_id", encoding, layout, sampleRate = "sample_rate", snrDB = "snr_db"
            case leakageDB = "leakage_db", holdMetadata = "hold_metadata", durationS = "duration_s"
            case audioOnly = "audio_only", withMetadata = "with_metadata", holds
        }

        public var callID: String
        public var encoding: String
        public var layout: String
        public var sampleRate: Int
        public var snrDB: Double
        public var leakageDB: Double
        public var holdMetadata: String
        public var durationS: Double
        /// Audio only (metadata hold withheld): the hard case.
        public var audioOnly: Tally
        /// With the truth's hold as metadata, for calls whose metadata carries hold.
        public var withMetadata: Tally?
        /// Holds found in the audio only (seconds), to compare with the truth's.
        public var holds: [TimeSpan]?
    }

    public struct Group: Codable, Sendable, Equatable {
        public var name: String
        public var tally: Tally
    }

    enum CodingKeys: String, CodingKey {
        case truthFolder = "truth_folder", calls, overall, overallWithMetadata = "overall_with_metadata"
        case bySNR = "by_snr", byLeakage = "by_leakage", byEncoding = "by_encoding", audioSeconds = "audio_seconds"
        case analysisSeconds = "analysis_seconds"
    }

    public var truthFolder: String
    public var calls: [CallResult]
    public var overall: Tally
    /// Calls whose metadata carries hold, analysed with it.
    public var overallWithMetadata: Tally
    public var bySNR: [Group]
    public var byLeakage: [Group]
    public var byEncoding: [Group]
    /// Seconds of audio analysed and the analysis alone's wall time (decoding excluded).
    public var audioSeconds: Double
    public var analysisSeconds: Double

    /// Leakage buckets (dB): the generator draws -40...-20.
    public static func leakageBucket(_ db: Double) -> String {
        db >= -27 ? "-27...-20 dB" : (db >= -33 ? "-33...-27 dB" : "-40...-33 dB")
    }

    public static func snrBucket(_ db: Double) -> String { "\(Int(db.rounded())) dB" }

    /// Targets of the issue.
    public static let frameAccuracyTarget = 0.97
    public static let holdRecallTarget = 0.95
    public static let talkErrorTarget = 0.03
    public static let deadAirF1Target = 0.95
}

import CallModel

/// How a call's audio is laid out in the drop folder.
enum DemoLayout: Sendable, Equatable {
    /// One two-channel file; `agentChannel` is 0 or 1.
    case stereo(agentChannel: Int)
    /// One mono file per party.
    case legs(DemoLegNaming)

    var isStereo: Bool { if case .stereo = self { true } else { false } }
}

/// How leg files are named (BASE is the call's base name).
enum DemoLegNaming: String, Sendable, Codable {
    /// `BASE-agent.wav` + `BASE-caller.wav` (the sidecar default).
    case agentCaller = "agent-caller"
    /// `BASE-out.wav` (agent: what the PBX sends the caller) + `BASE-in.wav` (caller), as Asterisk Monitor.
    case inOut = "in-out"
    /// `BASE-tx.wav` (agent) + `BASE-rx.wav` (caller), named explicitly in the sidecar's `legs`.
    case named = "named"
    /// `BASE-LABEL.wav` per SIPREC stream label.
    case siprecLabels = "siprec-labels"
}

/// What a call's metadata says about its hold.
enum DemoHoldMetadata: String, Sendable, Codable {
    /// Start and end of every hold (sidecar events, FreeSWITCH hold_events).
    case intervals
    /// Only the total (FreeSWITCH hold_accum_seconds).
    case totalOnly = "total-only"
    /// Nothing: the format cannot say, or it was left out on purpose; hold must be found in the audio.
    case none
}

/// Everything decided about one call before its audio is built.
struct DemoCallPlan: Sendable {
    let index: Int
    /// The generator's own id, used for the truth file: `DEMO-20261123-000001`.
    let callID: String
    let metadata: MetadataFormat
    let layout: DemoLayout
    let encoding: DemoEncoding
    let sampleRate: Int
    /// When the recording starts (the answer), in seconds after local midnight (+09:00).
    let answerSecondOfDay: Int
    /// Ringing before the answer, seconds.
    let ringSeconds: Int
    let agent: DemoDirectory.Agent
    let department: String
    let category: String
    let tags: [String]
    let direction: CallDirection
    let callerNumber: String
    /// Intended length of the recording, seconds (hold included).
    let targetSeconds: Double
    let hasHold: Bool
    let holdMetadata: DemoHoldMetadata
    /// The call ends with a transfer to the department (announced in sidecar metadata only).
    let transferToDepartment: Bool
    /// The id the metadata carries (sidecar call_id, Asterisk uniqueid, FreeSWITCH uuid, SIPREC session id).
    let externalID: String
    /// Folder inside the drop folder.
    let folder: String
    /// Base name of the audio files.
    let base: String
    /// SIPREC: the agent's stream comes first in the document (channel 0 / label "1").
    let agentStreamFirst: Bool
    /// FreeSWITCH: the CDR names its recording in `record_file_path` instead of using `UUID.wav`.
    let namedRecording: Bool

    /// Audio files, relative to the drop folder, keyed by party (both the same file for stereo).
    var files: (agent: String, caller: String) {
        let stem = folder + "/" + base
        switch layout {
        case .stereo: return (stem + ".wav", stem + ".wav")
        case .legs(.agentCaller): return (stem + "-agent.wav", stem + "-caller.wav")
        case .legs(.inOut): return (stem + "-out.wav", stem + "-in.wav")
        case .legs(.named): return (stem + "-tx.wav", stem + "-rx.wav")
        case .legs(.siprecLabels):
            return agentStreamFirst ? (stem + "-1.wav", stem + "-2.wav") : (stem + "-2.wav", stem + "-1.wav")
        }
    }

    var audioFiles: [String] {
        let f = files
        return f.agent == f.caller ? [f.agent] : [f.agent, f.caller]
    }

    var agentChannel: Int? { if case .stereo(let c) = layout { c } else { nil } }
}

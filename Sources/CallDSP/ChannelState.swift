/// Everything the analysis keeps of one channel, frame by frame: its voice activity, music detector and mute
/// tracker, the talk spurts found so far, and the warm-up frames its VAD has not seen yet.
struct ChannelState {
    /// What the VAD reads of one frame: energy after leakage cancellation (low band), the margin the other
    /// party's leak adds to the thresholds, and the crest (clicks).
    struct VADInput {
        var energy: Float
        var margin: Float
        var crest: Float
    }

    private(set) var vad: ChannelVAD
    private(set) var music: MusicDetector
    private(set) var mute: MuteTracker
    /// Talk spurts, bridged.
    private(set) var spurts: [FrameSpan] = []
    /// The first `warmup` frames' VAD inputs: the VAD starts once the noise floor has seen them (a call that
    /// opens with talk would otherwise take its first words for the floor).
    private var held: [VADInput] = []
    /// Lowest frame energy seen during the warm-up (the music detector's provisional floor).
    private var lowest: Float = .greatestFiniteMagnitude
    /// Running low-band share of the channel's energy while it does not talk (its line noise's colour).
    private var noiseShare: Float = Tuning.Core.noiseShareStart

    init(vad: ChannelVAD, music: MusicDetector, mute: MuteTracker, warmup: Int) {
        self.vad = vad
        self.music = music
        self.mute = mute
        held.reserveCapacity(warmup)
    }

    /// Frame `k`: its features `f` and VAD input. During the first `warmup` frames the VAD input is held; the last
    /// of them starts the VAD. Spurts are bridged across pauses shorter than `bridge` frames.
    @inline(__always)
    mutating func step(_ k: Int, _ f: FrameFeatures, _ input: VADInput, warmup: Int, bridge: Int) {
        if k < warmup {
            held.append(input)
            lowest = min(lowest, f.energy)
            if k == warmup - 1 { startVAD(bridge: bridge) }
        } else {
            stepVAD(k, input, bridge: bridge)
        }
        // The music detector works on whole-band energies: its floor is the VAD's low-band floor over the low-band
        // share of the line's noise.
        if !vad.talking { noiseShare += Tuning.Core.noiseShareRate * (f.lowBandShare - noiseShare) }
        let floor = k < warmup ? lowest : vad.floor.floor / noiseShare
        music.step(k, f, floor: max(floor, FrameFeatures.tiny))
        mute.step(k, energy: f.energy)
    }

    @inline(__always)
    private mutating func stepVAD(_ k: Int, _ f: VADInput, bridge: Int) {
        if let s = vad.step(k, energy: f.energy, margin: f.margin, crest: f.crest) {
            Self.add(s, to: &spurts, bridge)
        }
    }

    /// Shows the warm-up frames to the noise floor, then runs the VAD over them.
    private mutating func startVAD(bridge: Int) {
        for f in held { vad.primeFloor(f.energy) }
        for (k, f) in held.enumerated() { stepVAD(k, f, bridge: bridge) }
        held = []
    }

    /// Ends the stream after `frames` frames: a warm-up the recording did not outlast, an open spurt.
    mutating func finish(frames: Int, bridge: Int) {
        if !held.isEmpty { startVAD(bridge: bridge) }
        if let s = vad.finish(frames: frames) { Self.add(s, to: &spurts, bridge) }
    }

    /// Music spans found (call once, after `finish`).
    mutating func musicSpans(frames: Int) -> [MusicSpan] { music.finish(frames: frames) }

    /// Appends a spurt, bridging it to the previous one across a pause shorter than `bridge` frames.
    @inline(__always)
    static func add(_ s: FrameSpan, to list: inout [FrameSpan], _ bridge: Int) {
        if let last = list.last, s.start - last.end < bridge {
            list[list.count - 1].end = max(last.end, s.end)
        } else {
            list.append(s)
        }
    }
}

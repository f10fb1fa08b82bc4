/// The per-frame state of a `CallAnalyzer`, in one value so that a whole block runs inside a single exclusive
/// access (a class's stored properties would be checked at run time on every frame).
struct AnalysisCore {
    let channels: Int
    private let rateTimesMs: Int
    private var carry: [Float]
    private var carryFrames = 0
    /// Frames analysed so far.
    private(set) var frame = 0
    /// Samples per channel received so far.
    private(set) var samples = 0

    /// Per channel analysed (one for mono, else the first two: agent, caller).
    private(set) var states: [ChannelState]
    private var leakage: LeakageEstimator
    private let bridge: Int
    /// Above 8 kHz the music detector also needs lag-4 products.
    private let wide: Bool
    /// Frames the noise floors see before the VADs decide anything.
    private let warmup: Int
    /// Hold-audio codes of the agent's (or mono) channel; nil when no hold audio is registered (nothing is computed).
    private(set) var prints: HoldPrintRecorder?

    init(sampleRate: Int, channels: Int, settings: AnalysisSettings, scale: FrameScale, traceMusic: Bool = false,
         fingerprint: Bool = false) {
        self.channels = channels
        rateTimesMs = sampleRate * scale.frameMs
        carry = [Float](repeating: 0, count: (rateTimesMs / 1000 + 1) * channels)
        leakage = LeakageEstimator(minCorrelation: Float(settings.leakMinCorrelation),
                                   residualShare: dbRatio(settings.leakResidualDB),
                                   marginFactor: dbRatio(settings.leakMarginDB))
        bridge = max(1, scale.frames(ms: settings.bridgeMs))
        wide = sampleRate > 8000
        prints = fingerprint ? HoldPrintRecorder(wide: wide) : nil
        let warmup = max(1, scale.frames(seconds: min(settings.noiseWindowS, Tuning.Core.warmupMaxS)))
        self.warmup = warmup
        let vad = ChannelVAD(ChannelVAD.Parameters(settings, scale: scale))
        var music = MusicDetector(MusicDetector.Parameters(settings, scale: scale, sampleRate: sampleRate))
        if traceMusic { music.trace = [] }
        let mute = MuteTracker(level: dbRatio(settings.muteDBFS), minimum: scale.frames(seconds: settings.holdMinS))
        states = (0..<min(channels, 2)).map { c in
            var m = music
            m.traceChannel = c
            return ChannelState(vad: vad, music: m, mute: mute, warmup: warmup)
        }
    }

    /// Samples in analysis frame `k` (frames follow the exact sample clock, e.g. 110 or 111 at 11025 Hz).
    @inline(__always)
    private func length(of k: Int) -> Int { ((k + 1) * rateTimesMs) / 1000 - (k * rateTimesMs) / 1000 }

    /// `n` interleaved frames at `base`; a frame split across blocks is completed from the next block.
    mutating func process(_ base: UnsafePointer<Float>, frames n: Int) {
        samples += n
        var offset = 0
        if carryFrames > 0 {
            let take = min(length(of: frame) - carryFrames, n)
            carry.withUnsafeMutableBufferPointer { c in
                (c.baseAddress! + carryFrames * channels).update(from: base, count: take * channels)
            }
            carryFrames += take
            offset = take
            guard carryFrames == length(of: frame) else { return }
            flushCarry()
        }
        while true {
            let len = length(of: frame)
            guard n - offset >= len else { break }
            analyse(base + offset * channels, len)
            offset += len
        }
        if offset < n {
            carry.withUnsafeMutableBufferPointer { c in
                c.baseAddress!.update(from: base + offset * channels, count: (n - offset) * channels)
            }
            carryFrames = n - offset
        }
    }

    /// Analyses the carried partial frame (at the end of the recording it is shorter than a frame).
    mutating func flushCarry() {
        guard carryFrames > 0 else { return }
        let copy = carry
        copy.withUnsafeBufferPointer { analyse($0.baseAddress!, carryFrames) }
        carryFrames = 0
    }

    @inline(__always)
    private mutating func analyse(_ p: UnsafePointer<Float>, _ len: Int) {
        let k = frame
        frame += 1
        if channels == 1 {
            let f = FrameFeatures(FrameKernel.mono(p, frames: len))
            if prints != nil { prints!.add(f) }
            let input = ChannelState.VADInput(energy: f.energy * f.lowBandShare, margin: 0, crest: f.crest)
            states[0].step(k, f, input, warmup: warmup, bridge: bridge)
            return
        }
        let (sa, sb, x) = channels != 2 ? FrameKernel.strided(p, frames: len, stride: channels)
            : wide ? FrameKernel.stereo(p, frames: len, wide: true) : FrameKernel.stereo(p, frames: len, wide: false)
        let fa = FrameFeatures(sa)
        let fb = FrameFeatures(sb)
        if prints != nil { prints!.add(fa) }
        let out = leakage.step(ea: fa.energy, eb: fb.energy, x: x / Float(len) - fa.mean * fb.mean)
        let wa = fa.lowBandShare, wb = fb.lowBandShare
        let ia = ChannelState.VADInput(energy: out.residual.0 * wa, margin: out.margin.0 * wa, crest: fa.crest)
        let ib = ChannelState.VADInput(energy: out.residual.1 * wb, margin: out.margin.1 * wb, crest: fb.crest)
        states[0].step(k, fa, ia, warmup: warmup, bridge: bridge)
        states[1].step(k, fb, ib, warmup: warmup, bridge: bridge)
    }

    /// Ends the stream: the partial frame, open spurts. Returns the number of frames.
    mutating func finish() -> Int {
        flushCarry()
        for c in states.indices { states[c].finish(frames: frame, bridge: bridge) }
        return frame
    }

    /// Music spans of each channel (call once, after `finish`).
    mutating func musicSpans() -> [[MusicSpan]] {
        states.indices.map { states[$0].musicSpans(frames: frame) }
    }
}

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

    private(set) var vadA: ChannelVAD
    private(set) var vadB: ChannelVAD
    private var leakage: LeakageEstimator
    private(set) var musicA: MusicDetector
    private(set) var musicB: MusicDetector
    private(set) var muteA: MuteTracker
    private(set) var muteB: MuteTracker
    /// Talk spurts per channel, bridged.
    private(set) var spurtsA: [FrameSpan] = []
    private(set) var spurtsB: [FrameSpan] = []
    private let bridge: Int
    /// Above 8 kHz the music detector also needs lag-4 products.
    private let wide: Bool

    /// The first `warmup` frames' VAD inputs: the VADs start once the noise floor has seen them (a call that
    /// opens with talk would otherwise take its first words for the floor).
    private struct Held {
        var energy: (Float, Float)
        var margin: (Float, Float)
        var crest: (Float, Float)
    }
    private var held: [Held] = []
    private let warmup: Int
    /// Lowest frame energy seen during the warm-up (the music detector's provisional floor).
    private var lowest: (Float, Float) = (.greatestFiniteMagnitude, .greatestFiniteMagnitude)
    /// Running low-band share of each channel's energy while it does not talk (its line noise's colour).
    private var noiseShare: (Float, Float) = (0.5, 0.5)

    init(sampleRate: Int, channels: Int, settings: AnalysisSettings, scale: FrameScale, traceMusic: Bool = false) {
        self.channels = channels
        rateTimesMs = sampleRate * scale.frameMs
        carry = [Float](repeating: 0, count: (rateTimesMs / 1000 + 1) * channels)
        let p = ChannelVAD.Parameters(settings, scale: scale)
        vadA = ChannelVAD(p)
        vadB = vadA
        leakage = LeakageEstimator(minCorrelation: Float(settings.leakMinCorrelation),
                                   residualShare: dbRatio(settings.leakResidualDB),
                                   marginFactor: dbRatio(settings.leakMarginDB))
        musicA = MusicDetector(MusicDetector.Parameters(settings, scale: scale, sampleRate: sampleRate))
        if traceMusic { musicA.trace = [] }
        musicB = musicA
        musicB.traceChannel = 1
        muteA = MuteTracker(level: dbRatio(settings.muteDBFS), minimum: scale.frames(seconds: settings.holdMinS))
        muteB = muteA
        bridge = max(1, scale.frames(ms: settings.bridgeMs))
        wide = sampleRate > 8000
        warmup = max(1, scale.frames(seconds: min(settings.noiseWindowS, 3)))
        held.reserveCapacity(warmup)
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
        let fa: FrameFeatures, fb: FrameFeatures
        let frameIn: Held
        if channels == 1 {
            fa = FrameFeatures(FrameKernel.mono(p, frames: len))
            fb = fa
            frameIn = Held(energy: (fa.energy * fa.lowBandShare, 0), margin: (0, 0), crest: (fa.crest, 0))
        } else {
            let (sa, sb, x) = channels != 2 ? FrameKernel.strided(p, frames: len, stride: channels)
                : wide ? FrameKernel.stereo(p, frames: len, wide: true) : FrameKernel.stereo(p, frames: len, wide: false)
            fa = FrameFeatures(sa)
            fb = FrameFeatures(sb)
            let out = leakage.step(ea: fa.energy, eb: fb.energy, x: x / Float(len) - fa.mean * fb.mean)
            let wa = fa.lowBandShare, wb = fb.lowBandShare
            frameIn = Held(energy: (out.residual.0 * wa, out.residual.1 * wb),
                           margin: (out.margin.0 * wa, out.margin.1 * wb), crest: (fa.crest, fb.crest))
        }
        if k < warmup {
            held.append(frameIn)
            lowest = (min(lowest.0, fa.energy), min(lowest.1, fb.energy))
            if k == warmup - 1 { startVAD() }
        } else {
            stepVAD(k, frameIn)
        }
        // The music detector works on whole-band energies: its floor is the VAD's low-band floor over the low-band
        // share of the line's noise.
        if !vadA.talking { noiseShare.0 += 0.02 * (fa.lowBandShare - noiseShare.0) }
        let floorA = k < warmup ? lowest.0 : vadA.floor.floor / noiseShare.0
        musicA.step(k, fa, floor: max(floorA, FrameFeatures.tiny))
        muteA.step(k, energy: fa.energy)
        guard channels > 1 else { return }
        if !vadB.talking { noiseShare.1 += 0.02 * (fb.lowBandShare - noiseShare.1) }
        let floorB = k < warmup ? lowest.1 : vadB.floor.floor / noiseShare.1
        musicB.step(k, fb, floor: max(floorB, FrameFeatures.tiny))
        muteB.step(k, energy: fb.energy)
    }

    @inline(__always)
    private mutating func stepVAD(_ k: Int, _ f: Held) {
        if let s = vadA.step(k, energy: f.energy.0, margin: f.margin.0, crest: f.crest.0) {
            Self.add(s, to: &spurtsA, bridge)
        }
        guard channels > 1 else { return }
        if let s = vadB.step(k, energy: f.energy.1, margin: f.margin.1, crest: f.crest.1) {
            Self.add(s, to: &spurtsB, bridge)
        }
    }

    /// Shows the warm-up frames to the noise floors, then runs the VADs over them.
    private mutating func startVAD() {
        for f in held {
            vadA.primeFloor(f.energy.0)
            if channels > 1 { vadB.primeFloor(f.energy.1) }
        }
        for (k, f) in held.enumerated() { stepVAD(k, f) }
        held = []
    }

    /// Appends a spurt, bridging it to the previous one across a pause shorter than `bridge` frames.
    @inline(__always)
    static func add(_ s: FrameSpan, to list: inout [FrameSpan], _ bridge: Int) {
        if let last = list.last, s.start - last.end < bridge {
            list[list.count - 1].end = max(last.end, s.end)
        } else {
            list.append(s)
        }
    }

    /// Ends the stream: the partial frame, open spurts. Returns the number of frames.
    mutating func finish() -> Int {
        flushCarry()
        if !held.isEmpty { startVAD() }
        if let s = vadA.finish(frames: frame) { Self.add(s, to: &spurtsA, bridge) }
        if let s = vadB.finish(frames: frame) { Self.add(s, to: &spurtsB, bridge) }
        return frame
    }

    /// Music spans of both channels (call once, after `finish`).
    mutating func musicSpans() -> ([MusicSpan], [MusicSpan]) {
        (musicA.finish(frames: frame), channels > 1 ? musicB.finish(frames: frame) : [])
    }
}

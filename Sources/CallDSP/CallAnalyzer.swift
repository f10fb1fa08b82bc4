/// Streaming analysis of one call: feed decoded blocks of any size with `process`, then `finish`.
///
/// Channel 0 is the agent and channel 1 the caller (the pipeline reorders before calling); one channel is a
/// mono recording (party-less talk); more than two: the first two are analysed. Memory is constant in the call's
/// length except the talk, music and hold lists the result is made of.
public final class CallAnalyzer {
    public let sampleRate: Int
    public let channels: Int
    public let settings: AnalysisSettings
    let scale: FrameScale

    private var carry: [Float]
    private var carryFrames = 0
    private var frame = 0
    private let rateTimesMs: Int

    private var vadA: ChannelVAD
    private var vadB: ChannelVAD
    private var leakage: LeakageEstimator
    private var musicA: MusicDetector
    private var musicB: MusicDetector
    private var muteA: MuteTracker
    private var muteB: MuteTracker
    private var spurtsA: [FrameSpan] = []
    private var spurtsB: [FrameSpan] = []
    private let bridge: Int

    /// `settings` should have passed `validate()`; invalid values are clamped rather than trapped on.
    public init(sampleRate: Int, channels: Int, settings: AnalysisSettings = .init()) {
        precondition(sampleRate > 0 && channels > 0, "a call needs a sample rate and at least one channel")
        self.sampleRate = sampleRate
        self.channels = channels
        self.settings = settings
        scale = FrameScale(frameMs: min(max(settings.frameMs, 5), 40))
        rateTimesMs = sampleRate * scale.frameMs
        let maxFrame = rateTimesMs / 1000 + 1
        carry = [Float](repeating: 0, count: maxFrame * channels)
        let p = ChannelVAD.Parameters(settings, scale: scale)
        vadA = ChannelVAD(p)
        vadB = ChannelVAD(p)
        leakage = LeakageEstimator(minCorrelation: Float(settings.leakMinCorrelation))
        let m = MusicDetector.Parameters(settings, scale: scale, sampleRate: sampleRate)
        musicA = MusicDetector(m)
        musicB = MusicDetector(m)
        bridge = scale.frames(ms: settings.bridgeMs)
        muteA = MuteTracker(level: dbRatio(settings.muteDBFS), minimum: scale.frames(seconds: settings.holdMinS))
        muteB = muteA
    }


    /// Samples in analysis frame `k` (frames follow the exact sample clock, e.g. 110 or 111 at 11025 Hz).
    @inline(__always)
    private func length(of k: Int) -> Int { ((k + 1) * rateTimesMs) / 1000 - (k * rateTimesMs) / 1000 }

    /// Analyses `frames` interleaved frames (`frames × channels` floats); state carries over to the next block.
    public func process(_ interleaved: UnsafeBufferPointer<Float>, frames: Int) {
        guard frames > 0, let base = interleaved.baseAddress else { return }
        let n = min(frames, interleaved.count / channels)
        var offset = 0
        if carryFrames > 0 {
            let need = length(of: frame) - carryFrames
            let take = min(need, n)
            carry.withUnsafeMutableBufferPointer { c in
                (c.baseAddress! + carryFrames * channels).update(from: base, count: take * channels)
            }
            carryFrames += take
            offset = take
            guard carryFrames == length(of: frame) else { return }
            carry.withUnsafeBufferPointer { analyse($0.baseAddress!, carryFrames) }
            carryFrames = 0
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

    @inline(__always)
    private func analyse(_ p: UnsafePointer<Float>, _ len: Int) {
        let k = frame
        frame += 1
        if channels == 1 {
            let f = FrameFeatures(FrameKernel.mono(p, frames: len))
            if let s = vadA.step(k, energy: f.energy, leak: 0, crest: f.crest) { add(s, to: &spurtsA) }
            musicA.step(k, f, floor: vadA.floor.floor)
            muteA.step(k, energy: f.energy)
            return
        }
        let (sa, sb, x) = channels == 2 ? FrameKernel.stereo(p, frames: len)
            : FrameKernel.strided(p, frames: len, stride: channels)
        let fa = FrameFeatures(sa), fb = FrameFeatures(sb)
        let cross = x / Float(len) - fa.mean * fb.mean
        let out = leakage.step(ea: fa.energy, eb: fb.energy, x: cross)
        if let s = vadA.step(k, energy: out.residual.0, leak: out.leak.0, crest: fa.crest) { add(s, to: &spurtsA) }
        if let s = vadB.step(k, energy: out.residual.1, leak: out.leak.1, crest: fb.crest) { add(s, to: &spurtsB) }
        musicA.step(k, fa, floor: vadA.floor.floor)
        musicB.step(k, fb, floor: vadB.floor.floor)
        muteA.step(k, energy: fa.energy)
        muteB.step(k, energy: fb.energy)
    }

    @inline(__always)
    private func add(_ s: FrameSpan, to list: inout [FrameSpan]) {
        if let last = list.last, s.start - last.end < max(bridge, 1) {
            list[list.count - 1].end = max(last.end, s.end)
        } else {
            list.append(s)
        }
    }

    /// Ends the analysis. `metadataHold`: nil when the metadata says nothing about hold (hold is then found in
    /// the audio); otherwise the metadata's holds, authoritative (`[]`: the call had none, nothing is searched).
    /// Music is never talk either way.
    public func finish(metadataHold: [HoldInterval]?) -> CallAnalysis {
        if carryFrames > 0 {
            carry.withUnsafeBufferPointer { analyse($0.baseAddress!, carryFrames) }
            carryFrames = 0
        }
        let frames = frame
        if let s = vadA.finish(frames: frames) { add(s, to: &spurtsA) }
        if let s = vadB.finish(frames: frames) { add(s, to: &spurtsB) }
        let metrics = CallMetrics(settings: settings, scale: scale)
        let finder = HoldFinder(settings: settings, scale: scale)
        let musicSpansA = finder.grow(musicA.finish(frames: frames), with: spurtsA)
        let musicSpansB = channels > 1 ? finder.grow(musicB.finish(frames: frames), with: spurtsB) : []
        let agent = SpanMath.subtract(spurtsA, musicSpansA)
        let caller = SpanMath.subtract(spurtsB, musicSpansB)
        let holds: [CallMetrics.Hold]
        if let metadataHold {
            holds = metrics.metadataHolds(metadataHold, frames: frames)
        } else if channels == 1 {
            holds = finder.holds(music: [musicSpansA], talk: [agent], muted: [muteA.spans], frames: frames)
        } else {
            holds = finder.holds(music: [musicSpansA, musicSpansB], talk: [agent, caller],
                                 muted: [muteA.spans, muteB.spans], frames: frames)
        }
        if channels == 1 { return metrics.mono(frames: frames, talk: agent, holds: holds) }
        return metrics.stereo(frames: frames, agent: agent, caller: caller, holds: holds)
    }
}

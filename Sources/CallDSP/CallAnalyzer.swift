import CallModel

/// Streaming analysis of one call: feed decoded blocks of any size with `process`, then `finish` once.
///
/// Channel 0 is the agent and channel 1 the caller (the pipeline reorders before calling); one channel is a
/// mono recording (party-less talk); more than two: the first two are analysed. Memory is constant in the call's
/// length except the talk, music and hold lists the result is made of (a few hundred bytes a minute).
public final class CallAnalyzer {
    public let sampleRate: Int
    public let channels: Int
    public let settings: AnalysisSettings
    let scale: FrameScale
    private var core: AnalysisCore
    /// Set by the first `finish`: frames analysed and music spans found.
    private var ended: (frames: Int, musicA: [MusicSpan], musicB: [MusicSpan])?

    /// `settings` should have passed `validate()`; the frame length is clamped to 5...40 ms. `traceMusic`: keep the
    /// music detector's blocks for `musicTrace` (diagnostics).
    public init(sampleRate: Int, channels: Int, settings: AnalysisSettings = .init(), traceMusic: Bool = false) {
        precondition(sampleRate > 0 && channels > 0, "a call needs a sample rate and at least one channel")
        self.sampleRate = sampleRate
        self.channels = channels
        self.settings = settings
        scale = FrameScale(frameMs: min(max(settings.frameMs, 5), 40))
        core = AnalysisCore(sampleRate: sampleRate, channels: channels, settings: settings, scale: scale,
                            traceMusic: traceMusic)
    }

    /// The music detector's blocks of both channels (agent first), when made with `traceMusic`; complete after
    /// `finish`.
    public var musicTrace: [MusicTraceRow] {
        (core.musicA.trace ?? []) + (channels > 1 ? core.musicB.trace ?? [] : [])
    }

    /// Analyses `frames` interleaved frames (`frames × channels` floats, any block size); the state carries
    /// over to the next block, so the same recording gives the same result whatever the blocks.
    public func process(_ interleaved: UnsafeBufferPointer<Float>, frames: Int) {
        guard ended == nil, frames > 0, let base = interleaved.baseAddress else { return }
        core.process(base, frames: min(frames, interleaved.count / channels))
    }

    /// Ends the analysis.
    ///
    /// `metadataHold`: nil when the metadata says nothing about hold intervals; hold is then found in the audio
    /// (music on one side while the other does not talk, or one side muted). Otherwise the metadata's holds are
    /// authoritative and nothing is searched (`[]`: the call had no hold). A total without intervals
    /// (FreeSWITCH `hold_accum_seconds`) says nothing about where: pass nil. Music is never talk either way.
    ///
    /// May be called again (with other metadata, say): the audio is not analysed twice, and blocks given to
    /// `process` after the first `finish` are ignored.
    public func finish(metadataHold: [HoldInterval]?) -> CallAnalysis {
        if ended == nil {
            let frames = core.finish()
            let (a, b) = core.musicSpans()
            ended = (frames, a, b)
        }
        let (frames, rawMusicA, rawMusicB) = ended!
        let metrics = CallMetrics(settings: settings, scale: scale, samples: core.samples, sampleRate: sampleRate)
        let finder = HoldFinder(settings: settings, scale: scale)
        var musicA = finder.grow(rawMusicA, with: core.spurtsA)
        var musicB = finder.grow(rawMusicB, with: core.spurtsB)
        let given = metadataHold.map { metrics.metadataHolds($0, frames: frames) }
        if let given {
            // The metadata knows where the hold is: music overlapping a hold ends with it.
            let spans = given.map(\.span)
            musicA = finder.clip(musicA, to: spans)
            musicB = finder.clip(musicB, to: spans)
        }
        // Music is never talk, nor the line noise just after it.
        let agent = SpanMath.subtract(core.spurtsA, SpanMath.union(musicA + rawMusicA.flatMap(\.lineAfter)))
        let caller = SpanMath.subtract(core.spurtsB, SpanMath.union(musicB + rawMusicB.flatMap(\.lineAfter)))
        let holds: [CallMetrics.Hold]
        if let given {
            holds = given
        } else if channels == 1 {
            holds = finder.holds(music: [musicA], talk: [agent], muted: [core.muteA.spans], frames: frames)
        } else {
            holds = finder.holds(music: [musicA, musicB], talk: [agent, caller],
                                 muted: [core.muteA.spans, core.muteB.spans], frames: frames)
        }
        if channels == 1 { return metrics.mono(frames: frames, talk: agent, holds: holds) }
        return metrics.stereo(frames: frames, agent: agent, caller: caller, holds: holds)
    }
}

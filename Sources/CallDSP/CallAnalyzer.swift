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
    /// Set by the first `finish`: frames analysed and music spans found per channel.
    private var ended: (frames: Int, music: [[MusicSpan]])?

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
        core.states.flatMap { $0.music.trace ?? [] }
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
            ended = (frames, core.musicSpans())
        }
        let (frames, rawMusic) = ended!
        let metrics = CallMetrics(settings: settings, scale: scale, samples: core.samples, sampleRate: sampleRate)
        let finder = HoldFinder(settings: settings, scale: scale)
        let states = core.states
        var music = zip(rawMusic, states).map { finder.grow($0, with: $1.spurts) }
        let given = metadataHold.map { metrics.metadataHolds($0, frames: frames) }
        if let given {
            // The metadata knows where the hold is: music overlapping a hold ends with it.
            let spans = given.map(\.span)
            music = music.map { finder.clip($0, to: spans) }
        }
        // Music is never talk, nor the line noise just after it.
        let talk = states.indices.map {
            SpanMath.subtract(states[$0].spurts, SpanMath.union(music[$0] + rawMusic[$0].flatMap(\.lineAfter)))
        }
        let holds = given ?? finder.holds(music: music, talk: talk, muted: states.map(\.mute.spans), frames: frames)
        if channels == 1 { return metrics.mono(frames: frames, talk: talk[0], holds: holds) }
        return metrics.stereo(frames: frames, agent: talk[0], caller: talk[1], holds: holds)
    }
}

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
    /// Set by the first `finish`: frames analysed, music spans and hold-audio passages found per channel.
    private var ended: (frames: Int, music: [[MusicSpan]], prints: [[FrameSpan]]?)?
    /// The registered hold audio, when there is some and the rate and frame allow matching it.
    private let holdAudio: HoldAudioLibrary?

    /// `settings` should have passed `validate()`; the frame length is clamped to 5...40 ms. `traceMusic`: keep the
    /// music detector's blocks for `musicTrace` (diagnostics). `holdAudio`: the center's registered hold audio, found
    /// by fingerprint (8 or 16 kHz, 10 ms frames; ignored otherwise, and when empty: the analysis is then exactly the
    /// one without it).
    public init(sampleRate: Int, channels: Int, settings: AnalysisSettings = .init(), traceMusic: Bool = false,
                holdAudio: HoldAudioLibrary? = nil) {
        precondition(sampleRate > 0 && channels > 0, "a call needs a sample rate and at least one channel")
        self.sampleRate = sampleRate
        self.channels = channels
        self.settings = settings
        let scale = FrameScale(frameMs: min(max(settings.frameMs, 5), 40))
        self.scale = scale
        let usable = holdAudio.flatMap {
            !$0.isEmpty && HoldAudioLibrary.supports(sampleRate: sampleRate, frameMs: scale.frameMs) ? $0 : nil
        }
        self.holdAudio = usable
        core = AnalysisCore(sampleRate: sampleRate, channels: channels, settings: settings, scale: scale,
                            traceMusic: traceMusic, fingerprint: usable != nil)
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
            // The agent's channel only (`HoldPrintRecorder`).
            let prints = holdAudio.map { library in
                [HoldPrintMatcher(library: library).spans(core.prints!.codes, frames: frames)]
                    + [[FrameSpan]](repeating: [], count: core.states.count - 1)
            }
            ended = (frames, core.musicSpans(), prints)
        }
        let (frames, rawMusic, matched) = ended!
        var prints = matched
        let metrics = CallMetrics(settings: settings, scale: scale, samples: core.samples, sampleRate: sampleRate)
        let finder = HoldFinder(settings: settings, scale: scale)
        let states = core.states
        var music = zip(rawMusic, states).map { finder.grow($0, with: $1.spurts) }
        let given = metadataHold.map { metrics.metadataHolds($0, frames: frames) }
        if let given {
            // The metadata knows where the hold is: music overlapping a hold ends with it.
            let spans = given.map(\.span)
            music = music.map { finder.clip($0, to: spans) }
            prints = prints?.map { finder.clip($0, to: spans) }
        }
        // Music is never talk, nor the line noise just after it, nor the registered hold audio.
        let talk = states.indices.map {
            SpanMath.subtract(states[$0].spurts,
                              SpanMath.union(music[$0] + rawMusic[$0].flatMap(\.lineAfter) + (prints?[$0] ?? [])))
        }
        let holds = given ?? finder.holds(music: music, talk: talk, muted: states.map(\.mute.spans), prints: prints,
                                          frames: frames)
        if channels == 1 { return metrics.mono(frames: frames, talk: talk[0], holds: holds) }
        return metrics.stereo(frames: frames, agent: talk[0], caller: talk[1], holds: holds)
    }
}

import CallModel

/// Turns per-channel talk spurts, music and hold into the call's metrics.
struct CallMetrics {
    let settings: AnalysisSettings
    let scale: FrameScale
    /// The recording's length: samples per channel at `sampleRate`, rounded to 10 ms.
    let durationS: Double

    init(settings: AnalysisSettings, scale: FrameScale, samples: Int, sampleRate: Int) {
        self.settings = settings
        self.scale = scale
        durationS = (Double(samples) * 100 / Double(max(1, sampleRate))).rounded() / 100
    }

    struct Hold {
        var span: FrameSpan
        var source: CallAnalysis.HoldSource
    }

    /// Frame spans in seconds; the last one ends with the recording (its last frame may be partial).
    func seconds(_ spans: [FrameSpan]) -> [TimeSpan] {
        spans.map { TimeSpan(min(scale.seconds($0.start), durationS), min(scale.seconds($0.end), durationS)) }
    }

    /// Total length of spans in seconds (clipped like `seconds`).
    func total(_ spans: [FrameSpan]) -> Double {
        ((seconds(spans).reduce(0) { $0 + $1.duration }) * 100).rounded() / 100
    }

    /// Metadata holds (nil: none given) as frame spans clipped to the recording.
    func metadataHolds(_ holds: [HoldInterval], frames: Int) -> [Hold] {
        let spans = holds.compactMap { h -> FrameSpan? in
            let s = max(0, min(frames, scale.frames(seconds: h.start)))
            let e = max(0, min(frames, scale.frames(seconds: h.end)))
            return e > s ? FrameSpan(s, e) : nil
        }
        return SpanMath.union(spans).map { Hold(span: $0, source: .metadata) }
    }

    func holdSection(_ holds: [Hold]) -> CallAnalysis.Hold {
        let spans = seconds(holds.map(\.span))
        let segments = zip(spans, holds).map {
            CallAnalysis.HoldSegment(start: $0.0.start, end: $0.0.end, source: $0.1.source)
        }
        return CallAnalysis.Hold(totalS: total(holds.map(\.span)), count: holds.count, segments: segments)
    }

    /// Silence events (nobody talks, outside hold, at least `silence_min_s`) and the dead air among them.
    func silence(frames: Int, talk: [FrameSpan], holds: [Hold]) -> (CallAnalysis.Silence, CallAnalysis.DeadAir) {
        let events = SpanMath.gaps(length: frames, busy: talk + holds.map(\.span),
                                   minimum: max(1, scale.frames(seconds: settings.silenceMinS)))
        let deadMin = scale.frames(seconds: settings.deadAirS)
        let dead = events.filter { $0.count >= deadMin }
        return (CallAnalysis.Silence(totalS: total(events), events: seconds(events)),
                CallAnalysis.DeadAir(thresholdS: settings.deadAirS, events: seconds(dead)))
    }

    /// Spurts of `party` that start while `other` talks (and had started before) and last at least
    /// `interruption_min_s`.
    func interruptions(by party: [FrameSpan], of other: [FrameSpan]) -> Int {
        let minimum = scale.frames(seconds: settings.interruptionMinS)
        var count = 0
        var j = 0
        for s in party where s.count >= minimum {
            while j < other.count, other[j].end <= s.start { j += 1 }
            if j < other.count, other[j].start < s.start { count += 1 }
        }
        return count
    }

    func stereo(frames: Int, agent: [FrameSpan], caller: [FrameSpan], holds: [Hold]) -> CallAnalysis {
        let overlap = SpanMath.intersection(agent, caller)
        let (silence, dead) = silence(frames: frames, talk: agent + caller, holds: holds)
        let hold = holdSection(holds)
        func party(_ spans: [FrameSpan], _ other: [FrameSpan]) -> CallAnalysis.Party {
            CallAnalysis.Party(talkS: total(spans), segments: seconds(spans),
                               interruptions: interruptions(by: spans, of: other))
        }
        return CallAnalysis(
            durationS: durationS, channels: 2, mono: false,
            parties: .init(agent: party(agent, caller), caller: party(caller, agent)), talk: nil,
            overtalk: .init(totalS: total(overlap), count: overlap.count),
            silence: silence, deadAir: dead, hold: hold,
            nonTalkS: ((hold.totalS + silence.totalS) * 100).rounded() / 100)
    }

    func mono(frames: Int, talk: [FrameSpan], holds: [Hold]) -> CallAnalysis {
        let (silence, dead) = silence(frames: frames, talk: talk, holds: holds)
        let hold = holdSection(holds)
        return CallAnalysis(
            durationS: durationS, channels: 1, mono: true, parties: nil,
            talk: .init(talkS: total(talk), segments: seconds(talk)), overtalk: nil,
            silence: silence, deadAir: dead, hold: hold,
            nonTalkS: ((hold.totalS + silence.totalS) * 100).rounded() / 100)
    }
}

/// Span emission for one channel's music detector: the runs `MusicRun` closes become `MusicSpan`s.
///
/// A closed run is kept pending until the next run starts (with no opening of the line between them the two are
/// one: a passage of music that scored as speech) or until an opening after it lies beyond any later run's reach.
/// Then it is split at the openings inside it, the pieces that do not score as music are dropped (an agent checking
/// back on a held caller), pieces with only a short opening between them are joined again (a quiet passage of the
/// music passed for the line), and each span is bounded by the openings around it.
struct MusicSpanEmitter {
    let p: MusicDetector.Parameters
    /// The last run closed and its plainly musical windows.
    private(set) var pending: (span: FrameSpan, strong: Int)?
    private(set) var spans: [MusicSpan] = []

    init(_ p: MusicDetector.Parameters) { self.p = p }

    /// A run closed as music: pending until the next run starts or an opening settles it.
    mutating func hold(_ run: FrameSpan, strong: Int) { pending = (run, strong) }

    /// A run starts at `runStart`: the pending run joins it when no opening lies between them (and the line noise
    /// is known; the result is the joined run's start and its plainly musical windows), otherwise it is final.
    mutating func join(runStart: Int, scorer s: MusicBlockScorer) -> (start: Int, strong: Int)? {
        guard let q = pending else { return nil }
        pending = nil
        if s.openLine.ready, q.span.end >= s.history.oldest,
           !s.openLine.hasOpening(from: q.span.end, to: runStart) {
            return (q.span.start, q.strong)
        }
        emit(q.span, scorer: s)
        return nil
    }

    /// Outside a run, at frame `end`: a pending run with an opening after it that no later run can reach back
    /// over joins no later run: it is final. (Kept until the next run, it would keep every block and opening since
    /// it.)
    mutating func settle(at end: Int, scorer s: MusicBlockScorer) {
        if let q = pending, end - p.history >= q.span.end + p.recovery,
           s.openLine.hasOpening(from: q.span.end, to: end - p.history) {
            pending = nil
            emit(q.span, scorer: s)
        }
    }

    /// The spans found (call once, at the end, after the last run closed).
    mutating func finish(scorer s: MusicBlockScorer) -> [MusicSpan] {
        if let q = pending { emit(q.span, scorer: s) }
        pending = nil
        return spans
    }

    /// A finished run's spans: split at the openings inside it, keeping the pieces whose blocks (those at least
    /// half inside) score as music (`MusicBlockScorer.scoresAsMusic`: a track that scores weakly all through stays
    /// music; an agent's words score far under). Two music pieces with only a short opening between them stay one:
    /// under `music_gap_ms` (the pause a hold's edges have), or under `joinOpening` when the blocks on both sides
    /// of it score plainly as music (a quiet passage of the music passed for the line's noise). An agent's words
    /// after an opening keep the pieces apart. Each span's growth stops at the nearest openings around it.
    private mutating func emit(_ run: FrameSpan, scorer s: MusicBlockScorer) {
        let inside = s.openLine.openings(from: run.start, to: run.end)
        var kept: [FrameSpan] = []
        var previousKept = false
        for piece in SpanMath.subtract([run], inside) {
            let sum = s.ledger.sum(from: piece.start, to: piece.end)
            guard inside.isEmpty || s.scoresAsMusic(sum.value, sum.count, dipped: sum.dipped) else {
                previousKept = false
                continue
            }
            if previousKept, let last = kept.last, piece.start - last.end < p.gap
                || (piece.start - last.end < p.joinOpening
                    && s.plainlyMusic(from: last.end - p.joinOpening, to: last.end)
                    && s.plainlyMusic(from: piece.start, to: piece.start + p.joinOpening)) {
                kept[kept.count - 1].end = piece.end
            } else {
                kept.append(piece)
            }
            previousKept = true
        }
        let openings = s.openLine.openings
        for piece in kept {
            // The smoothed tilt lags the music's first frames by a few: the opening reaches a little into the music.
            let before = openings.last { $0.end <= piece.start }
                .map { $0.end - p.openingFrames / Tuning.MusicRun.openingLagDivisor } ?? .min
            let after = openings.first { $0.start >= piece.end }?.start ?? .max
            var span = MusicSpan(piece, earliest: before, latest: after)
            span.lineAfter = s.openLine.openings(from: piece.end, to: piece.end + p.recovery)
            spans.append(span)
        }
    }
}

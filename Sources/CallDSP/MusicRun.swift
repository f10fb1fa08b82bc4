/// The run state machine of one channel's music detector: a run of windows that score as music, from its start
/// (put on the pause before the music) through its pauses and resumptions to its end (the pause after the music).
///
/// - Outside a run, a full window starts one when it scores above `music_score_min`, or above it minus the
///   hysteresis while it dips under the line noise (a track that scores weakly but falls silent between notes).
/// - Inside, the run goes on while its windows score above the hysteresis or dip; `Tuning.MusicRun.maxMiss` windows
///   may fail before it closes.
/// - The run's music stops with a pair of blocks that does not score as music on average; it resumes only when
///   the blocks since then score as music on average (speech after a hold can score music-like for a block or two
///   while the window still remembers the music), or with two plainly musical blocks in a row.
/// - A closed run long enough, with enough plainly musical windows (or the line closed all through it), goes to
///   the `MusicSpanEmitter` as its pending run.
struct MusicRun {
    let p: MusicDetector.Parameters
    /// The run's first frame; -1 outside a run.
    private(set) var start = -1
    /// The end of the run's last block that counted as music.
    private(set) var end = 0
    /// The run's music has stopped (a pair of blocks scored as speech or noise).
    private(set) var paused = false
    /// Blocks since the run's music stopped.
    private var pausedBlocks = 0
    private var miss = 0
    /// Windows of the run scoring plainly as music (a run needs `Tuning.MusicRun.minStrong` of them).
    private var strong = 0
    /// The run's start was put on a pause (diagnostics).
    private(set) var startOnPause = false

    init(_ p: MusicDetector.Parameters) { self.p = p }

    /// Inside a run.
    var isOpen: Bool { start >= 0 }

    /// One more block scored, ending at frame `blockEnd`; `scorer` holds it in its window.
    mutating func advance(blockEnd: Int, scorer s: MusicBlockScorer, emitter: inout MusicSpanEmitter) {
        typealias R = Tuning.MusicRun
        let window = s.window
        let mean = window.mean
        let score = mean.score
        // Hysteresis: a run starts above `scoreMin`, or above `scoreMin - hysteresis` with a share of its frames
        // dipping under the line noise; it goes on above `scoreMin - hysteresis` (lively passages) or while the
        // channel dips under its line noise (a window without music hardly ever does).
        let windowIsMusic = window.isFull && mean.sound > Tuning.MusicScoring.soundShareMin
            && (start < 0 ? score > p.scoreMin || (score > p.scoreMin - R.hysteresis && mean.dips > R.startDipShare)
                          : (score > p.scoreMin - R.hysteresis || mean.dips > R.holdDipShare))
        if windowIsMusic {
            if start < 0 { begin(blockEnd: blockEnd, scorer: s, emitter: &emitter) }
            // The run's music ends with its last pair of blocks scoring as music on average (a single block of
            // speech can), or its last block dipping under the line noise; once it has stopped, it resumes only
            // as `resumes` says.
            pausedBlocks = paused ? pausedBlocks + 1 : 0
            if !paused {
                if s.musicValue(window[back: 0].stats) + s.musicValue(window[back: 1].stats) > 2 * p.scoreMin {
                    end = blockEnd
                } else {
                    paused = true
                }
            } else if resumes(s) {
                paused = false
                end = blockEnd
            }
            // A window dipping under the line noise is as plain: an open line never falls 10 dB under its noise.
            if score > p.scoreMin || mean.dips > R.holdDipShare { strong += 1 }
            miss = 0
        } else if start >= 0 {
            miss += 1
            if miss > R.maxMiss { close(scorer: s, emitter: &emitter) }
        }
    }

    /// A run starts: at the window's first block from which every block looks like music (a single block is
    /// noisier than a window: the hysteresis's slack; a block dipping under the line noise counts, as for the end),
    /// then at the nearest pause before that block's end (the pause between the agent's last words and the music
    /// often straddles a block's start).
    private mutating func begin(blockEnd: Int, scorer s: MusicBlockScorer, emitter: inout MusicSpanEmitter) {
        start = s.blockStart
        for back in 0..<s.window.count {
            let (stats, blockStart) = s.window[back: back]
            guard s.musicValue(stats) > p.scoreMin - Tuning.MusicRun.hysteresis else { break }
            start = blockStart
        }
        let (found, onPause) = s.history.start(before: start + p.block, reach: p.startReach,
                                               fallback: p.startFallback, line: s.line)
        start = onPause ? quietPassages(before: found, from: start + p.block - p.startReach - p.gap, scorer: s)
                        : min(start, found)
        startOnPause = onPause
        // No pause within reach: the music may have sounded like speech for longer (a track's intro). The line was
        // last open at the end of the last opening before the run: the music started after it.
        if !onPause, let open = s.openLine.openings.last(where: { $0.end <= start }),
           open.end >= blockEnd - p.history {
            start = open.end
            startOnPause = true
        }
        end = blockEnd
        // Without an opening of the line since the pending run, the two are one.
        if let joined = emitter.join(runStart: start, scorer: s) {
            start = joined.start
            strong += joined.strong
        }
    }

    /// A start put on a pause moves back over the pauses before it while the blocks between, more than
    /// `shortPiece` of them, score above `scoreMin` on average (what a run needs to start): a quiet passage of the
    /// music that passes for the line's noise (more often on an Opus archive, whose coding takes the passage's
    /// detail away) is not where the music started. The hysteresis is not enough here: an agent's words just
    /// before a hold can average above it over a few blocks.
    private func quietPassages(before start: Int, from limit: Int, scorer s: MusicBlockScorer) -> Int {
        let pauses = s.history.pauses(from: limit, before: start, line: s.line)
        guard var passage = pauses.first, passage.end == start else { return start }
        var start = start
        for pause in pauses.dropFirst() {
            let between = s.ledger.sum(from: pause.end, to: passage.start)
            guard between.count > Tuning.MusicRun.shortPiece, between.value > Float(between.count) * p.scoreMin
            else { break }
            start = pause.end
            passage = pause
        }
        return start
    }

    /// The blocks since the run's music stopped (at least `resumeBlocks`) score as music on average, the newest
    /// too; or the last two blocks are plainly music (a quiet or percussive passage scored as speech for a block).
    private func resumes(_ s: MusicBlockScorer) -> Bool {
        typealias R = Tuning.MusicRun
        let window = s.window
        if pausedBlocks >= R.resumePairBlocks, window.count >= 2,
           s.musicValue(window[back: 0].stats) > p.scoreMin + R.resumePairMargin,
           s.musicValue(window[back: 1].stats) > p.scoreMin + R.resumePairMargin { return true }
        let n = min(R.resumeBlocks, window.count)
        guard pausedBlocks >= n, s.musicValue(window[back: 0].stats) > p.scoreMin else { return false }
        var sum: Float = 0
        for i in 0..<n { sum += s.musicValue(window[back: i].stats) }
        return sum > Float(n) * p.scoreMin
    }

    /// Closes the run at the first pause after its last block that counted and hands it to `emitter` when it is
    /// music: at least `music_min_s` long, with `minStrong` plainly musical windows, or `closedStrong` and the line
    /// closed all through it (no opening, line noise in at most 1 frame in `closedLineFrames`). Speech that long
    /// pauses on the line's noise, if only for a few frames between words; music on hold seldom reaches the line's
    /// level and shape. An Opus archive's pink line noise is not always found, so a run with fewer plainly musical
    /// windows is never taken on that alone.
    mutating func close(scorer s: MusicBlockScorer, emitter: inout MusicSpanEmitter) {
        typealias R = Tuning.MusicRun
        // The end of the last block that counted: the music stopped somewhere in it or goes on in a spurt of
        // sound that started before it. The end is the first pause from that block's start on (within
        // `startFallback`; not when those frames are no longer held); `HoldFinder.grow` follows the spurt.
        let line = s.line
        var closing = end
        if let pause = s.history.pauseStart(after: end - p.block, reach: p.startFallback, line: line) {
            closing = max(start + 1, pause)
        } else if s.openLine.ready,
                  let glimpse = s.history.pauseStart(after: end, reach: p.startFallback, line: line,
                                                     length: p.glimpse) {
            // No pause: the music went on after its last music-like blocks (a track's end can score as speech for
            // seconds) until the line's noise came back, if only for a moment before the agent's words.
            closing = glimpse
        }
        // The music may have gone on after its last music-like blocks, in blocks that score as music only on
        // average: up to the line's next opening, when the blocks before it score as music on average (the run's
        // own hysteresis, as for the emitter's pieces; the agent's words after a hold score far under it).
        if let open = s.openLine.openings.first(where: { $0.start > closing }) {
            let sum = s.ledger.sum(from: closing, to: open.start)
            if s.scoresAsMusic(sum.value, sum.count) { closing = open.start }
        }
        let inside = s.ledger.sum(from: start + p.gap, to: closing - p.gap)
        let closed = strong >= R.closedStrong && s.openLine.ready
            && !s.openLine.hasOpening(from: start + p.gap, to: closing - p.gap)
            && inside.line * R.closedLineFrames <= inside.count * p.block
        if closing - start >= p.minFrames, strong >= R.minStrong || closed {
            emitter.hold(FrameSpan(start, closing), strong: strong)
        }
        start = -1
        miss = 0
        strong = 0
        paused = false
        pausedBlocks = 0
    }
}

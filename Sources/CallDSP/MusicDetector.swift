/// Finds music in one channel.
///
/// Speech changes its spectrum every few tens of milliseconds (voiced, unvoiced, pauses) and its level with the
/// syllables (about 4 Hz); music holds its timbre and rarely stops between words. Four cheap measures capture that:
/// the frame-to-frame change of the lag-1 and lag-2 autocorrelations (spectral tilt flux), the 2-8 Hz modulation
/// of the level in dB, and the share of frames more than 6 dB under their block's mean energy (the pauses between
/// words; it keeps Opus-coded speech, whose tilt flux the codec smooths, from scoring as music). Averaged over a
/// sliding window of blocks they give a music score (`Model`); a run of windows starting above `music_score_min`
/// and going on above it minus 2, at least `music_min_s` long, is a music span. Its edges are then moved to the
/// nearest pause of `music_gap_ms` (a hold starts and ends with one): frames at the line's own noise level, which
/// music on hold (injected without line noise) does not have.
///
/// The line's own noise (`OpenLineTracker`: its level and spectral shape, 250 ms of it an "opening") is the
/// evidence that the line is open, so that no music plays there:
/// - a run is split at the openings inside it, and pieces whose blocks do not score as music are dropped (an agent
///   checking back on a held caller);
/// - two runs with no opening between them are one (a passage of music that scored as speech);
/// - a run whose start finds no pause within reach starts where the line was last open (a speech-like intro), and
///   its end goes on to the next opening when the blocks before it score as music on average;
/// - a span is not grown over an opening, and the openings in the seconds after it are line noise, not talk;
/// - a run with too few plainly musical windows is music all the same when the line is closed all through it (no
///   opening, and hardly a frame of line noise between its sounds);
/// - two music pieces with only a short opening between them are one (a quiet passage passed for the line);
/// - a run's start found on a pause moves back over it while the blocks before it score as music (a quiet passage
///   passed for the pause before the music), and a short piece that dips under the line noise is music at the run's
///   hysteresis.
/// A window dipping under the line noise counts as plainly as a music-like one (an open line never does).
struct MusicDetector {
    struct Parameters {
        var block: Int
        var window: Int
        var minFrames: Int
        var scoreMin: Float
        /// Music-like windows that may fail inside a run.
        var maxMiss = 3
        /// Windows above `scoreMin` a run needs to be music (a few music-like seconds of speech are not). On the
        /// twelve demo sets (source and archive), runs of 8 s or more that were speech had at most 4 (a caller's
        /// 10 s first words on an archive, before the line's noise was known); those that were music had 7 or more,
        /// or no opening of the line inside (`closedStrong`).
        var minStrong = 5
        /// The same for a run with no opening of the line inside and almost no glimpse of it between words.
        var closedStrong = 2
        /// Blocks a piece of a run (between openings, or after its music-like blocks) must exceed to be judged
        /// with the run's hysteresis; shorter ones must score plainly (`scoresAsMusic`).
        var shortPiece = 3
        /// Frames of line noise in a row that show the line back after a run's music-like blocks (`closeRun`).
        var glimpse: Int
        /// The longest opening between two music pieces that keeps them one span (the line open longer than this
        /// between two passages of music is a real pick-up, even without words).
        var joinOpening: Int
        /// Blocks after the run's music stopped that move its end again when they score as music on average (the
        /// newest too). Chosen on the calls the model was refitted on: 3 blocks in a row each above `scoreMin`
        /// cut the last seconds of tracks whose end scores weakly (seed 20261123), 2 or 3 on average let
        /// Opus-coded speech after a hold resume the run (seed 424242). Two blocks in a row that are plainly music
        /// (each 4 over `scoreMin`) also resume it: a bar that scores as speech for a block near a track's end
        /// otherwise ended the hold there (held-out seed 31337; `HoldMusicTailTests`).
        var resumeBlocks = 4
        /// How far back from the end of a run's first music-like block its start is searched (the pause before
        /// the music), and where it is put when no pause is found (music can sound like speech for its first
        /// seconds). `startFallback` is also how far after a run's last counted block its end is searched (the
        /// pause after the music).
        var startReach: Int
        var startFallback: Int
        /// The model was fitted at 8 kHz on the delays of 1 and 2 samples (125 and 250 µs). From 8 to 16 kHz
        /// those delays lie between lags 1 and 2 and between lags 2 and 4: interpolated with weight `lagMix`
        /// (0 at 8 kHz, 1 at 16 kHz). Outside that range the nearest end is rescaled, 1 − (1 − r)·`lagScale`
        /// (small-angle equivalence).
        var lagMix: Float
        var lagScale: Float
        var gap: Int
        /// A pause's frames lie between the line level / 10 (music gaps fall further: digital silence) and the line
        /// level times this (`music_pause_db`), with the line noise's spectral tilt (`OpenLineTracker`).
        var pauseMargin: Float
        var pauseDB: Float
        /// Line noise in a row that shows the line open (no music on hold there): 250 ms. Openings inside a run
        /// split it (an agent checking back on a held caller); two runs with none between them are one (a passage
        /// of music that scored as speech).
        var openingFrames: Int
        /// Largest difference of each smoothed autocorrelation (lags 1 and 2) between a line-noise frame and the
        /// line noise (`OpenLineTracker`).
        var tiltTolerance: Float = 0.2
        /// How long after a span its openings are kept as line noise (`MusicSpan.lineAfter`): the noise window.
        var recovery: Int
        /// A frame is low when its energy is under its block's mean energy times this (`Model.lowDB`).
        var lowRatio: Float
        /// Frames of energy kept to place a span's edges.
        var history: Int
        /// Level-modulation band: difference of a fast and a slow exponential average of the level (dB).
        var fast: Float
        var slow: Float
        /// Frames below this level are digital silence, not music (half of a window must be above it).
        var soundLevel: Float
        /// Frame length (diagnostics only: `trace` times).
        var frameMs: Int

        init(_ s: AnalysisSettings, scale: FrameScale, sampleRate: Int) {
            block = max(10, scale.frames(seconds: s.musicBlockS))
            window = max(1, min(32, Int((s.musicWindowS / s.musicBlockS).rounded())))
            minFrames = scale.frames(seconds: s.musicMinS)
            scoreMin = Float(s.musicScoreMin)
            let q = Float(sampleRate) / 8000
            lagMix = min(1, max(0, q - 1))
            let rest = q / (1 + lagMix)
            lagScale = rest * rest
            gap = max(1, scale.frames(ms: s.musicGapMs))
            pauseMargin = dbRatio(s.musicPauseDB)
            pauseDB = Float(s.musicPauseDB)
            openingFrames = max(2, scale.frames(ms: 250))
            joinOpening = scale.frames(ms: 2000)
            glimpse = max(2, scale.frames(ms: 150))
            recovery = scale.frames(seconds: s.noiseWindowS)
            lowRatio = dbRatio(-Model.lowDB)
            startReach = window * 3 / 2 * block
            startFallback = window * 3 / 4 * block
            history = (window + 2 * maxMiss + 8) * block + startReach
            // 0.4 and 0.1 per 10 ms frame (about 8 Hz and 2 Hz), adjusted to the frame length.
            func per(_ a10: Double) -> Float {
                Float(1 - pow10(log10Of(1 - a10) * Double(scale.frameMs) / 10))
            }
            fast = per(0.4)
            slow = per(0.1)
            soundLevel = dbRatio(s.vadFloorDBFS)
            frameMs = scale.frameMs
        }
    }

    /// Model: score = bias + flux1·Σ|Δr1| + flux2·Σ|Δr2| + modulation·rms(level modulation, dB) + low·(share of
    /// frames more than `lowDB` under the block's mean energy).
    ///
    /// flux1, flux2 and modulation: a logistic fit on uncoded audio of the demo generator (music-on-hold tracks
    /// against both voices at 10-30 dB SNR). bias and low: refitted with those three kept, on the 1 s blocks' 8 s
    /// windows of seeds 4242, 424242 and 77 (40 calls each, `nokchwi demo-accuracy --dump-music-features`), source
    /// audio and its Opus round trip (12 kbit/s, complexity 8) together; windows fully inside a true hold against
    /// windows without music, the latter weighted 5:1 (a false start costs more than a late one). After Opus
    /// coding, 0.01% of non-music windows score above 1 (0.25% with the source-only model) and 0.4% above -1
    /// (3%); 3% of music windows score below 1 (2.6%). Checked end to end on seed 20261123 and on 31337 and 9001.
    enum Model {
        static let bias: Float = 15.7
        static let flux1: Float = -87
        static let flux2: Float = -67
        static let modulation: Float = -0.84
        static let low: Float = -4.9
        /// A frame is low when its energy is this many dB under its block's mean energy.
        static let lowDB: Double = 6
        @inline(__always)
        static func score(flux1 f1: Float, flux2 f2: Float, modulation m: Float, low l: Float) -> Float {
            bias + flux1 * f1 + flux2 * f2 + modulation * m + low * l
        }
    }

    let p: Parameters
    private var inBlock = 0
    private var blockStart = 0
    private var block = BlockStats()
    private var previous1: Float = 0, previous2: Float = 0
    private var fastLevel: Float = 0, slowLevel: Float = 0
    private var started = false
    /// The channel's line-noise level (dB, a slow average of the noise floor, frozen inside music): music on
    /// hold is injected without line noise and may fall silent between notes; speech on a line never falls more
    /// than 10 dB below the line's own noise.
    private var lineDB: Float = 0
    private var window: BlockWindow
    private var history: SoundHistory
    private var openLine: OpenLineTracker
    /// The last run closed, kept until the next run starts (without an opening between them they are one run) or
    /// until an opening after it lies beyond any later run's reach.
    private var pending: (span: FrameSpan, strong: Int)?
    /// Each block's music value and line-noise frames (`OpenLineTracker.blockLineFrames`) from the oldest run kept on (to
    /// judge the pieces an opening splits a run into), merged where no piece can begin or end.
    private var ledger: BlockLedger

    private var runStart = -1
    private var runEnd = 0
    /// The run's music has stopped (a pair of blocks scored as speech or noise): from then on only `resumeBlocks`
    /// blocks scoring as music on average move its end (speech after a hold can score music-like for a block or
    /// two while the window still remembers the music).
    private var paused = false
    /// Blocks since the run's music stopped.
    private var pausedBlocks = 0
    /// The floor at the last block's end (diagnostics).
    private var lastFloor: Float = 0
    private var miss = 0
    /// Windows of the run scoring above `scoreMin` (a run needs `minStrong` of them).
    private var strong = 0
    private var spans: [MusicSpan] = []
    /// The run's start was put on a pause (diagnostics).
    private var startOnPause = false
    /// Block entries kept (bounded: `BlockLedger` merges a long run's old blocks).
    var keptBlocks: Int { ledger.entries.count }
    /// Diagnostics: every block with its window when not nil (`CallAnalyzer(…, traceMusic: true)`).
    var trace: [MusicTraceRow]?
    /// The channel `trace` rows name.
    var traceChannel = 0

    init(_ p: Parameters) {
        self.p = p
        window = BlockWindow(capacity: p.window)
        history = SoundHistory(capacity: p.history, gap: p.gap)
        ledger = BlockLedger(block: p.block)
        openLine = OpenLineTracker(openingFrames: p.openingFrames, tolerance: p.tiltTolerance, bandTop: p.pauseDB)
    }

    @inline(__always)
    mutating func step(_ k: Int, _ f: FrameFeatures, floor: Float) {
        if inBlock == 0 { blockStart = k }
        let w = p.lagMix
        let r1 = 1 - (1 - ((1 - w) * f.lag1 + w * f.lag2)) * p.lagScale
        let r2 = 1 - (1 - ((1 - w) * f.lag2 + w * f.lag4)) * p.lagScale
        let db = 3.0103 * fastLog2(f.energy)
        if !started {
            previous1 = r1; previous2 = r2; fastLevel = db; slowLevel = db
            started = true
        }
        block.flux1 += abs(r1 - previous1)
        block.flux2 += abs(r2 - previous2)
        previous1 = r1
        previous2 = r2
        fastLevel += p.fast * (db - fastLevel)
        slowLevel += p.slow * (db - slowLevel)
        let m = fastLevel - slowLevel
        block.modulation2 += m * m
        // The line level follows the floor once per 10 frames (plenty for a 20 s average), frozen inside music.
        // After the first 3 s a floor more than 10 dB from it is not the line's noise: under it, digital silence
        // between notes of music not yet found (or a muted side); over it, a steady sound the floor took for
        // noise (the first seconds of music on hold): it is not followed.
        if runStart < 0, k % 10 == 0 {
            let floorDB = 3.0103 * fastLog2(floor)
            if k < 300 || abs(floorDB - lineDB) < 10 {
                lineDB += max(1 / Float(k / 10 + 1), 0.005) * (floorDB - lineDB)
            }
        }
        if db < lineDB - 10 { block.dips += 1 }
        if f.energy > p.soundLevel { block.sound += 1 }
        openLine.step(k, lag1: f.lag1, lag2: f.lag2, db: db, lineDB: lineDB)
        history.record(energy: f.energy, tilt: openLine.tilt)
        inBlock += 1
        if inBlock == p.block {
            lastFloor = floor
            endBlock(k + 1)
        }
    }

    /// The line noise's level band and tilt (at run edges only).
    private var line: SoundHistory.Line {
        let energy = Float(pow10(Double(lineDB) / 10))
        return .init(low: energy * 0.1, quiet: energy * p.pauseMargin, tilt: openLine.lineTilt,
                     tolerance: openLine.ready ? p.tiltTolerance : .infinity)
    }

    private mutating func endBlock(_ end: Int) {
        // Low frames: a second pass over the block's energies (kept in the history) once its mean is known.
        block.low = Float(history.quietFrames(last: inBlock, ratio: p.lowRatio))
        let b = block.scaled(1 / Float(inBlock))
        inBlock = 0
        block = BlockStats()
        window.push(b, start: blockStart)
        ledger.append(start: blockStart, value: musicValue(b), line: openLine.blockLineFrames, dipped: dipped(b))
        // The line's tilt is learnt from blocks plainly not music, outside runs.
        openLine.endBlock(frames: p.block, learn: runStart < 0 && musicValue(b) < p.scoreMin - 2)
        let mean = window.mean
        let score = mean.score
        // Hysteresis: a run starts above `scoreMin`, or above `scoreMin - 2` with 10% of its frames dipping under
        // the line noise (a track that scores weakly but falls silent between notes: seed 8080 call 30, whose
        // archive's window peaked at 0.99); it goes on above `scoreMin - 2` (lively passages) or while the channel
        // dips under its line noise. On the twelve demo sets no window without music dipped in 1% of its frames.
        let windowIsMusic = window.isFull && mean.sound > 0.5
            && (runStart < 0 ? score > p.scoreMin || (score > p.scoreMin - 2 && mean.dips > 0.1)
                             : (score > p.scoreMin - 2 || mean.dips > 0.05))
        if windowIsMusic {
            if runStart < 0 {
                // Start at the window's first block from which every block looks like music (a single block is
                // noisier than a window: 2 points of slack; a block dipping under the line noise counts, as for the
                // end), then at the nearest pause before that block's end (the pause between the agent's last words
                // and the music often straddles a block's start).
                runStart = blockStart
                for back in 0..<window.count {
                    let (stats, start) = window[back: back]
                    guard musicValue(stats) > p.scoreMin - 2 else { break }
                    runStart = start
                }
                let (start, onPause) = history.start(before: runStart + p.block, reach: p.startReach,
                                                     fallback: p.startFallback, line: line)
                runStart = onPause ? quietPassagesBefore(start, from: runStart + p.block - p.startReach - p.gap)
                                   : min(runStart, start)
                startOnPause = onPause
                // No pause within reach: the music may have sounded like speech for longer (a track's intro).
                // The line was last open at the end of the last opening before the run: the music started after it.
                if !onPause, let open = openLine.openings.last(where: { $0.end <= runStart }),
                   open.end >= end - p.history {
                    runStart = open.end
                    startOnPause = true
                }
                runEnd = end
                joinPending()
            }
            // The run's music ends with its last pair of blocks scoring as music on average (a single block of
            // speech can), or its last block dipping under the line noise; once it has stopped, it resumes only
            // when the `resumeBlocks` blocks since then score as music on average, the newest too.
            pausedBlocks = paused ? pausedBlocks + 1 : 0
            if !paused {
                if musicValue(window[back: 0].stats) + musicValue(window[back: 1].stats) > 2 * p.scoreMin {
                    runEnd = end
                } else {
                    paused = true
                }
            } else if resumes() {
                paused = false
                runEnd = end
            }
            // A window dipping under the line noise is as plain: an open line never falls 10 dB under its noise.
            if score > p.scoreMin || mean.dips > 0.05 { strong += 1 }
            miss = 0
        } else if runStart >= 0 {
            miss += 1
            if miss > p.maxMiss { closeRun() }
        }
        if trace != nil { record(b, mean: mean, end: end, floor: lastFloor) }
        // A pending run with an opening after it that no later run can reach back over joins no later run: it is
        // final. (Kept until the next run, it would keep every block and opening since it.)
        if runStart < 0, let q = pending, end - p.history >= q.span.end + p.recovery,
           openLine.hasOpening(from: q.span.end, to: end - p.history) {
            pending = nil
            emit(q.span)
        }
        forget(before: end)
    }

    /// A run's start put on a pause moves back over the pauses before it while the blocks between, more than
    /// `shortPiece` of them, score above `scoreMin` on average (what a run needs to start): a quiet passage of the
    /// music that passes for the line's noise (more often on an Opus archive, whose coding takes the passage's detail
    /// away) is not where the music started. Held-out seed 31415 call 40's archive: a 0.5 s passage 7 s into the track
    /// had put the start there, and the 7 s before it counted as the agent's talk (2.5 on average over 7 blocks). The
    /// run's hysteresis (above `scoreMin - 2`) was not enough: an agent's words before a hold averaged -0.9 to 0.1 over
    /// 4-5 blocks on four of the sixteen demo sets, and the hold took them.
    private func quietPassagesBefore(_ start: Int, from limit: Int) -> Int {
        let pauses = history.pauses(from: limit, before: start, line: line)
        guard var passage = pauses.first, passage.end == start else { return start }
        var start = start
        for pause in pauses.dropFirst() {
            let between = ledger.sum(from: pause.end, to: passage.start)
            guard between.count > p.shortPiece, between.value > Float(between.count) * p.scoreMin else { break }
            start = pause.end
            passage = pause
        }
        return start
    }

    /// A new run joins the pending one when no opening lies between them (and the line noise is known);
    /// otherwise the pending one is final.
    private mutating func joinPending() {
        guard let q = pending else { return }
        pending = nil
        if openLine.ready, q.span.end >= history.oldest, !openLine.hasOpening(from: q.span.end, to: runStart) {
            runStart = q.span.start
            strong += q.strong
        } else {
            emit(q.span)
        }
    }

    /// A finished run's spans: split at the openings inside it, keeping the pieces whose blocks (those at least
    /// half inside) score as music (`scoresAsMusic`: a track that scores weakly all through stays music; an agent's
    /// words score -7 to -10). Two music pieces with only a short opening between them stay one: under `music_gap_ms`
    /// (the pause a hold's edges have), or under `joinOpening` when the blocks on both sides of it score plainly as
    /// music: a quiet passage of the music passed for the line's noise (seed 77 call 40: 0.6 s of a track on a pink
    /// 10 dB line had cut 3 s off the hold). An agent's words after an opening (a check-back whose second opening was
    /// missed) keep the pieces apart. Each span's growth stops at the nearest openings around it.
    private mutating func emit(_ run: FrameSpan) {
        let inside = openLine.openings(from: run.start, to: run.end)
        var kept: [FrameSpan] = []
        var previousKept = false
        for piece in SpanMath.subtract([run], inside) {
            let sum = ledger.sum(from: piece.start, to: piece.end)
            guard inside.isEmpty || scoresAsMusic(sum.value, sum.count, dipped: sum.dipped) else {
                previousKept = false
                continue
            }
            if previousKept, let last = kept.last, piece.start - last.end < p.gap
                || (piece.start - last.end < p.joinOpening && plainlyMusic(from: last.end - p.joinOpening, to: last.end)
                    && plainlyMusic(from: piece.start, to: piece.start + p.joinOpening)) {
                kept[kept.count - 1].end = piece.end
            } else {
                kept.append(piece)
            }
            previousKept = true
        }
        let openings = openLine.openings
        for piece in kept {
            // The smoothed tilt lags the music's first frames by a few: the opening reaches 50 ms into the music.
            let before = openings.last { $0.end <= piece.start }.map { $0.end - p.openingFrames / 5 } ?? .min
            let after = openings.first { $0.start >= piece.end }?.start ?? .max
            var span = MusicSpan(piece, earliest: before, latest: after)
            span.lineAfter = openLine.openings(from: piece.end, to: piece.end + p.recovery)
            spans.append(span)
        }
    }

    /// Whether blocks whose music values sum to `sum` score as music on average, with the run's own hysteresis
    /// (above `scoreMin - 2`), or, for `shortPiece` blocks or fewer, above `scoreMin + 2`: the average of one to three
    /// blocks is too noisy for the hysteresis. On the twelve demo sets (source and archive), ten such pieces were an
    /// agent's words (checking back, or after the hold) and averaged -0.9 to 2.8; six were music, 0.3 to 6.6. A short
    /// piece with a block that `dipped` under the line noise gets the hysteresis too: words on an open line never dip
    /// (seed 2468 call 22's archive: a track's last 2.7 s after a quiet passage that passed for the line averaged 1.8,
    /// and the hold ended 3.1 s early).
    private func scoresAsMusic(_ sum: Float, _ n: Int, dipped: Int = 0) -> Bool {
        n > 0 && sum > Float(n) * (n <= p.shortPiece && dipped == 0 ? p.scoreMin + 2 : p.scoreMin - 2)
    }

    /// Whether the blocks at least half inside `[from, to)` (a few) score plainly as music on average.
    private func plainlyMusic(from: Int, to: Int) -> Bool {
        let sum = ledger.sum(from: from, to: to)
        return sum.count > 0 && sum.value > Float(sum.count) * (p.scoreMin + 2)
    }

    /// Drops block values and openings no run can need any more.
    private mutating func forget(before end: Int) {
        let keep = (pending?.span.start ?? (runStart >= 0 ? runStart : end - p.history)) - p.startReach
        ledger.forget(before: keep)
        openLine.forget(before: keep)
        // A long run's blocks (a block a second): merged where no piece, run edge or margin can fall.
        if ledger.entries.count > 2 * p.history / p.block + 8 {
            let edge = 2 * p.block + p.gap
            var zones = openLine.openings.map {
                FrameSpan($0.start - p.joinOpening - p.block, $0.end + p.joinOpening + p.block)
            }
            for span in [pending?.span, runStart >= 0 ? FrameSpan(runStart, runEnd) : nil].compactMap({ $0 }) {
                zones.append(FrameSpan(span.start - p.startReach, span.start + edge))
                zones.append(FrameSpan(span.end - edge - p.startFallback, runStart >= 0 ? .max : span.end + edge))
            }
            ledger.compact(before: end - p.history, zones: zones)
        }
    }

    private mutating func record(_ b: BlockStats, mean: BlockStats, end: Int, floor: Float) {
        let ms = Double(p.frameMs)
        func seconds(_ frame: Int) -> Double { Double(frame) * ms / 1000 }
        let oldest = window[back: window.count - 1].start
        let row = MusicTraceRow(
            channel: traceChannel, blockStart: seconds(blockStart), blockEnd: seconds(end),
            windowStart: seconds(oldest), windowBlocks: window.count, windowFull: window.isFull,
            block: .init(b), window: .init(mean), blockScore: max(-1000, b.score), windowScore: max(-1000, mean.score),
            blockMusicValue: max(-1000, musicValue(b)), inRun: runStart >= 0, paused: paused,
            runStart: runStart >= 0 ? seconds(runStart) : -1, startOnPause: startOnPause,
            floorDB: 3.0103 * fastLog2(floor), lineDB: lineDB)
        trace?.append(row)
    }

    /// The blocks since the run's music stopped (at least `resumeBlocks`) score as music on average, the newest too.
    private func resumes() -> Bool {
        // Two blocks in a row that are plainly music (a quiet or percussive passage scored as speech for a block).
        if pausedBlocks >= 2, window.count >= 2, musicValue(window[back: 0].stats) > p.scoreMin + 4,
           musicValue(window[back: 1].stats) > p.scoreMin + 4 { return true }
        let n = min(p.resumeBlocks, window.count)
        guard pausedBlocks >= n, musicValue(window[back: 0].stats) > p.scoreMin else { return false }
        var sum: Float = 0
        for i in 0..<n { sum += musicValue(window[back: i].stats) }
        return sum > Float(n) * p.scoreMin
    }

    /// A block's score for the run's end: a block dipping under the line noise (a gap between notes or tracks)
    /// counts as music.
    @inline(__always)
    private func musicValue(_ b: BlockStats) -> Float {
        dipped(b) ? max(b.score, p.scoreMin + 1) : b.score
    }

    /// A tenth of the block's frames fell more than 10 dB under the line noise: a gap between notes or tracks of music
    /// on hold (injected without the line's noise); an open line never does.
    @inline(__always)
    private func dipped(_ b: BlockStats) -> Bool { b.dips > 0.1 }

    private mutating func closeRun() {
        // The end of the last block that counted: the music stopped somewhere in it or goes on in a spurt of
        // sound that started before it. The end is the first pause from that block's start on (within
        // `startFallback`; not when those frames are no longer held); `HoldFinder.grow` follows the spurt.
        var end = runEnd
        if let pause = history.pauseStart(after: runEnd - p.block, reach: p.startFallback, line: line) {
            end = max(runStart + 1, pause)
        } else if openLine.ready,
                  let glimpse = history.pauseStart(after: runEnd, reach: p.startFallback, line: line, length: p.glimpse) {
            // No pause: the music went on after its last music-like blocks (a track's end can score as speech for
            // seconds) until the line's noise came back, if only for a moment before the agent's words.
            end = glimpse
        }
        // The music may have gone on after its last music-like blocks, in blocks that score as music only on
        // average: up to the line's next opening, when the blocks before it score as music on average (the run's
        // own hysteresis, as for `emit`'s pieces; the agent's words after a hold score far under it).
        if let open = openLine.openings.first(where: { $0.start > end }) {
            let sum = ledger.sum(from: end, to: open.start)
            if scoresAsMusic(sum.value, sum.count) { end = open.start }
        }
        // A run needs `minStrong` plainly musical windows, or `closedStrong` and the line closed all through it: no
        // opening, and line noise in at most 2% of its frames. Speech that long pauses on the line's noise, if only
        // for a few frames between words (a caller's 12.8 s without a 250 ms pause on an archive: 8.8% of its
        // frames; 4-22% on the speech runs of fourteen demo sets); music on hold seldom reaches the line's level and
        // shape (median 0%; 0% on the weakly scoring track of seed 31 call 39). An Opus archive's pink line noise is
        // not always found, so a run with fewer is never taken on that alone.
        let inside = ledger.sum(from: runStart + p.gap, to: end - p.gap)
        let closed = strong >= p.closedStrong && openLine.ready
            && !openLine.hasOpening(from: runStart + p.gap, to: end - p.gap)
            && inside.line * 50 <= inside.count * p.block
        if end - runStart >= p.minFrames, strong >= p.minStrong || closed { pending = (FrameSpan(runStart, end), strong) }
        runStart = -1
        miss = 0
        strong = 0
        paused = false
        pausedBlocks = 0
    }

    /// Music spans found (call once, at the end).
    mutating func finish(frames total: Int) -> [MusicSpan] {
        if inBlock >= p.block / 2 { endBlock(total) }
        if runStart >= 0 { closeRun() }
        if let q = pending { emit(q.span) }
        pending = nil
        return spans
    }
}

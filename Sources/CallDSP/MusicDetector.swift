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
///
/// Three parts do the work, frame by frame and block by block: `MusicBlockScorer` (frames into scored blocks and
/// the line's evidence), `MusicRun` (the run state machine) and `MusicSpanEmitter` (closed runs into spans). Fixed
/// values: `Tuning.MusicScoring`, `Tuning.MusicModel`, `Tuning.MusicRun`.
struct MusicDetector {
    let p: Parameters
    /// Frames into blocks, blocks into window scores, and the line's evidence.
    private var scorer: MusicBlockScorer
    /// The current run of music-like windows.
    private var run: MusicRun
    /// Closed runs into spans.
    private var emitter: MusicSpanEmitter
    /// The floor at the last block's end (diagnostics).
    private var lastFloor: Float = 0
    /// Block entries kept (bounded: `BlockLedger` merges a long run's old blocks).
    var keptBlocks: Int { scorer.ledger.entries.count }
    /// Diagnostics: every block with its window when not nil (`CallAnalyzer(…, traceMusic: true)`).
    var trace: [MusicTraceRow]?
    /// The channel `trace` rows name.
    var traceChannel = 0

    init(_ p: Parameters) {
        self.p = p
        scorer = MusicBlockScorer(p)
        run = MusicRun(p)
        emitter = MusicSpanEmitter(p)
    }

    @inline(__always)
    mutating func step(_ k: Int, _ f: FrameFeatures, floor: Float) {
        if scorer.step(k, f, floor: floor, lineFrozen: run.isOpen) {
            lastFloor = floor
            endBlock(k + 1)
        }
    }

    private mutating func endBlock(_ end: Int) {
        let b = scorer.endBlock(inRun: run.isOpen)
        run.advance(blockEnd: end, scorer: scorer, emitter: &emitter)
        if trace != nil { record(b, end: end) }
        if !run.isOpen { emitter.settle(at: end, scorer: scorer) }
        forget(before: end)
    }

    /// Drops block values and openings no run can need any more.
    private mutating func forget(before end: Int) {
        let pending = emitter.pending?.span
        let keep = (pending?.start ?? (run.isOpen ? run.start : end - p.history)) - p.startReach
        let edges = [pending, run.isOpen ? FrameSpan(run.start, run.end) : nil].compactMap { $0 }
        scorer.forget(before: keep, compactingBefore: end - p.history, edges: edges, runOpen: run.isOpen)
    }

    private mutating func record(_ b: BlockStats, end: Int) {
        let ms = Double(p.frameMs)
        func seconds(_ frame: Int) -> Double { Double(frame) * ms / 1000 }
        let window = scorer.window
        let mean = window.mean
        let oldest = window[back: window.count - 1].start
        let row = MusicTraceRow(
            channel: traceChannel, blockStart: seconds(scorer.blockStart), blockEnd: seconds(end),
            windowStart: seconds(oldest), windowBlocks: window.count, windowFull: window.isFull,
            block: .init(b), window: .init(mean), blockScore: max(-1000, b.score), windowScore: max(-1000, mean.score),
            blockMusicValue: max(-1000, scorer.musicValue(b)), inRun: run.isOpen, paused: run.paused,
            runStart: run.isOpen ? seconds(run.start) : -1, startOnPause: run.startOnPause,
            floorDB: 3.0103 * fastLog2(lastFloor), lineDB: scorer.lineDB)
        trace?.append(row)
    }

    /// Music spans found (call once, at the end, with the number of frames analysed): a last block at least half
    /// full counts.
    mutating func finish(frames total: Int) -> [MusicSpan] {
        if scorer.inBlock >= p.block / 2 { endBlock(total) }
        if run.isOpen { run.close(scorer: scorer, emitter: &emitter) }
        return emitter.finish(scorer: scorer)
    }
}

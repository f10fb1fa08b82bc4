/// Block scoring for one channel's music detector: frame features summed into blocks (`BlockStats`), the sliding
/// window of blocks that `MusicDetector.Model` scores, and the evidence about the line that runs and spans are
/// judged on: the line level, its openings (`OpenLineTracker`), the recent frames (`SoundHistory`) and each block's
/// music value (`BlockLedger`).
struct MusicBlockScorer {
    let p: MusicDetector.Parameters
    /// Frames summed into the current block so far.
    private(set) var inBlock = 0
    /// The current (or just ended) block's first frame.
    private(set) var blockStart = 0
    private var block = BlockStats()
    private var previous1: Float = 0, previous2: Float = 0
    private var fastLevel: Float = 0, slowLevel: Float = 0
    private var started = false
    /// The channel's line-noise level (dB, a slow average of the noise floor, frozen inside music): music on
    /// hold is injected without line noise and may fall silent between notes; speech on a line never falls more
    /// than 10 dB below the line's own noise.
    private(set) var lineDB: Float = 0
    private(set) var window: BlockWindow
    private(set) var history: SoundHistory
    private(set) var openLine: OpenLineTracker
    /// Each block's music value and line-noise frames (`OpenLineTracker.blockLineFrames`) from the oldest run kept
    /// on (to judge the pieces an opening splits a run into), merged where no piece can begin or end.
    private(set) var ledger: BlockLedger

    init(_ p: MusicDetector.Parameters) {
        self.p = p
        window = BlockWindow(capacity: p.window)
        history = SoundHistory(capacity: p.history, gap: p.gap)
        ledger = BlockLedger(block: p.block)
        openLine = OpenLineTracker(openingFrames: p.openingFrames, tolerance: Tuning.OpenLine.tiltTolerance,
                                   bandTop: p.pauseDB)
    }

    /// Frame `k` with the channel's noise `floor`; true when it completes a block (`endBlock` next). Inside a music
    /// run (`lineFrozen`) the line level is not followed.
    @inline(__always)
    mutating func step(_ k: Int, _ f: FrameFeatures, floor: Float, lineFrozen: Bool) -> Bool {
        typealias S = Tuning.MusicScoring
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
        // The line level follows the floor now and then, frozen inside music. Once settled, a floor far from it is
        // not the line's noise: under it, digital silence between notes of music not yet found (or a muted side);
        // over it, a steady sound the floor took for noise (the first seconds of music on hold).
        if !lineFrozen, k % S.lineEveryFrames == 0 {
            let floorDB = 3.0103 * fastLog2(floor)
            if k < S.lineSettleFrames || abs(floorDB - lineDB) < S.lineJumpDB {
                lineDB += max(1 / Float(k / S.lineEveryFrames + 1), S.lineRateMin) * (floorDB - lineDB)
            }
        }
        if db < lineDB - S.dipDB { block.dips += 1 }
        if f.energy > p.soundLevel { block.sound += 1 }
        openLine.step(k, lag1: f.lag1, lag2: f.lag2, db: db, lineDB: lineDB)
        history.record(energy: f.energy, tilt: openLine.tilt)
        inBlock += 1
        return inBlock == p.block
    }

    /// Ends the block: its means go into the window and the ledger. The line's shape is learnt from blocks plainly
    /// not music, outside runs (`inRun` false). Returns the block.
    mutating func endBlock(inRun: Bool) -> BlockStats {
        // Low frames: a second pass over the block's energies (kept in the history) once its mean is known.
        block.low = Float(history.quietFrames(last: inBlock, ratio: p.lowRatio))
        let b = block.scaled(1 / Float(inBlock))
        inBlock = 0
        block = BlockStats()
        window.push(b, start: blockStart)
        ledger.append(start: blockStart, value: musicValue(b), line: openLine.blockLineFrames, dipped: dipped(b))
        openLine.endBlock(frames: p.block,
                          learn: !inRun && musicValue(b) < p.scoreMin - Tuning.MusicRun.hysteresis)
        return b
    }

    /// The line noise's level band and tilt (at run edges only).
    var line: SoundHistory.Line {
        let energy = Float(pow10(Double(lineDB) / 10))
        return .init(low: energy * Tuning.OpenLine.bandBottomShare, quiet: energy * p.pauseMargin,
                     tilt: openLine.lineTilt, tolerance: openLine.ready ? Tuning.OpenLine.tiltTolerance : .infinity)
    }

    /// A block's score for a run's end: a block dipping under the line noise (a gap between notes or tracks)
    /// counts as music.
    @inline(__always)
    func musicValue(_ b: BlockStats) -> Float {
        dipped(b) ? max(b.score, p.scoreMin + Tuning.MusicScoring.dippedBlockLift) : b.score
    }

    /// Enough of the block's frames fell more than 10 dB under the line noise: a gap between notes or tracks of
    /// music on hold (injected without the line's noise); an open line never does.
    @inline(__always)
    func dipped(_ b: BlockStats) -> Bool { b.dips > Tuning.MusicScoring.dippedBlockShare }

    /// Whether blocks whose music values sum to `sum` score as music on average: with the run's own hysteresis, or,
    /// for `shortPiece` blocks or fewer, plainly (the average of one to three blocks is too noisy for the
    /// hysteresis). A short piece with a block that `dipped` under the line noise gets the hysteresis too: words on
    /// an open line never dip.
    func scoresAsMusic(_ sum: Float, _ n: Int, dipped: Int = 0) -> Bool {
        typealias R = Tuning.MusicRun
        return n > 0 && sum > Float(n) * (n <= R.shortPiece && dipped == 0 ? p.scoreMin + R.plainMargin
                                                                           : p.scoreMin - R.hysteresis)
    }

    /// Whether the blocks at least half inside `[from, to)` (a few) score plainly as music on average.
    func plainlyMusic(from: Int, to: Int) -> Bool {
        let sum = ledger.sum(from: from, to: to)
        return sum.count > 0 && sum.value > Float(sum.count) * (p.scoreMin + Tuning.MusicRun.plainMargin)
    }

    /// Drops block values and openings before `keep`. When the ledger grows long (a long run, a block a second),
    /// merges its entries before `limit` away from the openings and from the `edges` of the runs still judged
    /// (`runOpen`: a run is open, whose end may still move).
    mutating func forget(before keep: Int, compactingBefore limit: Int, edges: [FrameSpan], runOpen: Bool) {
        typealias R = Tuning.MusicRun
        ledger.forget(before: keep)
        openLine.forget(before: keep)
        if ledger.entries.count > 2 * p.history / p.block + R.ledgerSpareEntries {
            let edge = R.edgeBlocks * p.block + p.gap
            var zones = openLine.openings.map {
                FrameSpan($0.start - p.joinOpening - p.block, $0.end + p.joinOpening + p.block)
            }
            for span in edges {
                zones.append(FrameSpan(span.start - p.startReach, span.start + edge))
                zones.append(FrameSpan(span.end - edge - p.startFallback, runOpen ? .max : span.end + edge))
            }
            ledger.compact(before: limit, zones: zones)
        }
    }
}

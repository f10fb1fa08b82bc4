/// Finds music in one channel.
///
/// Speech changes its spectrum every few tens of milliseconds (voiced, unvoiced, pauses) and its level with the
/// syllables (about 4 Hz); music holds its timbre. Three cheap frame measures capture that: the frame-to-frame
/// change of the lag-1 and lag-2 autocorrelations (spectral tilt flux) and the 2-8 Hz modulation of the level in
/// dB. Averaged over a sliding window of blocks they give a music score (a logistic model fitted on the demo
/// generator's calls: music-on-hold tracks against both voices at 10-30 dB SNR, checked on a second seed); a run
/// of windows starting above `music_score_min` and going on above it minus 2, at least `music_min_s` long, is a
/// music span. Its edges are then
/// moved to the nearest pause of `music_gap_ms` (a hold starts and ends with one).
struct MusicDetector {
    struct Parameters {
        var block: Int
        var window: Int
        var minFrames: Int
        var scoreMin: Float
        /// Music-like windows that may fail inside a run.
        var maxMiss = 3
        /// Windows above `scoreMin` a run needs to be music (a few music-like seconds of speech are not).
        var minStrong = 4
        /// Autocorrelations are rescaled to their 8 kHz equivalents: 1 − (1 − r)·(rate/8000)².
        var lagScale: Float
        var gap: Int
        var history: Int
        /// Level-modulation band: difference of a fast and a slow exponential average of the level (dB).
        var fast: Float
        var slow: Float

        init(_ s: AnalysisSettings, scale: FrameScale, sampleRate: Int) {
            block = max(10, scale.frames(seconds: s.musicBlockS))
            window = max(1, min(32, Int((s.musicWindowS / s.musicBlockS).rounded())))
            minFrames = scale.frames(seconds: s.musicMinS)
            scoreMin = Float(s.musicScoreMin)
            let r = Float(sampleRate) / 8000
            lagScale = r * r
            gap = max(1, scale.frames(ms: s.musicGapMs))
            history = (window + 2 * maxMiss + 8) * block
            // 0.4 and 0.1 per 10 ms frame (about 8 Hz and 2 Hz), adjusted to the frame length.
            func per(_ a10: Double) -> Float {
                Float(1 - pow10(log10Of(1 - a10) * Double(scale.frameMs) / 10))
            }
            fast = per(0.4)
            slow = per(0.1)
        }
    }

    /// Model: score = bias + flux1·Σ|Δr1| + flux2·Σ|Δr2| + modulation·rms(level modulation, dB).
    enum Model {
        static let bias: Float = 15.4
        static let flux1: Float = -87
        static let flux2: Float = -67
        static let modulation: Float = -0.84
        static func score(flux1 f1: Float, flux2 f2: Float, modulation m: Float) -> Float {
            bias + flux1 * f1 + flux2 * f2 + modulation * m
        }
    }

    let p: Parameters
    private var inBlock = 0
    private var blockStart = 0
    private var f1: Float = 0, f2: Float = 0, m2: Float = 0
    private var previous1: Float = 0, previous2: Float = 0
    private var fastLevel: Float = 0, slowLevel: Float = 0
    private var started = false
    /// The channel's line-noise level (dB, a slow average of the noise floor) and the block's frames more than
    /// 10 dB under it: music on hold is injected without line noise and may fall silent between notes, speech
    /// on a line never falls below the line's own noise.
    private var lineDB: Float = 0
    private var dips = 0
    private var ringDip: [Float]
    private var sumDip: Float = 0

    /// The last `window` blocks (ring): their sums and first frames.
    private var ring1: [Float], ring2: [Float], ringM: [Float]
    private var ringStart: [Int]
    private var ringNext = 0
    private var ringCount = 0
    private var sum1: Float = 0, sum2: Float = 0, sumM: Float = 0

    private var runStart = -1
    private var runEnd = 0
    private var miss = 0
    /// Windows of the run scoring above `scoreMin` (a run needs `minStrong` of them).
    private var strong = 0
    private var spans: [FrameSpan] = []

    /// The last `history` frames' energy and noise floor (ring), to place a span's edges.
    private var energies: [Float]
    private var floors: [Float]
    private var frames = 0
    /// Where frame `frames` goes in the history ring.
    private var slot = 0

    init(_ p: Parameters) {
        self.p = p
        ring1 = [Float](repeating: 0, count: p.window)
        ring2 = ring1
        ringM = ring1
        ringDip = ring1
        ringStart = [Int](repeating: 0, count: p.window)
        energies = [Float](repeating: 0, count: p.history)
        floors = energies
    }

    @inline(__always)
    mutating func step(_ k: Int, _ f: FrameFeatures, floor: Float) {
        if inBlock == 0 { blockStart = k }
        let r1 = 1 - (1 - f.lag1) * p.lagScale
        let r2 = 1 - (1 - f.lag2) * p.lagScale
        let db = 3.0103 * fastLog2(f.energy)
        if !started {
            previous1 = r1; previous2 = r2; fastLevel = db; slowLevel = db
            started = true
        }
        f1 += abs(r1 - previous1)
        f2 += abs(r2 - previous2)
        previous1 = r1
        previous2 = r2
        fastLevel += p.fast * (db - fastLevel)
        slowLevel += p.slow * (db - slowLevel)
        let m = fastLevel - slowLevel
        m2 += m * m
        let floorDB = 3.0103 * fastLog2(floor)
        if runStart < 0 { lineDB += max(1 / Float(k + 1), 0.0005) * (floorDB - lineDB) }  // frozen in music
        if db < lineDB - 10 { dips += 1 }
        energies[slot] = f.energy
        floors[slot] = floor
        slot = slot + 1 == p.history ? 0 : slot + 1
        frames = k + 1
        inBlock += 1
        if inBlock == p.block { endBlock(k + 1, floor: floor) }
    }

    private mutating func endBlock(_ end: Int, floor: Float) {
        let n = Float(inBlock)
        let b1 = f1 / n, b2 = f2 / n, bm = m2 / n, bd = Float(dips) / n
        inBlock = 0
        f1 = 0; f2 = 0; m2 = 0; dips = 0
        if ringCount == p.window {
            sum1 -= ring1[ringNext]; sum2 -= ring2[ringNext]; sumM -= ringM[ringNext]; sumDip -= ringDip[ringNext]
        } else {
            ringCount += 1
        }
        ring1[ringNext] = b1; ring2[ringNext] = b2; ringM[ringNext] = bm; ringDip[ringNext] = bd
        ringStart[ringNext] = blockStart
        ringNext = ringNext + 1 == p.window ? 0 : ringNext + 1
        sum1 += b1; sum2 += b2; sumM += bm; sumDip += bd
        let w = Float(ringCount)
        let score = Model.score(flux1: sum1 / w, flux2: sum2 / w, modulation: max(0, sumM / w).squareRoot())
        // Hysteresis: a run starts above `scoreMin`; it goes on above `scoreMin - 2` (lively passages) or while
        // the channel dips under its line noise.
        let windowIsMusic = ringCount == p.window
            && (runStart < 0 ? score > p.scoreMin : (score > p.scoreMin - 2 || sumDip / w > 0.05))
        if windowIsMusic {
            if runStart < 0 {
                // Start at the window's first block from which every block looks like music, then at the
                // pause before it.
                runStart = blockStart
                for back in 0..<ringCount {
                    let i = (ringNext - 1 - back + 2 * p.window) % p.window
                    guard blockIsMusic(i) else { break }
                    runStart = ringStart[i]
                }
                runStart = min(runStart, soundStart(before: runStart, reach: 2 * p.block))
                runEnd = end
            }
            // The run's music ends with its last pair of blocks that scores as music (single blocks of speech
            // can), or its last block dipping under the line noise.
            let last = (ringNext - 1 + p.window) % p.window, before = (last - 1 + p.window) % p.window
            if blockScore(last) + blockScore(before) > 2 * p.scoreMin || bd > 0.1 { runEnd = end }
            if score > p.scoreMin { strong += 1 }
            miss = 0
        } else if runStart >= 0 {
            miss += 1
            if miss > p.maxMiss { closeRun(now: end, floor: floor) }
        }
    }

    /// A single block is noisier than a window: it passes 2 points below the window's threshold.
    private func blockIsMusic(_ i: Int) -> Bool {
        blockScore(i) > p.scoreMin - 2
    }

    private func blockScore(_ i: Int) -> Float {
        Model.score(flux1: ring1[i], flux2: ring2[i], modulation: max(0, ringM[i]).squareRoot())
    }

    /// Searches `frames` (newest first or oldest first) for a pause: `gap` frames below `quiet`, a single louder
    /// frame tolerated. Returns the frame just after the pause (backwards) or its first frame (forwards).
    private func pause(in range: StrideTo<Int>, below quiet: Float, backwards: Bool) -> Int? {
        var run = 0, loud = 0, first = 0
        for k in range {
            if energies[k % p.history] < quiet {
                if run == 0 { first = k }
                run += 1
                loud = 0
                if run >= p.gap { return backwards ? first + 1 : first }
            } else if run > 0, loud == 0 {
                loud = 1
                run += 1
            } else {
                run = 0
                loud = 0
            }
        }
        return nil
    }

    /// Where the music around core frame `core` starts: the end of the nearest pause (within 6 dB of the lowest
    /// floor in the history) at most `reach` frames before it; `core - reach` when there is none.
    private func soundStart(before core: Int, reach: Int) -> Int {
        let oldest = max(0, frames - p.history, core - reach - p.gap)
        guard core > oldest else { return core }
        var reference = Float.greatestFiniteMagnitude
        for k in max(0, frames - p.history)..<core { reference = min(reference, floors[k % p.history]) }
        return pause(in: stride(from: core - 1, to: oldest - 1, by: -1), below: reference * 4, backwards: true)
            ?? max(oldest, core - reach)
    }

    /// Where the music after frame `from` ends: the start of the first pause (within 6 dB of the current floor)
    /// at most `reach` frames after it; `from + reach` when there is none.
    private func soundEnd(after from: Int, reach: Int, floor: Float) -> Int {
        let start = max(from, frames - p.history)
        let stop = min(frames, from + reach + p.gap)
        return pause(in: stride(from: start, to: stop, by: 1), below: floor * 4, backwards: false)
            ?? min(frames, from + reach)
    }

    private mutating func closeRun(now: Int, floor: Float) {
        let end = max(runEnd, soundEnd(after: runEnd, reach: 2 * p.block, floor: floor))
        if end - runStart >= p.minFrames, strong >= p.minStrong { spans.append(FrameSpan(runStart, end)) }
        runStart = -1
        miss = 0
        strong = 0
    }

    /// Music spans found (call once, at the end).
    mutating func finish(frames total: Int) -> [FrameSpan] {
        let floor = frames > 0 ? floors[(frames - 1) % p.history] : 0
        if inBlock >= p.block / 2 { endBlock(total, floor: floor) }
        if runStart >= 0 { closeRun(now: total, floor: floor) }
        return spans
    }
}

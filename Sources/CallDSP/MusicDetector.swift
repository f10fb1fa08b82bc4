/// Finds music in one channel.
///
/// Speech changes its spectrum every few tens of milliseconds (voiced, unvoiced, pauses) and its level with the
/// syllables (about 4 Hz); music holds its timbre. Three cheap frame measures capture that: the frame-to-frame
/// change of the lag-1 and lag-2 autocorrelations (spectral tilt flux) and the 2-8 Hz modulation of the level in
/// dB. Averaged over a sliding window of blocks they give a music score (a logistic model fitted on the demo
/// generator's calls: music-on-hold tracks against both voices at 10-30 dB SNR, checked on a second seed); a run
/// of windows starting above `music_score_min` and going on above it minus 2, at least `music_min_s` long, is a
/// music span. Its edges are then moved to the nearest pause of `music_gap_ms` (a hold starts and ends with one).
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
        /// Music-like blocks in a row that move a run's end again after its music stopped.
        var resumeBlocks = 3
        /// How far back from a run's first music-like block its start is searched (the pause before the music),
        /// and where it is put when no pause is found (music can sound like speech for its first seconds).
        var startReach: Int
        var startFallback: Int
        /// The model was fitted at 8 kHz on the delays of 1 and 2 samples (125 and 250 µs). From 8 to 16 kHz
        /// those delays lie between lags 1 and 2 and between lags 2 and 4: interpolated with weight `lagMix`
        /// (0 at 8 kHz, 1 at 16 kHz). Outside that range the nearest end is rescaled, 1 − (1 − r)·`lagScale`
        /// (small-angle equivalence).
        var lagMix: Float
        var lagScale: Float
        var gap: Int
        /// Frames of energy kept to place a span's edges.
        var history: Int
        /// Level-modulation band: difference of a fast and a slow exponential average of the level (dB).
        var fast: Float
        var slow: Float
        /// Frames below this level are digital silence, not music (half of a window must be above it).
        var soundLevel: Float

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

    private var runStart = -1
    private var runEnd = 0
    /// The run's music has stopped (a pair of blocks scored as speech or noise): from then on only
    /// `resumeBlocks` music-like blocks in a row move its end (speech after a hold can score music-like for a
    /// block or two while the window still remembers the music).
    private var paused = false
    private var resume = 0
    private var miss = 0
    /// Windows of the run scoring above `scoreMin` (a run needs `minStrong` of them).
    private var strong = 0
    private var spans: [FrameSpan] = []

    init(_ p: Parameters) {
        self.p = p
        window = BlockWindow(capacity: p.window)
        history = SoundHistory(capacity: p.history, gap: p.gap)
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
        if runStart < 0, k % 10 == 0 {
            lineDB += max(1 / Float(k / 10 + 1), 0.005) * (3.0103 * fastLog2(floor) - lineDB)
        }
        if db < lineDB - 10 { block.dips += 1 }
        if f.energy > p.soundLevel { block.sound += 1 }
        history.record(energy: f.energy, floor: floor)
        inBlock += 1
        if inBlock == p.block { endBlock(k + 1, floor: floor) }
    }

    private mutating func endBlock(_ end: Int, floor: Float) {
        let b = block.scaled(1 / Float(inBlock))
        inBlock = 0
        block = BlockStats()
        window.push(b, start: blockStart)
        let mean = window.mean
        let score = mean.score
        // Hysteresis: a run starts above `scoreMin`; it goes on above `scoreMin - 2` (lively passages) or while
        // the channel dips under its line noise.
        let windowIsMusic = window.isFull && mean.sound > 0.5
            && (runStart < 0 ? score > p.scoreMin : (score > p.scoreMin - 2 || mean.dips > 0.05))
        if windowIsMusic {
            if runStart < 0 {
                // Start at the window's first block from which every block looks like music (a single block is
                // noisier than a window: 2 points of slack), then at the pause before it.
                runStart = blockStart
                for back in 0..<window.count {
                    let (stats, start) = window[back: back]
                    guard stats.score > p.scoreMin - 2 else { break }
                    runStart = start
                }
                runStart = min(runStart, history.start(before: runStart, reach: p.startReach,
                                                       fallback: p.startFallback))
                runEnd = end
            }
            // The run's music ends with its last pair of blocks scoring as music on average (a single block of
            // speech can), or its last block dipping under the line noise; once it has stopped, it resumes only
            // after `resumeBlocks` music-like blocks in a row.
            let blockIsMusic = musicValue(b) > p.scoreMin
            resume = blockIsMusic ? resume + 1 : 0
            if !paused {
                if musicValue(window[back: 0].stats) + musicValue(window[back: 1].stats) > 2 * p.scoreMin {
                    runEnd = end
                } else {
                    paused = true
                }
            } else if resume >= p.resumeBlocks {
                paused = false
                runEnd = end
            }
            if score > p.scoreMin { strong += 1 }
            miss = 0
        } else if runStart >= 0 {
            miss += 1
            if miss > p.maxMiss { closeRun(floor: floor) }
        }
    }

    /// A block's score for the run's end: a block dipping under the line noise (a gap between notes or tracks)
    /// counts as music.
    @inline(__always)
    private func musicValue(_ b: BlockStats) -> Float {
        b.dips > 0.1 ? max(b.score, p.scoreMin + 1) : b.score
    }

    private mutating func closeRun(floor: Float) {
        // The end of the last block that counted: the music stopped somewhere in it or goes on in a spurt of
        // sound that started before it (`HoldFinder.grow` follows that spurt to its end).
        let end = runEnd
        if end - runStart >= p.minFrames, strong >= p.minStrong { spans.append(FrameSpan(runStart, end)) }
        runStart = -1
        miss = 0
        strong = 0
        paused = false
        resume = 0
    }

    /// Music spans found (call once, at the end).
    mutating func finish(frames total: Int) -> [FrameSpan] {
        let floor = history.lastFloor
        if inBlock >= p.block / 2 { endBlock(total, floor: floor) }
        if runStart >= 0 { closeRun(floor: floor) }
        return spans
    }
}

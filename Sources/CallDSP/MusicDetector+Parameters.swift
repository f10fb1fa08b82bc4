extension MusicDetector {
    /// The detector's settings in frames and energies, derived once from `AnalysisSettings` and the sample rate
    /// (fixed values: `Tuning.MusicScoring`, `Tuning.MusicRun`).
    struct Parameters {
        var block: Int
        var window: Int
        var minFrames: Int
        var scoreMin: Float
        /// Frames of line noise in a row that show the line back after a run's music-like blocks (`MusicRun.close`).
        var glimpse: Int
        /// The longest opening between two music pieces that keeps them one span (the line open longer than this
        /// between two passages of music is a real pick-up, even without words).
        var joinOpening: Int
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
        /// Line noise in a row that shows the line open (no music on hold there). Openings inside a run split it
        /// (an agent checking back on a held caller); two runs with none between them are one (a passage of music
        /// that scored as speech).
        var openingFrames: Int
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
            typealias S = Tuning.MusicScoring
            typealias R = Tuning.MusicRun
            typealias O = Tuning.OpenLine
            block = max(S.blockMinFrames, scale.frames(seconds: s.musicBlockS))
            window = max(1, min(S.windowMaxBlocks, Int((s.musicWindowS / s.musicBlockS).rounded())))
            minFrames = scale.frames(seconds: s.musicMinS)
            scoreMin = Float(s.musicScoreMin)
            let q = Float(sampleRate) / 8000
            lagMix = min(1, max(0, q - 1))
            let rest = q / (1 + lagMix)
            lagScale = rest * rest
            gap = max(1, scale.frames(ms: s.musicGapMs))
            pauseMargin = dbRatio(s.musicPauseDB)
            pauseDB = Float(s.musicPauseDB)
            openingFrames = max(O.openingMinFrames, scale.frames(ms: O.openingMs))
            joinOpening = scale.frames(ms: R.joinOpeningMs)
            glimpse = max(R.glimpseMinFrames, scale.frames(ms: R.glimpseMs))
            recovery = scale.frames(seconds: s.noiseWindowS)
            lowRatio = dbRatio(-Model.lowDB)
            startReach = window * R.startReachNumerator / R.startReachDenominator * block
            startFallback = window * R.startFallbackNumerator / R.startFallbackDenominator * block
            history = (window + 2 * R.maxMiss + R.historySpareBlocks) * block + startReach
            // Rates quoted per 10 ms frame, adjusted to the frame length.
            func per(_ a10: Double) -> Float {
                Float(1 - pow10(log10Of(1 - a10) * Double(scale.frameMs) / 10))
            }
            fast = per(S.fastRate10ms)
            slow = per(S.slowRate10ms)
            soundLevel = dbRatio(s.vadFloorDBFS)
            frameMs = scale.frameMs
        }
    }

    /// The music score of a block or window of blocks: a linear model of the frame-to-frame change of the lag-1 and
    /// lag-2 autocorrelations (spectral tilt flux), the rms 2-8 Hz modulation of the level (dB) and the share of
    /// frames more than `lowDB` under the block's mean energy. Positive: music; negative: speech. Coefficients in
    /// `Tuning.MusicModel`.
    enum Model {
        static let lowDB = Tuning.MusicModel.lowDB
        @inline(__always)
        static func score(flux1 f1: Float, flux2 f2: Float, modulation m: Float, low l: Float) -> Float {
            typealias M = Tuning.MusicModel
            return M.bias + M.flux1 * f1 + M.flux2 * f2 + M.modulation * m + M.low * l
        }
    }
}

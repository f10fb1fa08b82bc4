/// Every fixed tuning value of the call analysis, one line each on what it does.
///
/// Settings a deployment may change live in `AnalysisSettings` (the pipeline YAML's `analysis:` keys); the values
/// here are internal: the detectors were fitted with them and changing one changes the analysis. Physical and
/// definitional constants (a dB is 10·log10, 3.0103 = 10·log10(2), the 10 ms frame the rates below are quoted
/// for) stay where they are used. How each value was chosen is in the git history of the line that sets it.
enum Tuning {
    /// The stereo front end (`AnalysisCore`).
    enum Core {
        /// Longest warm-up the noise floor sees before the VADs decide anything (seconds; at most `noise_window_s`).
        static let warmupMaxS = 3.0
        /// Starting low-band share of a channel's line noise (the music detector's floor is the VAD's low-band
        /// floor over it).
        static let noiseShareStart: Float = 0.5
        /// Per-frame rate at which that share follows the channel's frames while it does not talk.
        static let noiseShareRate: Float = 0.02
        /// Least low-band share of a frame's energy (`FrameFeatures.lowBandShare`): keeps a hissy frame's
        /// low-band energy from vanishing.
        static let lowBandShareMin: Float = 0.05
    }

    /// Voice activity of one channel (`ChannelVAD`).
    enum VAD {
        /// Longest look-back at an onset (frames), whatever `vad_preroll_ms` asks: the soft-frame bitmap holds 64.
        static let prerollMaxFrames = 60
        /// Least frames in the noise floor's window (six sub-windows of at least one frame).
        static let noiseWindowMinFrames = 6
        /// Talk level (dB) assumed before the channel has talked.
        static let talkLevelStartDB: Float = -30
        /// Per-frame rate at which the talk level follows talk frames.
        static let talkLevelRate: Float = 0.01
        /// Talk-to-noise ratio (dB) assumed before the channel has talked (a clean line: no low-SNR stretch).
        static let snrBeforeTalkDB: Float = 30
        /// Talk-to-noise ratio (dB) at and above which the tail and look-back are the clean-line settings.
        static let cleanSNRDB: Float = 25
        /// dB from `cleanSNRDB` down to the ratio at which they are the low-SNR settings (25 − 13 = 12 dB).
        static let lowSNRSpanDB: Float = 13
        /// Power of the low-SNR weight for the tail: a word's fading end hides under the noise ever faster as the
        /// ratio falls.
        static let tailWeightPower: Float = 1.2
    }

    /// The minimum-statistics noise floor (`NoiseFloorTracker`).
    enum NoiseFloor {
        /// Sub-windows of the floor's window whose minima are kept.
        static let slots = 6
        /// Frames within `steadyBandDB` in a row that make a steady level (noise that rose).
        static let steadyFrames = 50
        /// A frame is steady when its level is within this many dB of the running level.
        static let steadyBandDB: Float = 2
        /// Per-frame rate of that running level.
        static let levelRate: Float = 0.1
        /// A steady level counts as noise only this many dB under the channel's talk level.
        static let steadyUnderTalkDB: Float = 10
        /// Weight of the previous smoothed energy (two-frame average).
        static let smoothing: Float = 0.5
        /// A steady level puts the floor at this share of its energy (3 dB under it).
        static let steadyShare: Float = 0.5
        /// Frames under this multiple of the floor (6 dB) are the noise whose mean is tracked.
        static let noiseBand: Float = 4
        /// Per-frame rate of that mean.
        static let noiseMeanRate: Float = 0.02
        /// The thresholds' reference stays under this multiple of the floor (3 dB).
        static let referenceMax: Float = 2
    }

    /// The other party heard in a channel (`LeakageEstimator`, `LeakLine`).
    enum Leakage {
        /// Correlated frames before the cancellation gain is trusted.
        static let gainWarmup = 20
        /// Forgetting factor of the gain per training frame (about 10 minutes of leaked speech).
        static let gainForget: Float = 0.9995
        /// Energy ratio (10 dB) by which the louder channel must dominate for the quieter one to carry its leak.
        static let dominance: Float = 10
        /// Squared correlation a frame needs to teach the leak line: a lossy archive keeps about 0.3 of the leak's
        /// waveform; unrelated sound in two channels reaches 0.1 in about 2% of 10 ms frames at 8 kHz.
        static let lineMinCorrelation: Float = 0.1
        /// Once the line is trusted, a frame this many times above its prediction (6 dB: its own party talking
        /// under the other) does not teach it.
        static let lineOutlier: Float = 4
        /// Points before the leak line is trusted (2 s of frames).
        static let lineWarmup = 200
        /// Forgetting factor of the leak line per point (about 3 minutes of frames).
        static let lineForget = 0.99995
    }

    /// Evidence that the line is open: frames of its own noise (`OpenLineTracker`).
    enum OpenLine {
        /// Frames of line noise in a row that make an opening (the line open, no music there).
        static let openingMs = 250
        /// Least frames in an opening.
        static let openingMinFrames = 2
        /// Largest difference of each smoothed autocorrelation (lags 1 and 2) between a line-noise frame and the
        /// line noise's own.
        static let tiltTolerance: Float = 0.2
        /// Smoothing of the frame shape and level (per frame; about 4 frames).
        static let smoothing: Float = 0.25
        /// About the smoothed shape's lag after a change from a word's to the line's (frames moved back).
        static let lagFrames = 6
        /// A frame's difference from the line's shape is clipped to ± this when learning (word decays' tonal
        /// frames do not pull the shape).
        static let clip: Float = 0.3
        /// Weight of a block's mean in the line's shape.
        static let blockWeight: Float = 0.1
        /// Frames the line's shape must have learnt from before openings are looked for.
        static let warmUp = 100
        /// A frame within this many dB of the line level teaches the line's shape.
        static let nearLineDB: Float = 3
        /// Bottom of the pause band, in dB under the line level (lower is digital silence between notes).
        static let bandBottomDB: Float = 10
        /// Share of the pause band's bottom in the line level's energy (the same 10 dB).
        static let bandBottomShare: Float = 0.1
        /// A raw frame shape within this multiple of the tolerance extends an opening back over the smoothing's lag.
        static let rawToleranceFactor: Float = 2
    }

    /// Block scoring of the music detector (`MusicBlockScorer`, `MusicDetector.Model`).
    enum MusicScoring {
        /// Least frames in a block.
        static let blockMinFrames = 10
        /// Most blocks in the sliding window (the ring and `music_window_s`'s validation bound).
        static let windowMaxBlocks = 32
        /// Level-modulation band: per-10 ms-frame rates of the fast and slow level averages (about 8 Hz and 2 Hz).
        static let fastRate10ms = 0.4
        static let slowRate10ms = 0.1
        /// The line level follows the noise floor once per this many frames (plenty for a 20 s average).
        static let lineEveryFrames = 10
        /// Frames during which the line level follows the floor whatever their distance (the first 3 s).
        static let lineSettleFrames = 300
        /// After that, a floor more than this many dB from the line level is not the line's noise (silence between
        /// notes under it, a steady sound over it): not followed.
        static let lineJumpDB: Float = 10
        /// Slowest rate of the line level's running average (after 1/n at the start).
        static let lineRateMin: Float = 0.005
        /// A frame more than this many dB under the line level dips (music injected without line noise; an open
        /// line never does).
        static let dipDB: Float = 10
        /// Share of a window's frames above digital silence a music window needs (and a block to have a score).
        static let soundShareMin: Float = 0.5
        /// A block whose frames dip more than this share is a gap between notes or tracks: it counts as music.
        static let dippedBlockShare: Float = 0.1
        /// Such a block's music value is at least `music_score_min` plus this.
        static let dippedBlockLift: Float = 1
    }

    /// The music score (`MusicDetector.Model`): score = bias + flux1·Σ|Δr1| + flux2·Σ|Δr2|
    /// + modulation·rms(level modulation, dB) + low·(share of low frames). flux1, flux2 and modulation come from a
    /// logistic fit on uncoded music on hold against speech at 10-30 dB SNR; bias and low were refitted with those
    /// kept, on source audio and its Opus round trip together, windows without music weighted 5:1 (a false start
    /// costs more than a late one).
    enum MusicModel {
        static let bias: Float = 15.7
        static let flux1: Float = -87
        static let flux2: Float = -67
        static let modulation: Float = -0.84
        static let low: Float = -4.9
        /// A frame is low when its energy is this many dB under its block's mean energy (the pauses between words).
        static let lowDB: Double = 6
    }

    /// The music run state machine (`MusicRun`) and the span emission (`MusicSpanEmitter`). Score margins are
    /// relative to `music_score_min`.
    enum MusicRun {
        /// Hysteresis: a run goes on while its window scores above `music_score_min` minus this; a piece is judged
        /// with it; a run's first blocks are taken back while they score above it.
        static let hysteresis: Float = 2
        /// A block or few blocks score plainly as music above `music_score_min` plus this (too noisy for the
        /// hysteresis).
        static let plainMargin: Float = 2
        /// Two blocks in a row each above `music_score_min` plus this resume a paused run (a bar that scored as
        /// speech for a block near a track's end).
        static let resumePairMargin: Float = 4
        /// Share of dipping frames that starts a run at the hysteresis (a track that scores weakly but falls
        /// silent between notes); the same share of dips in a window counts it as plainly musical.
        static let startDipShare: Float = 0.1
        /// Share of dipping frames that keeps a run going (and counts a window as plainly musical).
        static let holdDipShare: Float = 0.05
        /// Music-like windows that may fail inside a run.
        static let maxMiss = 3
        /// Windows above `music_score_min` a run needs to be music (a few music-like seconds of speech are not).
        static let minStrong = 5
        /// The same for a run with no opening of the line inside and line noise in at most 1 in `closedLineFrames`
        /// of its frames.
        static let closedStrong = 2
        /// A run is closed when at most 1 in this many of its frames is line noise (2%).
        static let closedLineFrames = 50
        /// Blocks a piece must exceed to be judged with the hysteresis; shorter ones must score plainly.
        static let shortPiece = 3
        /// Blocks after a run's music stopped that resume it when they score as music on average (the newest too).
        static let resumeBlocks = 4
        /// Blocks in a row scoring plainly (`resumePairMargin`) that resume a run.
        static let resumePairBlocks = 2
        /// Reach back for a run's start (the pause before the music), in windows: 3/2 of a window.
        static let startReachNumerator = 3, startReachDenominator = 2
        /// Where a start is put when no pause is in reach, and how far after its last block an end is searched:
        /// 3/4 of a window.
        static let startFallbackNumerator = 3, startFallbackDenominator = 4
        /// Blocks of frames kept beyond the window, the misses and the start's reach (for a span's edges).
        static let historySpareBlocks = 8
        /// Line noise in a row that shows the line back after a run's music-like blocks (ms).
        static let glimpseMs = 150
        /// Least frames of such a glimpse.
        static let glimpseMinFrames = 2
        /// The longest opening between two music pieces that keeps them one span (ms): a longer one is a pick-up.
        static let joinOpeningMs = 2000
        /// An opening reaches this fraction of `openingMs` into the music after it (the smoothed tilt lags the
        /// music's first frames): 1/5, 50 ms.
        static let openingLagDivisor = 5
        /// Ledger entries beyond twice the history's blocks plus this many before old blocks are merged.
        static let ledgerSpareEntries = 8
        /// Blocks around a run's edge (plus a pause) where no ledger entries are merged.
        static let edgeBlocks = 2
    }

    /// Hold from the audio (`HoldFinder`).
    enum Hold {
        /// Share of a candidate the other side may talk in (a caller saying "hello?" on hold).
        static let otherTalkShare = 0.1
        /// How far a music span grows earlier over the channel's activity touching it (s): the detector may start
        /// late when the music begins without a clear pause.
        static let growBeforeS = 3.0
        /// How far it grows later over activity that began before it (s).
        static let growAfterS = 0.5
        /// Activity ending this long before a span still touches it (s): the music's first notes.
        static let touchS = 0.3
        /// How far it grows later over activity that began inside it (s): the music's last notes.
        static let growLateAfterS = 2.0
    }
}

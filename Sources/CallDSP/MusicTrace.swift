/// Diagnostics of the music detector: one row per block of one channel, with the block's own measures and the
/// means over the sliding window that ends with it (what `MusicDetector.Model` scores). Asked for with
/// `CallAnalyzer(…, traceMusic: true)` and read from `CallAnalyzer.musicTrace` after `finish`; used to refit the
/// model (`nokchwi-dev accuracy --dump-music-features`), never on the normal path.
public struct MusicTraceRow: Sendable, Equatable {
    /// 0: agent (or the mono channel), 1: caller.
    public var channel: Int
    /// The block, and the window of blocks ending with it (seconds).
    public var blockStart: Double
    public var blockEnd: Double
    public var windowStart: Double
    /// Blocks in the window (the window is full at `music_window_s / music_block_s`).
    public var windowBlocks: Int
    public var windowFull: Bool
    /// Measures of the block alone and of the window: mean |Δr1|, mean |Δr2|, rms level modulation (dB), share of
    /// frames under the line noise, share of frames above digital silence.
    public var block: Measures
    public var window: Measures
    /// Model scores of the block and of the window (`-∞` as -1000 when half the frames are digital silence).
    public var blockScore: Float
    public var windowScore: Float
    /// The block's value for the run's end (`MusicBlockScorer.musicValue`).
    public var blockMusicValue: Float
    /// Detector state after the block: inside a run, and the run's music paused.
    public var inRun: Bool
    public var paused: Bool
    /// The run's start (seconds, -1 outside a run) and whether it was put on a pause (false: the fallback).
    public var runStart: Double
    public var startOnPause: Bool
    /// The channel's noise floor at the block's end and its line level (dB).
    public var floorDB: Float
    public var lineDB: Float

    public struct Measures: Sendable, Equatable {
        public var flux1: Float
        public var flux2: Float
        public var modulation: Float
        public var dips: Float
        public var sound: Float
        public var low: Float
    }
}

extension MusicTraceRow.Measures {
    init(_ b: BlockStats) {
        flux1 = b.flux1
        flux2 = b.flux2
        modulation = max(0, b.modulation2).squareRoot()
        dips = b.dips
        sound = b.sound
        low = b.low
    }
}

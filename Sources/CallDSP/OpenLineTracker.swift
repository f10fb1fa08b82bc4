/// Finds where a channel carries its own line noise: the evidence that the line is open, so music on hold (which
/// the PBX sends in place of the line, without its noise) is not playing there.
///
/// A frame is line noise when its energy lies in the pause band around the line level (`[low, quiet)`, as for
/// the music detector's pauses) and its spectral tilt (the lag-1 autocorrelation, smoothed over about 4 frames)
/// is within `tolerance` of the line noise's own: a running average over blocks of the mean tilt of a block's frames
/// near the line level (after the first block each frame's difference from the current estimate is clipped to
/// ±`clip`, so the few tonal frames of word decays do not pull it). It is learnt only from blocks that are mostly line noise (at least half their frames near the line
/// level: elsewhere the decays of words, more tonal than white noise, are most of those frames) and that the music
/// detector found plainly not music (quiet passages of music before a run is found would teach it the music's
/// tilt).
/// Level alone is not enough: quiet passages of music fall to the line level too, but a decaying note is far more
/// tonal than white or pink line noise (lag 1 about 0.9-1.0 against 0.0 and 0.7), and codec hiss in the music
/// is whiter than the line's pink noise. `openingFrames` of such frames in a row (one stray frame tolerated) are an
/// opening; the openings of the last stretch are kept as spans.
struct OpenLineTracker {
    /// Frames of line noise in a row that make an opening.
    let openingFrames: Int
    /// Largest |smoothed tilt − line tilt| of a line-noise frame.
    let tolerance: Float
    /// The smoothed tilt of the newest frame.
    private(set) var tilt: Float = 0
    /// The line noise's tilt (running median of frames near the line level).
    private(set) var lineTilt: Float = 0
    /// Frames the line tilt has learnt from (it is trusted after `warmUp`).
    private var learnt = 0
    /// The current block's frames near the line level: their count and the sum of their (clipped) tilt differences.
    private var nearCount = 0
    private var nearSum: Float = 0
    static let clip: Float = 0.3
    private var started = false
    private var run = 0
    private var stray = 0
    private var runStart = 0
    /// The current run is already `openings.last`.
    private var recorded = false
    /// Openings found, oldest first (pruned by the caller).
    private(set) var openings: [FrameSpan] = []

    static let smoothing: Float = 0.25
    /// Weight of a block's median in the line tilt.
    static let blockWeight: Float = 0.1
    static let warmUp = 100

    init(openingFrames: Int, tolerance: Float) {
        self.openingFrames = openingFrames
        self.tolerance = tolerance
    }

    /// Whether the line tilt has been learnt (until then there are no openings: nothing is known of the line).
    var ready: Bool { learnt >= Self.warmUp }

    /// Frame `k`: `lag1` its lag-1 autocorrelation; `nearLine` whether its energy is within a few dB of the line
    /// level (the tilt is learnt there: `endBlock`); `inBand` whether it lies in the pause band.
    @inline(__always)
    mutating func step(_ k: Int, lag1: Float, nearLine: Bool, inBand: Bool) {
        if !started {
            tilt = lag1
            started = true
        } else {
            tilt += Self.smoothing * (lag1 - tilt)
        }
        if nearLine {
            nearSum += learnt == 0 ? tilt : min(max(tilt - lineTilt, -Self.clip), Self.clip)
            nearCount += 1
        }
        if inBand, ready, matches(tilt) {
            if run == 0 { runStart = k }
            run += 1
            stray = 0
            if recorded {
                openings[openings.count - 1].end = k + 1
            } else if run >= openingFrames {
                openings.append(FrameSpan(runStart, k + 1))
                recorded = true
            }
        } else if run > 0, stray == 0 {
            stray = 1
            run += 1
        } else {
            run = 0
            stray = 0
            recorded = false
        }
    }

    /// The block of `frames` frames ends: its frames near the line level move the line tilt when `learn` (the block
    /// is plainly not music) and they are at least half of it.
    mutating func endBlock(frames: Int, learn: Bool) {
        if learn, nearCount * 2 >= frames, nearCount > 0 {
            let mean = nearSum / Float(nearCount)
            lineTilt = learnt == 0 ? mean : lineTilt + Self.blockWeight * mean
            learnt += nearCount
        }
        nearCount = 0
        nearSum = 0
    }

    /// A smoothed tilt that belongs to the line noise.
    @inline(__always)
    func matches(_ t: Float) -> Bool { abs(t - lineTilt) < tolerance }

    /// Whether an opening overlaps `[from, to)`.
    func hasOpening(from: Int, to: Int) -> Bool {
        openings.contains { $0.end > from && $0.start < to }
    }

    /// The openings overlapping `[from, to)`.
    func openings(from: Int, to: Int) -> [FrameSpan] {
        openings.filter { $0.end > from && $0.start < to }
    }

    /// Forgets openings that end before `frame`.
    mutating func forget(before frame: Int) {
        if let first = openings.firstIndex(where: { $0.end >= frame }) {
            if first > 0 { openings.removeFirst(first) }
        } else {
            openings.removeAll(keepingCapacity: true)
            recorded = false
        }
    }
}

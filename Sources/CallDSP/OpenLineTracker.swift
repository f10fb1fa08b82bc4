/// Finds where a channel carries its own line noise: the evidence that the line is open, so music on hold (which
/// the PBX sends in place of the line, without its noise) is not playing there.
///
/// A frame is line noise when its energy lies in the pause band around the line level (`[low, quiet)`, as for the
/// music detector's pauses) and its spectral shape is the line noise's: the lag-1 and lag-2 autocorrelations, each
/// smoothed over about 4 frames (the `tilt`), both within `tolerance` of the line noise's own.
///
/// Level alone is not enough: quiet passages of music fall to the line level too. Their shape differs: a decaying
/// note is far more tonal than white or pink line noise (lag 1 about 0.9-1.0 against 0.0 and 0.7), codec hiss in
/// the music is whiter than a pink line, and where a passage has the line's lag 1 a tone's lag 2 falls much lower
/// than noise's (a sine has r₂ = 2r₁² − 1, smooth noise about r₁²: measured 0.27 against 0.61 on a pink 10 dB line).
///
/// The line's shape is a running average over blocks of the mean shape of a block's frames near the line level
/// (after the first block, each frame's difference from the current estimate is clipped to ±`Tuning.OpenLine.clip`,
/// so the few tonal frames of word decays do not pull it). It is learnt only from blocks that are mostly line noise
/// (at least half their frames near the line level) and that the music detector found plainly not music (quiet
/// passages of music before a run is found would teach it the music's shape).
///
/// `openingFrames` line-noise frames in a row (one stray frame tolerated) are an opening; the openings of the last
/// stretch are kept as spans.
struct OpenLineTracker {
    /// Frames of line noise in a row that make an opening.
    let openingFrames: Int
    /// Largest difference of each smoothed autocorrelation from the line noise's.
    let tolerance: Float
    /// Top of the pause band, in dB over the line level (`music_pause_db`).
    let bandTop: Float
    /// The level (dB), smoothed as the shape is.
    private var level: Float = 0
    /// The smoothed lag-1 and lag-2 autocorrelations of the newest frame.
    private(set) var tilt: SIMD2<Float> = .zero
    /// The line noise's.
    private(set) var lineTilt: SIMD2<Float> = .zero
    /// Frames the line's shape has learnt from (it is trusted after `Tuning.OpenLine.warmUp`).
    private var learnt = 0
    /// The current block's frames near the line level: their count and the sum of their (clipped) differences.
    private var nearCount = 0
    private var nearSum: SIMD2<Float> = .zero
    private var started = false
    private var run = ToleratedRun()
    private var runStart = 0
    /// In-band frames in a row whose raw shape is within twice the tolerance of the line's.
    private var rawRun = 0
    /// The current run is already `openings.last`.
    private var recorded = false
    /// Openings found, oldest first (pruned by the caller).
    private(set) var openings: [FrameSpan] = []
    /// Line-noise frames of the current block, in runs of any length (once the line's shape is known): the glimpses
    /// of the line between words, which music on hold seldom has.
    private(set) var blockLineFrames = 0

    init(openingFrames: Int, tolerance: Float, bandTop: Float) {
        self.openingFrames = openingFrames
        self.tolerance = tolerance
        self.bandTop = bandTop
    }

    /// Whether the line's shape has been learnt (until then there are no openings: nothing is known of the line).
    var ready: Bool { learnt >= Tuning.OpenLine.warmUp }

    /// Frame `k`: `lag1`, `lag2` its autocorrelations, `db` its level, `lineDB` the line level. Near the line level
    /// the line's shape is learnt (`endBlock`). A line-noise frame's level, smoothed as its shape is, lies in the
    /// pause band (from 10 dB under the line level to `bandTop` dB over it): 10 ms frames of noise scatter by a few
    /// dB, more after Opus coding, and the raw frames of a pink Opus-coded line leave the band too often to stay in
    /// it for 250 ms.
    @inline(__always)
    mutating func step(_ k: Int, lag1: Float, lag2: Float, db: Float, lineDB: Float) {
        typealias T = Tuning.OpenLine
        let raw = SIMD2(lag1, lag2)
        if !started {
            tilt = raw
            level = db
            started = true
        } else {
            tilt += T.smoothing * (raw - tilt)
            level += T.smoothing * (db - level)
        }
        let nearLine = abs(db - lineDB) < T.nearLineDB
        let inBand = db >= lineDB - T.bandBottomDB && db < lineDB + bandTop
        let smoothedInBand = level >= lineDB - T.bandBottomDB && level < lineDB + bandTop
        if nearLine {
            if learnt == 0 {
                nearSum += tilt
            } else {
                // Scalar clamps: SIMD2's `clamped` is a call to `pointwiseMin`/`pointwiseMax` per frame (not inlined).
                let d = tilt - lineTilt
                nearSum += SIMD2(min(max(d.x, -T.clip), T.clip), min(max(d.y, -T.clip), T.clip))
            }
            nearCount += 1
        }
        let rawBefore = rawRun
        rawRun = inBand && within(raw, T.rawToleranceFactor * tolerance) ? rawRun + 1 : 0
        let line = smoothedInBand && ready && matches(tilt)
        if line { blockLineFrames += 1 }
        switch run.step(line) {
        case .started:
            // The smoothed shape reaches the line's a few frames late: the frames just before, in the band and
            // with a raw shape near the line's, belong to the run.
            let back = min(rawBefore, T.lagFrames)
            runStart = k - back
            run.extend(by: back)
            fallthrough
        case .passed:
            if recorded {
                openings[openings.count - 1].end = k + 1
            } else if run.length >= openingFrames {
                openings.append(FrameSpan(runStart, k + 1))
                recorded = true
            }
        case .strayed:
            break
        case .broken:
            recorded = false
        }
    }

    /// The block of `frames` frames ends: its frames near the line level move the line's shape when `learn` (the
    /// block is plainly not music) and they are at least half of it.
    mutating func endBlock(frames: Int, learn: Bool) {
        if learn, nearCount * 2 >= frames, nearCount > 0 {
            let mean = nearSum / Float(nearCount)
            lineTilt = learnt == 0 ? mean : lineTilt + Tuning.OpenLine.blockWeight * mean
            learnt += nearCount
        }
        nearCount = 0
        nearSum = .zero
        blockLineFrames = 0
    }

    /// A smoothed shape that belongs to the line noise.
    @inline(__always)
    func matches(_ t: SIMD2<Float>) -> Bool { within(t, tolerance) }

    @inline(__always)
    private func within(_ t: SIMD2<Float>, _ limit: Float) -> Bool {
        let d = t - lineTilt
        return Swift.abs(d.x) < limit && Swift.abs(d.y) < limit
    }

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

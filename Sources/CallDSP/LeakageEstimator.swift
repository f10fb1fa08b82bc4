/// Estimates how much of each party leaks into the other's channel, removes what it can, and turns the rest
/// into a margin the VAD adds to its thresholds.
///
/// Cancellation: with `g` the gain of channel B in channel A, the energy A has of its own is
/// Σ(a − g·b)² = Eaa − 2g·Eab + g²·Ebb: three frame sums, no per-sample work. `g` is learnt from frames a
/// channel carries nothing but the other's louder, correlated signal.
///
/// Cancellation needs the waveforms of both channels to agree. A lossy archive (Opus codes each party's stream
/// on its own) keeps each channel's energy but not that agreement, and even in the source it fails at word
/// onsets; so the estimator also measures the leak by energy alone: a running least-squares line of A's energy
/// against B's on frames where B is 10 dB louder. Its slope is the share of B's energy that shows up in A (the
/// intercept, A's own line noise, drops out). The margin is the larger of the cancellation's expected error
/// (`g²·Ebb` × `leak_residual_db`) and that measured share of B's energy × `leak_margin_db`.
/// Before any estimate exists, a frame that correlates with a louder other channel is treated as leakage.
struct LeakageEstimator {
    /// Gain of the caller's signal in the agent channel (index 0) and of the agent's in the caller channel (1).
    private(set) var gain: (Float, Float) = (0, 0)
    /// Share of the other channel's energy found in each channel (slope of the leak line).
    private(set) var remaining: (Float, Float) = (0, 0)
    private var num: (Float, Float) = (0, 0)
    private var den: (Float, Float) = (0, 0)
    private var samples: (Int, Int) = (0, 0)
    private var lineA = LeakLine()
    private var lineB = LeakLine()
    let minCorrelation: Float
    /// Multiplier of the cancellation's expected error (from `leak_residual_db`).
    let residualShare: Float
    /// Multiplier of the measured leak share (from `leak_margin_db`).
    let marginFactor: Float

    init(minCorrelation: Float, residualShare: Float, marginFactor: Float) {
        self.minCorrelation = minCorrelation
        self.residualShare = residualShare
        self.marginFactor = marginFactor
    }

    struct Output {
        var residual: (Float, Float)
        /// Energy added to each channel's VAD thresholds.
        var margin: (Float, Float)
    }

    /// `ea`, `eb`: frame energies (mean squares) of channels 0 and 1; `x`: their mean cross product.
    @inline(__always)
    mutating func step(ea: Float, eb: Float, x: Float) -> Output {
        typealias T = Tuning.Leakage
        let rho2 = x * x / (ea * eb)
        if rho2 > minCorrelation {
            // The quieter channel of a strongly correlated pair carries the louder one's leakage.
            if eb > T.dominance * ea {
                num.0 = num.0 * T.gainForget + x
                den.0 = den.0 * T.gainForget + eb
                samples.0 += 1
                if samples.0 >= T.gainWarmup { gain.0 = num.0 / den.0 }
            } else if ea > T.dominance * eb {
                num.1 = num.1 * T.gainForget + x
                den.1 = den.1 * T.gainForget + ea
                samples.1 += 1
                if samples.1 >= T.gainWarmup { gain.1 = num.1 / den.1 }
            }
        }
        let g0 = gain.0, g1 = gain.1
        // Never above the raw energy: where the other channel does not leak (music on hold is injected after
        // the line), "removing" it would add its energy instead.
        var r0 = min(ea, max(ea - 2 * g0 * x + g0 * g0 * eb, FrameFeatures.tiny))
        var r1 = min(eb, max(eb - 2 * g1 * x + g1 * g1 * ea, FrameFeatures.tiny))
        var m0 = max(residualShare * g0 * g0, marginFactor * remaining.0) * eb
        var m1 = max(residualShare * g1 * g1, marginFactor * remaining.1) * ea
        // The leak line learns from frames the other party dominates by 10 dB and that share at least a little of
        // its waveform (music on hold, put in after the line, shares none: minutes of it would teach the line that
        // nothing leaks); once trusted, a frame 6 dB above the line (its own party talking under the other) does
        // not teach it.
        if eb > T.dominance * ea, rho2 > T.lineMinCorrelation,
           !(lineA.trusted && ea > T.lineOutlier * lineA.predict(eb)) {
            lineA.add(x: eb, y: ea)
            remaining.0 = lineA.slope
        }
        if ea > T.dominance * eb, rho2 > T.lineMinCorrelation,
           !(lineB.trusted && eb > T.lineOutlier * lineB.predict(ea)) {
            lineB.add(x: ea, y: eb)
            remaining.1 = lineB.slope
        }
        // No estimate yet: a quieter channel explained by the louder one is leakage.
        if samples.0 < T.gainWarmup, rho2 > minCorrelation, eb > T.dominance * ea { r0 = ea * (1 - rho2); m0 = ea }
        if samples.1 < T.gainWarmup, rho2 > minCorrelation, ea > T.dominance * eb { r1 = eb * (1 - rho2); m1 = eb }
        return Output(residual: (r0, r1), margin: (m0, m1))
    }
}

/// Estimates how much of each party leaks into the other's channel (a gain per direction, from the frames a
/// channel carries nothing but the other's louder signal) and removes it from the frame energies.
///
/// With `g` the gain of channel B in channel A, the energy A has of its own is Σ(a − g·b)² =
/// Eaa − 2g·Eab + g²·Ebb: three frame sums, no per-sample work. The leakage left after that (coding noise,
/// a wrong estimate) is `g²·Ebb` scaled by `leak_residual_db`, added to A's thresholds by the VAD.
/// Before any estimate exists, a frame that correlates with a louder other channel is treated as leakage.
struct LeakageEstimator {
    /// Gain of the caller's signal in the agent channel (index 0) and of the agent's in the caller channel (1).
    private(set) var gain: (Float, Float) = (0, 0)
    private var num: (Float, Float) = (0, 0)
    private var den: (Float, Float) = (0, 0)
    private var samples: (Int, Int) = (0, 0)
    let minCorrelation: Float
    /// Frames needed before the estimate is trusted.
    static let warmup = 20
    /// Forgetting factor per training frame (about 10 minutes of leaked speech).
    static let forget: Float = 0.9995

    init(minCorrelation: Float) {
        self.minCorrelation = minCorrelation
    }

    struct Output {
        var residual: (Float, Float)
        var leak: (Float, Float)
    }

    /// `ea`, `eb`: frame energies (mean squares) of channels 0 and 1; `x`: their mean cross product.
    @inline(__always)
    mutating func step(ea: Float, eb: Float, x: Float) -> Output {
        let rho2 = x * x / (ea * eb)
        if rho2 > minCorrelation {
            // The quieter channel of a strongly correlated pair carries the louder one's leakage.
            if eb > 10 * ea {
                num.0 = num.0 * Self.forget + x
                den.0 = den.0 * Self.forget + eb
                samples.0 += 1
                if samples.0 >= Self.warmup { gain.0 = num.0 / den.0 }
            } else if ea > 10 * eb {
                num.1 = num.1 * Self.forget + x
                den.1 = den.1 * Self.forget + ea
                samples.1 += 1
                if samples.1 >= Self.warmup { gain.1 = num.1 / den.1 }
            }
        }
        let g0 = gain.0, g1 = gain.1
        // Never above the raw energy: where the other channel does not leak (music on hold is injected after
        // the line), "removing" it would add its energy instead.
        var r0 = min(ea, max(ea - 2 * g0 * x + g0 * g0 * eb, FrameFeatures.tiny))
        var r1 = min(eb, max(eb - 2 * g1 * x + g1 * g1 * ea, FrameFeatures.tiny))
        var l0 = g0 * g0 * eb
        var l1 = g1 * g1 * ea
        // No estimate yet: a quieter channel explained by the louder one is leakage.
        if samples.0 < Self.warmup, rho2 > minCorrelation, eb > 10 * ea { r0 = ea * (1 - rho2); l0 = ea * 10 }
        if samples.1 < Self.warmup, rho2 > minCorrelation, ea > 10 * eb { r1 = eb * (1 - rho2); l1 = eb * 10 }
        return Output(residual: (r0, r1), leak: (l0, l1))
    }
}

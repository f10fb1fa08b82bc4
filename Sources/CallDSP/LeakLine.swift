/// A least-squares line `y ≈ intercept + slope·x`, over exponentially forgotten points (`LeakageEstimator`'s
/// energy of one channel against the other channel's energy). Sums in Double: the energies span
/// seven decades and the slope is a difference of near-equal products.
struct LeakLine {
    private var w = 0.0, sx = 0.0, sy = 0.0, sxx = 0.0, sxy = 0.0
    private var count = 0

    private(set) var slope: Float = 0
    private(set) var intercept: Float = 0

    /// Enough points (`Tuning.Leakage.lineWarmup`) for the fitted line.
    var trusted: Bool { count >= Tuning.Leakage.lineWarmup }

    @inline(__always)
    func predict(_ x: Float) -> Float { intercept + slope * x }

    @inline(__always)
    mutating func add(x: Float, y: Float) {
        let f = Tuning.Leakage.lineForget, dx = Double(x), dy = Double(y)
        w = w * f + 1
        sx = sx * f + dx
        sy = sy * f + dy
        sxx = sxx * f + dx * dx
        sxy = sxy * f + dx * dy
        count += 1
        // Until the line is trusted, the plain ratio (line noise included: it errs on the safe side).
        guard count >= Tuning.Leakage.lineWarmup else { slope = Float(sy / max(sx, 1e-30)); return }
        let varX = w * sxx - sx * sx
        guard varX > 0 else { return }
        let b = max(0, (w * sxy - sx * sy) / varX)
        slope = Float(b)
        intercept = Float(max(0, (sy - b * sx) / w))
    }
}

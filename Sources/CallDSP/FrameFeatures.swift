/// What the analysis uses of one channel's frame.
struct FrameFeatures {
    /// Mean square with the frame's DC removed.
    var energy: Float
    /// Normalised lag-1 autocorrelation (about 1 for low, tonal sound; about 0 for white noise).
    var lag1: Float
    /// Normalised lag-2 autocorrelation.
    var lag2: Float
    /// Normalised lag-4 autocorrelation.
    var lag4: Float
    /// Σx⁴ / (Σx²)²: about 0.04-0.12 for speech and noise over 80 samples, 0.5 or more for a click (a few
    /// samples carry the frame's energy); 1 for a single impulse.
    var crest: Float
    /// Frame mean (for the cross-channel product).
    var mean: Float

    /// Share of the energy left after (1 + z⁻¹)/2, a gentle low-pass (half power at a quarter of the sample
    /// rate): speech keeps nearly all its energy, white line noise loses half, and the VAD sees the speech band
    /// about 3 dB clearer of it. From the lag-1 autocorrelation, so no per-sample work.
    var lowBandShare: Float { max(Tuning.Core.lowBandShareMin, (1 + lag1) * 0.5) }

    /// Digital silence is floored here so ratios stay finite.
    static let tiny: Float = 1e-14

    @inline(__always)
    init(_ s: ChannelSums) {
        let inverseN = 1 / Float(max(1, s.count))
        let m = s.sum * inverseN
        let m2 = m * m
        let e = max(s.sumSquares * inverseN - m2, Self.tiny)
        energy = e
        mean = m
        // One division for the three normalised lags (x / pairs / e).
        let k = s.pairs > 0 ? 1 / (Float(s.pairs) * e) : 0
        let pe = Float(s.pairs) * m2
        lag1 = (s.pairProducts - pe) * k
        lag2 = (s.lag2Products - pe) * k
        lag4 = (s.lag4Products - pe) * k
        crest = s.sumSquares > 0 ? s.fourth / (s.sumSquares * s.sumSquares) : 0
    }
}

/// Conversions between settings in milliseconds/seconds and frame counts.
struct FrameScale {
    let frameMs: Int

    func frames(ms: Int) -> Int { (ms + frameMs / 2) / frameMs }
    func frames(seconds: Double) -> Int { Int((seconds * 1000 / Double(frameMs)).rounded()) }
    /// Frame index to seconds, rounded to 10 ms.
    func seconds(_ frame: Int) -> Double { (Double(frame * frameMs) / 10).rounded() / 100 }
}

@inline(__always)
func dbRatio(_ db: Double) -> Float { Float(pow10(db / 10)) }

/// 10^x without Foundation (settings conversion only, not on the hot path).
func pow10(_ x: Double) -> Double {
    // exp(x ln 10) by range reduction to 2^k · e^r.
    let y = x * 2.302585092994046
    let k = (y / 0.6931471805599453).rounded()
    let r = y - k * 0.6931471805599453
    var term = 1.0, sum = 1.0
    for i in 1...20 {
        term *= r / Double(i)
        sum += term
    }
    var scale = 1.0
    let twos = Int(k)
    if twos >= 0 { for _ in 0..<twos { scale *= 2 } } else { for _ in 0..<(-twos) { scale /= 2 } }
    return sum * scale
}

/// log10 without Foundation (settings conversion only): x = m·2^e, ln m = 2·atanh((m − 1)/(m + 1)).
func log10Of(_ x: Double) -> Double {
    guard x > 0 else { return -.infinity }
    let e = Double(x.exponent)
    let m = x.significand  // [1, 2)
    let t = (m - 1) / (m + 1), t2 = t * t
    var term = t, sum = 0.0
    for i in stride(from: 1, through: 41, by: 2) {
        sum += term / Double(i)
        term *= t2
    }
    return (e * 0.6931471805599453 + 2 * sum) / 2.302585092994046
}

/// Fast 2^x for thresholds (relative error < 0.2%): exponent bits plus a cubic on the fraction.
@inline(__always)
func fastExp2(_ x: Float) -> Float {
    let clamped = min(max(x, -126), 126)
    let i = clamped.rounded(.down)
    let f = clamped - i
    let p = 1 + f * (0.6951 + f * (0.2262 + f * 0.0787))
    return Float(bitPattern: UInt32(Int32(i) + 127) << 23) * p
}

/// Fast log2 for levels in dB (error < 0.01): exponent bits plus a quadratic on the mantissa m in [1, 2), which
/// the quadratic maps to 1 + log2(m) (hence 128, not the exponent's bias of 127).
@inline(__always)
func fastLog2(_ x: Float) -> Float {
    let bits = x.bitPattern
    let exponent = Float(Int32(bitPattern: (bits >> 23) & 0xFF) - 128)
    let m = Float(bitPattern: (bits & 0x007F_FFFF) | 0x3F80_0000)  // [1, 2)
    return exponent + (-0.34484843 * m + 2.02466578) * m - 0.67487759
}

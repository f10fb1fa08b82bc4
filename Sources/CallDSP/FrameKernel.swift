/// Sums of one channel over one analysis frame, from which `FrameFeatures` are derived.
struct ChannelSums {
    var sum: Float = 0
    var sumSquares: Float = 0
    /// Σ x[2m]·x[2m+1] over the frame's sample pairs (a lag-1 autocorrelation estimate on half the lags).
    var pairProducts: Float = 0
    /// Σ x[i]·x[i+2] for i ≡ 0, 1 (mod 4): a lag-2 estimate on half the lags. Same count as `pairs`.
    var lag2Products: Float = 0
    /// Σ x[i]·x[i+4] for i ≡ 0...3 (mod 8): lag 4, half the lags (16 kHz: the lag-2 of 8 kHz).
    var lag4Products: Float = 0
    var pairs = 0
    /// Σ x⁴: with Σ x² it tells an impulse (a click) from sound spread over the frame.
    var fourth: Float = 0
    var count = 0
}

/// The SIMD inner loops: one pass over a frame's interleaved samples.
///
/// Form kept (checked in the release assembly, see README "SIMD"): `SIMD16<Float>` loads of interleaved stereo
/// split with `evenHalf`/`oddHalf` into one `SIMD8<Float>` per channel (shufps $0x88/$0xdd), products on those
/// (two mulps each on baseline x86-64), and the two halves folded into `SIMD4<Float>` accumulators (addps): 13
/// accumulators fit the 16 xmm registers better than 13 `SIMD8` ones (which spilled on every iteration). No
/// `addingProduct` (it becomes `fmaf` calls without an FMA target), no `reduce` (never vectorized), no
/// `pointwiseMax`/`pointwiseMin` (measured: not inlined, a function call per vector, half the analysis time):
/// the click test uses Σx⁴ instead of the peak.
enum FrameKernel {
    /// Stereo interleaved `[a0 b0 a1 b1 ...]`, `n` frames; returns both channels' sums and Σ a·b. `wide`: also
    /// the lag-4 products (only rates above 8 kHz use them; call with a literal so each case is its own loop).
    @inline(__always)
    static func stereo(_ p: UnsafePointer<Float>, frames n: Int, wide: Bool) -> (ChannelSums, ChannelSums, Float) {
        var sA = SIMD4<Float>(), qA = SIMD4<Float>(), lA = SIMD4<Float>(), mA = SIMD4<Float>(), fA = SIMD4<Float>()
        var sB = SIMD4<Float>(), qB = SIMD4<Float>(), lB = SIMD4<Float>(), mB = SIMD4<Float>(), fB = SIMD4<Float>()
        var kA = SIMD4<Float>(), kB = SIMD4<Float>()
        var xAB = SIMD4<Float>()
        let vectors = n / 8
        let raw = UnsafeRawPointer(p)
        for j in 0..<vectors {
            let v = raw.loadUnaligned(fromByteOffset: j * 64, as: SIMD16<Float>.self)
            let a = v.evenHalf
            let b = v.oddHalf
            sA += a.lowHalf + a.highHalf
            lA += a.evenHalf * a.oddHalf
            mA += lag2(a)
            if wide { kA += a.lowHalf * a.highHalf }
            let a2 = a * a
            qA += a2.lowHalf + a2.highHalf
            let a4 = a2 * a2
            fA += a4.lowHalf + a4.highHalf
            sB += b.lowHalf + b.highHalf
            lB += b.evenHalf * b.oddHalf
            mB += lag2(b)
            if wide { kB += b.lowHalf * b.highHalf }
            let b2 = b * b
            qB += b2.lowHalf + b2.highHalf
            let b4 = b2 * b2
            fB += b4.lowHalf + b4.highHalf
            let ab = a * b
            xAB += ab.lowHalf + ab.highHalf
        }
        var ca = ChannelSums(sum: sA.sum(), sumSquares: qA.sum(), pairProducts: lA.sum(), lag2Products: mA.sum(),
                             lag4Products: kA.sum(),
                             pairs: vectors * 4, fourth: fA.sum(), count: n)
        var cb = ChannelSums(sum: sB.sum(), sumSquares: qB.sum(), pairProducts: lB.sum(), lag2Products: mB.sum(),
                             lag4Products: kB.sum(),
                             pairs: vectors * 4, fourth: fB.sum(), count: n)
        var cross = xAB.sum()
        for i in (vectors * 8)..<n {
            let a = p[2 * i], b = p[2 * i + 1]
            ca.add(a)
            cb.add(b)
            cross += a * b
        }
        return (ca, cb, cross)
    }

    /// One channel, contiguous samples.
    @inline(__always)
    static func mono(_ p: UnsafePointer<Float>, frames n: Int) -> ChannelSums {
        var s = SIMD4<Float>(), q = SIMD4<Float>(), l = SIMD4<Float>(), m = SIMD4<Float>(), f4 = SIMD4<Float>()
        var k4 = SIMD4<Float>()
        let vectors = n / 8
        let raw = UnsafeRawPointer(p)
        for j in 0..<vectors {
            let a = raw.loadUnaligned(fromByteOffset: j * 32, as: SIMD8<Float>.self)
            s += a.lowHalf + a.highHalf
            let a2 = a * a
            q += a2.lowHalf + a2.highHalf
            let a4 = a2 * a2
            f4 += a4.lowHalf + a4.highHalf
            l += a.evenHalf * a.oddHalf
            m += lag2(a)
            k4 += a.lowHalf * a.highHalf
        }
        var c = ChannelSums(sum: s.sum(), sumSquares: q.sum(), pairProducts: l.sum(), lag2Products: m.sum(),
                            lag4Products: k4.sum(),
                            pairs: vectors * 4, fourth: f4.sum(), count: n)
        for i in (vectors * 8)..<n { c.add(p[i]) }
        return c
    }

    /// (a0 a1 a4 a5) · (a2 a3 a6 a7): four lag-2 products of eight samples.
    @inline(__always)
    static func lag2(_ a: SIMD8<Float>) -> SIMD4<Float> {
        let lo = a.lowHalf, hi = a.highHalf
        return SIMD4(lowHalf: lo.lowHalf, highHalf: hi.lowHalf) * SIMD4(lowHalf: lo.highHalf, highHalf: hi.highHalf)
    }

    /// Channels `first` and `first + 1` of an interleaved block with `stride` channels (more than two channels:
    /// the scalar path; recorders deliver one or two).
    static func strided(_ p: UnsafePointer<Float>, frames n: Int, stride: Int) -> (ChannelSums, ChannelSums, Float) {
        var ca = ChannelSums(count: n), cb = ChannelSums(count: n)
        var cross: Float = 0
        for i in 0..<n {
            let a = p[i * stride], b = p[i * stride + 1]
            ca.add(a)
            cb.add(b)
            cross += a * b
        }
        // The same sample pairs as the SIMD kernels, over whole groups of eight.
        for g in 0..<(n / 8) {
            for j in 0..<4 {
                let i = 8 * g + 2 * j
                ca.pairProducts += p[i * stride] * p[(i + 1) * stride]
                cb.pairProducts += p[i * stride + 1] * p[(i + 1) * stride + 1]
                let l = 8 * g + (j < 2 ? j : j + 2)
                ca.lag2Products += p[l * stride] * p[(l + 2) * stride]
                cb.lag2Products += p[l * stride + 1] * p[(l + 2) * stride + 1]
                let q = 8 * g + j
                ca.lag4Products += p[q * stride] * p[(q + 4) * stride]
                cb.lag4Products += p[q * stride + 1] * p[(q + 4) * stride + 1]
            }
        }
        ca.pairs = n / 8 * 4
        cb.pairs = ca.pairs
        return (ca, cb, cross)
    }
}

extension ChannelSums {
    @inline(__always)
    mutating func add(_ x: Float) {
        sum += x
        let x2 = x * x
        sumSquares += x2
        fourth += x2 * x2
    }
}

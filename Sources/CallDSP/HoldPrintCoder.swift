/// The hold-audio fingerprint of one channel, built from the analysis frames' own features (no FFT, no extra pass
/// over the samples): band-energy hashing after Haitsma and Kalker (2002), with the bands taken from what every
/// 10 ms frame already has, its energy E and normalised lag-1 and lag-2 autocorrelations r1, r2.
///
/// Over a window of `window` frames (160 ms) the sums of E, E·r1 and E·r2 give four overlapping "bands": E + R1
/// (low), E − R2 (around a quarter of the sample rate), E − R1 (high), E + R2 (both ends). A code is 16 bits: the
/// signs of the change of the window's total level over 4, 8, 16 and 32 frames, and of the change of the three
/// ratios of adjacent bands over the same four lags. Signs of level changes and of ratio changes do not see a gain
/// change and little of the codec; long windows overlapping by 15 frames (reference) or 12 (recording) make the
/// codes change slowly, so a recording that starts anywhere (a fraction of a frame off the reference's frames)
/// still agrees on most bits.
///
/// `hop` frames per code: 1 for the registered tracks (every alignment is in the reference), 4 for recordings
/// (a quarter of the work; a recording's code at frame f meets the reference's code at frame f + δ).
struct HoldPrintCoder {
    static let window = 16
    /// Frame lags of the bit comparisons (energy bits 0-3, then per lag three shape bits).
    static let lags: SIMD4<Int32> = [4, 8, 16, 32]
    static let longestLag = 32
    /// Frames before the first valid code: the window and the longest lag.
    static let warmupFrames = window - 1 + longestLag

    let hop: Int
    /// The last 16 frames' E, E·r1, E·r2, then per code (a ring of 64: at least `longestLag / hop + 1`) the window's
    /// total and its four bands, in one buffer (one uniqueness check per frame, none per element).
    private var state = [Float](repeating: 0, count: 48 + 64 + 4 * 64)
    private var frame = 0
    private var count = 0

    init(hop: Int) {
        precondition(hop == 1 || hop == 2 || hop == 4, "codes every frame (reference) or every 2 or 4 frames (recording)")
        self.hop = hop
    }

    /// Frame of the recording that code `j` ends on.
    static func frame(ofCode j: Int, hop: Int) -> Int { j * hop + hop - 1 }

    /// Whether code `j` had a full history (earlier codes are noise).
    static func isValid(code j: Int, hop: Int) -> Bool { frame(ofCode: j, hop: hop) >= warmupFrames }

    /// One frame's energy and normalised lag-1 / lag-2 autocorrelations; returns a code every `hop` frames.
    @inline(__always)
    mutating func push(energy: Float, lag1: Float, lag2: Float) -> UInt16? {
        let i = frame & 15
        frame += 1
        let ready = frame & (hop - 1) == 0
        let count = self.count
        let shift = hop.trailingZeroBitCount
        let code: UInt16? = state.withUnsafeMutableBufferPointer { b in
            let p = b.baseAddress!
            p[i] = energy
            p[16 + i] = energy * lag1
            p[32 + i] = energy * lag2
            guard ready else { return nil }
            return Self.code(p, count, shift)
        }
        if code != nil { self.count += 1 }
        return code
    }

    /// The bits compare logarithms without taking any: log a − log b > log c − log d ⇔ a·d > c·b (all positive).
    @inline(__always)
    private static func code(_ p: UnsafeMutablePointer<Float>, _ count: Int, _ shift: Int) -> UInt16 {
        let raw = UnsafeRawPointer(p)
        let e = raw.loadUnaligned(as: SIMD16<Float>.self)
        let r1 = raw.loadUnaligned(fromByteOffset: 64, as: SIMD16<Float>.self)
        let r2 = raw.loadUnaligned(fromByteOffset: 128, as: SIMD16<Float>.self)
        let te = e.sum() + FrameFeatures.tiny, t1 = r1.sum(), t2 = r2.sum()
        let floor = te * 1e-4
        // Bands low, quarter-rate, high, both ends, each compared with its neighbour.
        let band = SIMD4<Float>(te + t1, te - t2, te - t1, te + t2)
        let now = band.replacing(with: floor, where: band .< floor)
        let totals = p + 48, bands = p + 48 + 64
        let slot = count & 63
        totals[slot] = te
        (bands + 4 * slot).withMemoryRebound(to: SIMD4<Float>.self, capacity: 1) { $0.pointee = now }
        let nowNext = SIMD4<Float>(now[1], now[2], now[3], 0)
        // Branch-free: the bits are random, so a branch per bit would be mispredicted half the time.
        let ones = SIMD4<UInt32>(repeating: 1)
        var backs = SIMD4<Int32>(repeating: Int32(truncatingIfNeeded: count)) &- (lags &>> Int32(shift))
        backs &= 63
        let then0 = SIMD4<Float>(totals[Int(backs[0])], totals[Int(backs[1])], totals[Int(backs[2])], totals[Int(backs[3])])
        var word = (SIMD4<UInt32>() .replacing(with: ones, where: SIMD4(repeating: te) .> then0) &<< [0, 1, 2, 3]).wrappedSum()
        for l in 0..<4 {
            let then = UnsafeRawPointer(bands + 4 * Int(backs[l])).loadUnaligned(as: SIMD4<Float>.self)
            // (b_m / b_m+1)(now) > (b_m / b_m+1)(then) ⇔ now_m · then_m+1 > then_m · now_m+1 (lane 3: 0 > 0, never)
            let thenNext = SIMD4<Float>(then[1], then[2], then[3], 0)
            let up = now * thenNext .> then * nowNext
            let at = UInt32(4 + 3 * l)
            word |= (SIMD4<UInt32>().replacing(with: ones, where: up) &<< SIMD4(at, at + 1, at + 2, 0)).wrappedSum()
        }
        let bits = UInt16(truncatingIfNeeded: word)
        return bits
    }
}

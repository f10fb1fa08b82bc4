/// Line noise, precomputed once: a table of unit-RMS white and pink noise that calls read from at random
/// offsets (a 16 s cycle at 8 kHz is far longer than anything listening to it can remember).
struct DemoNoise: Sendable {
    enum Color: String, Sendable, Codable, CaseIterable { case white, pink }

    static let tableSize = 1 << 17
    let white: [Float]
    let pink: [Float]

    init(seed: UInt64) {
        var rng = DemoRandom.derived(seed, 7)
        var w = [Float](repeating: 0, count: Self.tableSize)
        for i in 0..<w.count { w[i] = Float(rng.gaussian()) }
        // Paul Kellett's economy pink filter.
        var p = [Float](repeating: 0, count: Self.tableSize)
        var b0: Float = 0, b1: Float = 0, b2: Float = 0
        // Run the filter over the table twice so its state at the start matches its state at the end.
        for pass in 0..<2 {
            for i in 0..<w.count {
                let x = w[i]
                b0 = 0.99765 * b0 + x * 0.0990460
                b1 = 0.96300 * b1 + x * 0.2965164
                b2 = 0.57000 * b2 + x * 1.0526913
                if pass == 1 { p[i] = b0 + b1 + b2 + x * 0.1848 }
            }
        }
        white = Self.normalised(w)
        pink = Self.normalised(p)
    }

    private static func normalised(_ x: [Float]) -> [Float] {
        var mean: Double = 0
        for v in x { mean += Double(v) }
        mean /= Double(x.count)
        var energy: Double = 0
        for v in x { energy += (Double(v) - mean) * (Double(v) - mean) }
        let scale = Float(1 / (energy / Double(x.count)).squareRoot())
        let m = Float(mean)
        return x.map { ($0 - m) * scale }
    }

    /// Adds `rms`-scaled noise of `color` to `range` of `buffer`; sample `i` reads the table at `offset + i`.
    func add(_ color: Color, rms: Float, offset: Int, range: Range<Int>, to buffer: inout [Float]) {
        let table = color == .white ? white : pink
        let mask = Self.tableSize - 1
        table.withUnsafeBufferPointer { t in
            buffer.withUnsafeMutableBufferPointer { b in
                var j = (offset + range.lowerBound) & mask
                for i in range.clamped(to: 0..<b.count) {
                    b[i] += t[j] * rms
                    j = (j + 1) & mask
                }
            }
        }
    }
}

@testable import CallDSP
import CallModel

/// Deterministic synthetic signals for the analysis tests (8 kHz unless said otherwise).
struct SignalFactory {
    let rate: Int
    private var state: UInt64

    init(rate: Int = 8000, seed: UInt64 = 0x5EED) {
        self.rate = rate
        state = seed
    }

    func samples(_ seconds: Double) -> Int { Int((seconds * Double(rate)).rounded()) }

    /// Uniform in [-1, 1) (64-bit LCG, high bits).
    mutating func uniform() -> Float {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return Float(Int64(bitPattern: state) >> 40) / Float(1 << 23)
    }

    /// Gaussian-ish white noise at `dbfs` RMS (sum of four uniforms).
    mutating func noise(_ seconds: Double, dbfs: Double) -> [Float] {
        let rms = Float(pow10(dbfs / 20))
        let scale = rms / (4.0 / 3.0).squareRoot()
        return (0..<samples(seconds)).map { _ in (uniform() + uniform() + uniform() + uniform()) * scale }
    }

    /// Noise tilted to the low frequencies like telephone line hum and pink noise (white noise through a one-pole
    /// low-pass, y = 0.9·y + x), rescaled to RMS `dbfs`.
    mutating func lowNoise(_ seconds: Double, dbfs: Double) -> [Float] {
        var y: Float = 0
        let raw = noise(seconds, dbfs: 0).map { x -> Float in y = 0.9 * y + x; return y }
        let rms = (raw.reduce(0) { $0 + Double($1) * Double($1) } / Double(max(1, raw.count))).squareRoot()
        let scale = Float(pow10(dbfs / 20) / max(rms, 1e-12))
        return raw.map { $0 * scale }
    }

    /// `v` as a lossy codec might render another channel's leak: `share` of its energy still `v`'s waveform, the
    /// rest the same samples with random signs (the same energy, no correlation).
    mutating func decorrelated(_ v: [Float], share: Float = 0.3) -> [Float] {
        let kept = share.squareRoot(), lost = (1 - share).squareRoot()
        return v.map { kept * $0 + lost * (uniform() < 0 ? -$0 : $0) }
    }

    /// A sine at `hz`, RMS `dbfs`.
    func tone(_ seconds: Double, hz: Double, dbfs: Double) -> [Float] {
        let amplitude = pow10(dbfs / 20) * 2.0.squareRoot()
        return (0..<samples(seconds)).map { Float(amplitude * sine(2 * .pi * hz * Double($0) / Double(rate))) }
    }

    /// A sustained three-note chord with a slow swell (music-like, no pauses).
    func chord(_ seconds: Double, dbfs: Double) -> [Float] {
        let notes = [261.63, 329.63, 392.0, 523.25]
        let amplitude = pow10(dbfs / 20) * (2.0 / Double(notes.count)).squareRoot()
        return (0..<samples(seconds)).map { i in
            let t = Double(i) / Double(rate)
            let swell = 1 + 0.2 * sine(2 * .pi * 0.25 * t)
            return Float(amplitude * swell * notes.reduce(0) { $0 + sine(2 * .pi * $1 * t) })
        }
    }

    /// Speech-like sound: 4-5 syllables a second of a gliding harmonic voice, with short fricative noise
    /// bursts and a pause every few syllables. RMS over the whole stretch about `dbfs`.
    mutating func speech(_ seconds: Double, dbfs: Double, f0: Double = 120) -> [Float] {
        let n = samples(seconds)
        var out = [Float](repeating: 0, count: n)
        let amplitude = pow10((dbfs + 4) / 20)
        var i = 0
        var syllable = 0
        var phase = 0.0
        while i < n {
            let length = samples(0.14 + 0.1 * Double(uniform() + 1) / 2)
            let glide = f0 * (0.85 + 0.3 * Double(uniform() + 1) / 2)
            for j in 0..<min(length, n - i) {
                let x = Double(j) / Double(length)
                let envelope = sine(.pi * x)
                let pitch = glide * (1 + 0.15 * (x - 0.5))
                phase += 2 * .pi * pitch / Double(rate)
                var v = 0.0
                for h in 1...6 { v += sine(phase * Double(h)) / Double(h) }
                out[i + j] = Float(amplitude * envelope * envelope * v * 0.6)
            }
            i += length
            syllable += 1
            if syllable % 2 == 0 {  // a fricative
                let f = samples(0.06)
                for j in 0..<min(f, max(0, n - i)) { out[i + j] = uniform() * Float(amplitude * 0.25) }
                i += f
            }
            i += samples(syllable % 5 == 0 ? 0.12 : 0.03)
        }
        return out
    }

    static func silence(_ count: Int) -> [Float] { [Float](repeating: 0, count: count) }

    /// `base` with `part` added at `seconds`.
    func mix(_ base: [Float], _ part: [Float], at seconds: Double, gain: Float = 1) -> [Float] {
        var out = base
        let start = samples(seconds)
        for (k, v) in part.enumerated() where start + k < out.count { out[start + k] += v * gain }
        return out
    }

    static func interleave(_ a: [Float], _ b: [Float]) -> [Float] {
        var out = [Float](repeating: 0, count: 2 * min(a.count, b.count))
        for i in 0..<min(a.count, b.count) {
            out[2 * i] = a[i]
            out[2 * i + 1] = b[i]
        }
        return out
    }

    /// Sine by range reduction and a Taylor polynomial (no Foundation in the tests' target either).
    func sine(_ x: Double) -> Double {
        var r = x.truncatingRemainder(dividingBy: 2 * .pi)
        if r > .pi { r -= 2 * .pi } else if r < -.pi { r += 2 * .pi }
        if r > .pi / 2 { r = .pi - r } else if r < -.pi / 2 { r = -.pi - r }
        let r2 = r * r
        return r * (1 - r2 / 6 * (1 - r2 / 20 * (1 - r2 / 42 * (1 - r2 / 72 * (1 - r2 / 110)))))
    }
}

/// Runs an analyzer over interleaved samples in blocks of `block` frames.
func analyse(_ interleaved: [Float], channels: Int, rate: Int = 8000, block: Int = 4096,
             settings: AnalysisSettings = .init(), metadataHold: [HoldInterval]? = nil) -> CallAnalysis {
    let analyzer = CallAnalyzer(sampleRate: rate, channels: channels, settings: settings)
    interleaved.withUnsafeBufferPointer { all in
        let frames = all.count / channels
        var f = 0
        while f < frames {
            let n = min(block, frames - f)
            analyzer.process(UnsafeBufferPointer(rebasing: all[(f * channels)..<((f + n) * channels)]), frames: n)
            f += n
        }
    }
    return analyzer.finish(metadataHold: metadataHold)
}

/// Segment pairs, for readable expectations.
func pairs(_ spans: [TimeSpan]) -> [[Double]] { spans.map { [$0.start, $0.end] } }

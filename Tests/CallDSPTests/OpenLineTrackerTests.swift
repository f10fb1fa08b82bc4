@testable import CallDSP
import Foundation
import Testing

/// The open line's evidence: frames at the line level with the line noise's spectral tilt.
@Suite struct OpenLineTrackerTests {
    /// Lag-1 and lag-2 autocorrelations of each 10 ms frame (80 samples).
    static func lags(_ x: [Float]) -> [SIMD2<Float>] {
        stride(from: 0, to: x.count - 79, by: 80).map { s in
            var e: Float = 0, p1: Float = 0, p2: Float = 0
            for i in s..<(s + 80) { e += x[i] * x[i] }
            for i in s..<(s + 79) { p1 += x[i] * x[i + 1] }
            for i in s..<(s + 78) { p2 += x[i] * x[i + 2] }
            return e > 0 ? SIMD2(p1 / e, p2 / e) : .zero
        }
    }

    /// Level (dB) of each 10 ms frame.
    static func levels(_ x: [Float]) -> [Float] {
        stride(from: 0, to: x.count - 79, by: 80).map { s in
            var e: Float = 0
            for i in s..<(s + 80) { e += x[i] * x[i] }
            return 10 * log10(max(e / 80, 1e-12))
        }
    }

    /// Feeds `x` frame by frame (100-frame blocks) with the line level `lineDB` (default: the median frame level,
    /// so every frame of these signals is in the level band); `learn(block)` says which blocks may teach the line
    /// tilt.
    static func track(_ x: [Float], lineDB: Float? = nil, learn: (Int) -> Bool) -> OpenLineTracker {
        var t = OpenLineTracker(openingFrames: 25, tolerance: 0.15, bandTop: 6)
        let db = levels(x)
        let line = lineDB ?? db.sorted()[db.count / 2]
        for (k, r) in lags(x).enumerated() {
            t.step(k, lag1: r.x, lag2: r.y, db: db[k], lineDB: line)
            if (k + 1) % 100 == 0 { t.endBlock(frames: 100, learn: learn(k / 100)) }
        }
        return t
    }

    /// The line's noise, learnt on 2 s of steady noise, comes back 4 dB louder and scattering by ±5 dB from frame to
    /// frame (as an Opus-coded line did after music on hold): a fifth of its frames or more lie over the band's top (6 dB
    /// over the line level), often two in a row. Its level smoothed as the shape is stays in the band: it is open
    /// line all through. (Frame by frame, the openings of seed 4711 call 24's archive were missed.)
    @Test func lineNoiseScatteringOverTheBandsTopIsStillOpenLine() {
        var f = SignalFactory()
        let steady = f.noise(2, dbfs: -40)
        let noise = f.noise(5, dbfs: -36)
        var scattered: [Float] = []
        for frame in stride(from: 0, to: noise.count, by: 80) {
            let gain = pow(10, 5 * f.uniform() / 20)
            scattered += noise[frame..<min(frame + 80, noise.count)].map { $0 * gain }
        }
        let lineDB = Self.levels(steady).sorted()[100]
        let over = Self.levels(scattered).filter { $0 >= lineDB + 6 }.count
        #expect(over * 5 > Self.levels(scattered).count, "frames over the band's top: \(over) of 500")
        let t = Self.track(steady + scattered, lineDB: lineDB) { $0 < 2 }
        #expect(t.ready)
        let open = t.openings(from: 200, to: 700).reduce(0) { $0 + min($1.end, 700) - max($1.start, 200) }
        #expect(open >= 450, "open line frames \(open) of 500: \(t.openings)")
    }

    @Test func lineNoiseOpensTheLineAndAToneAtTheSameLevelDoesNot() {
        var f = SignalFactory()
        // 3 s of white line noise, 1 s of a quiet tone at the same level (a decaying note), 1 s of noise again.
        let x = f.noise(3, dbfs: -40) + f.tone(1, hz: 300, dbfs: -40) + f.noise(1, dbfs: -40)
        // The tone's block is not plainly speech or noise: it does not teach the line tilt.
        let t = Self.track(x) { $0 != 3 }
        #expect(t.ready)
        #expect(abs(t.lineTilt.x) < 0.1 && abs(t.lineTilt.y) < 0.1, "line shape \(t.lineTilt)")
        // Nothing is known of the line in its first block (the first opening reaches back at most 6 frames into it,
        // the smoothing's lag).
        #expect(!t.hasOpening(from: 0, to: 94))
        #expect(t.hasOpening(from: 100, to: 300))
        // The smoothed tilt leaves the line's within a few frames of the tone's start.
        #expect(t.openings(from: 306, to: 400).isEmpty, "openings \(t.openings)")
        #expect(t.hasOpening(from: 420, to: 500))
    }

    /// A tone with the pink line's lag 1 (cos ω = 0.7, 1013 Hz) is still no line noise: its lag 2 (2·0.7² − 1, about
    /// 0) is far from smooth noise's (about 0.7² = 0.49).
    @Test func aToneWithTheLinesLagOneIsToldApartByLagTwo() {
        var f = SignalFactory()
        var y: Float = 0
        func pinkish(_ seconds: Double) -> [Float] {
            f.noise(seconds, dbfs: -40).map { x -> Float in y = 0.7 * y + x; return y * 0.7 }
        }
        let tone = f.tone(1, hz: acos(0.7) / (2 * .pi) * 8000, dbfs: -40)
        let x = pinkish(3) + tone + pinkish(1)
        let t = Self.track(x) { $0 != 3 }
        let toneLags = Self.lags(tone).reduce(SIMD2<Float>.zero, +) / Float(Self.lags(tone).count)
        #expect(abs(toneLags.x - t.lineTilt.x) < t.tolerance, "tone \(toneLags), line \(t.lineTilt)")
        #expect(abs(toneLags.y - t.lineTilt.y) > 2 * t.tolerance, "tone \(toneLags), line \(t.lineTilt)")
        #expect(t.hasOpening(from: 100, to: 300))
        #expect(t.openings(from: 306, to: 400).isEmpty, "openings \(t.openings)")
        #expect(t.hasOpening(from: 420, to: 500))
    }

    @Test func blocksThatAreNotPlainlySpeechOrNoiseTeachNothing() {
        var f = SignalFactory()
        // A tone first (music not yet found: its blocks may not teach), then line noise.
        let x = f.tone(2, hz: 300, dbfs: -40) + f.noise(3, dbfs: -40)
        let taught = Self.track(x) { $0 >= 2 }
        #expect(abs(taught.lineTilt.x) < 0.1, "line shape \(taught.lineTilt)")
        // Had the tone's blocks taught it, the line tilt would lean towards the tone's (about 0.97).
        let misled = Self.track(x) { _ in true }
        #expect(misled.lineTilt.x > taught.lineTilt.x + 0.1, "misled \(misled.lineTilt), taught \(taught.lineTilt)")
    }
}

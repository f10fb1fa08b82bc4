@testable import CallDSP
import Testing

/// The open line's evidence: frames at the line level with the line noise's spectral tilt.
@Suite struct OpenLineTrackerTests {
    /// Lag-1 autocorrelation of each 10 ms frame (80 samples).
    static func lag1s(_ x: [Float]) -> [Float] {
        stride(from: 0, to: x.count - 79, by: 80).map { s in
            var e: Float = 0, p: Float = 0
            for i in s..<(s + 80) { e += x[i] * x[i] }
            for i in s..<(s + 79) { p += x[i] * x[i + 1] }
            return e > 0 ? p / e : 0
        }
    }

    /// Feeds `x` frame by frame (every frame in the level band, 100-frame blocks); `learn(block)` says which blocks
    /// may teach the line tilt.
    static func track(_ x: [Float], learn: (Int) -> Bool) -> OpenLineTracker {
        var t = OpenLineTracker(openingFrames: 25, tolerance: 0.15)
        for (k, r) in lag1s(x).enumerated() {
            t.step(k, lag1: r, nearLine: true, inBand: true)
            if (k + 1) % 100 == 0 { t.endBlock(frames: 100, learn: learn(k / 100)) }
        }
        return t
    }

    @Test func lineNoiseOpensTheLineAndAToneAtTheSameLevelDoesNot() {
        var f = SignalFactory()
        // 3 s of white line noise, 1 s of a quiet tone at the same level (a decaying note), 1 s of noise again.
        let x = f.noise(3, dbfs: -40) + f.tone(1, hz: 300, dbfs: -40) + f.noise(1, dbfs: -40)
        // The tone's block is not plainly speech or noise: it does not teach the line tilt.
        let t = Self.track(x) { $0 != 3 }
        #expect(t.ready)
        #expect(abs(t.lineTilt) < 0.1, "line tilt \(t.lineTilt)")
        // Nothing is known of the line in its first block.
        #expect(!t.hasOpening(from: 0, to: 100))
        #expect(t.hasOpening(from: 100, to: 300))
        // The smoothed tilt leaves the line's within a few frames of the tone's start.
        #expect(t.openings(from: 306, to: 400).isEmpty, "openings \(t.openings)")
        #expect(t.hasOpening(from: 420, to: 500))
    }

    @Test func blocksThatAreNotPlainlySpeechOrNoiseTeachNothing() {
        var f = SignalFactory()
        // A tone first (music not yet found: its blocks may not teach), then line noise.
        let x = f.tone(2, hz: 300, dbfs: -40) + f.noise(3, dbfs: -40)
        let taught = Self.track(x) { $0 >= 2 }
        #expect(abs(taught.lineTilt) < 0.1, "line tilt \(taught.lineTilt)")
        // Had the tone's blocks taught it, the line tilt would lean towards the tone's (about 0.97).
        let misled = Self.track(x) { _ in true }
        #expect(misled.lineTilt > taught.lineTilt + 0.1, "misled \(misled.lineTilt), taught \(taught.lineTilt)")
    }
}

import CallDSP
@testable import CallDemo
import Foundation
import Testing

/// The generator's truth counts talk as the analysis does: pauses under `bridge_ms` bridged, longer ones not.
struct DemoPromptTests {
    /// Two 300 ms bursts of a 440 Hz tone `gapMs` apart, with 100 ms of silence before and after (8 kHz).
    private func bursts(gapMs: Int) -> [Float] {
        let burst = (0..<2400).map { Float(0.3 * sin(2 * Double.pi * 440 * Double($0) / 8000)) }
        let silence = { (ms: Int) in [Float](repeating: 0, count: ms * 8) }
        return silence(100) + burst + silence(gapMs) + burst + silence(100)
    }

    @Test func aPauseUnderTheAnalysisBridgeIsTalkInTheTruth() throws {
        #expect(DemoPrompt.truthBridgeFrames * 10 == AnalysisSettings().bridgeMs)
        let prompt = try #require(DemoPrompt.analyse(name: "short-pause", samples: bursts(gapMs: 190)))
        #expect(prompt.speech == [0..<(2 * 2400 + 190 * 8)])
    }

    @Test func aLongerPauseIsNotTalkInTheTruthButStaysInTheTrimmedAudio() throws {
        let prompt = try #require(DemoPrompt.analyse(name: "long-pause", samples: bursts(gapMs: 220)))
        #expect(prompt.speech == [0..<2400, (2400 + 220 * 8)..<(2 * 2400 + 220 * 8)])
        // Trimming (and the speech level) still bridge 250 ms, as the corpus was made: both bursts are kept.
        #expect(prompt.samples.count == 2 * 2400 + 220 * 8)
    }
}

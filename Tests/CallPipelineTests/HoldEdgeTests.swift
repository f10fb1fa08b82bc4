import CallAudio
import CallDSP
import Foundation
import Testing

/// A hold found in the audio must end where the music ends: the agent's first words after the hold are talk, not
/// hold. `Fixtures/audio-hold-then-speech.wav` is 44 s of a generated call (A-law stereo, agent on channel 0,
/// 30 dB SNR): the agent speaks, 23 s of music on hold (macroform-robot_dity), the agent speaks again 0.83 s after
/// the music. An earlier music detector let the hold run on for 8.6 s over those words (their blocks score
/// music-like while the window still remembers the music).
@Suite struct HoldEdgeTests {
    static let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Fixtures/audio-hold-then-speech.wav").path
    /// Ground truth of the excerpt (seconds), from the generator.
    static let trueHold = (start: 9.06, end: 31.63)
    static let trueAgentAfterHold = [(32.46, 33.69), (34.07, 40.22), (40.56, 41.58)]

    static func analyse(blockFrames: Int) throws -> CallAnalysis {
        let reader = try SndFileReader(path: fixture)
        let analyzer = CallAnalyzer(sampleRate: reader.info.sampleRate, channels: reader.info.channels)
        while true {
            let chunk = try reader.readChunk(maxFrames: blockFrames)
            if chunk.isEmpty { break }
            chunk.withUnsafeBufferPointer { analyzer.process($0, frames: chunk.count / reader.info.channels) }
        }
        return analyzer.finish(metadataHold: nil)
    }

    @Test(arguments: [4096, 1000])
    func holdEndsWhereTheMusicEndsAndTheAgentsNextWordsAreTalk(blockFrames: Int) throws {
        let analysis = try Self.analyse(blockFrames: blockFrames)
        #expect(analysis.hold.count == 1)
        let hold = try #require(analysis.hold.segments.first)
        #expect(hold.source == .music)
        #expect(abs(hold.start - Self.trueHold.start) <= 0.5, "hold starts at \(hold.start)")
        #expect(hold.end >= Self.trueHold.end - 0.5 && hold.end <= Self.trueAgentAfterHold[0].0,
                "hold \(hold.start)-\(hold.end): the music ends at \(Self.trueHold.end), the agent speaks at \(Self.trueAgentAfterHold[0].0)")
        let agent = try #require(analysis.parties?.agent.segments)
        let trueAfter = Self.trueAgentAfterHold.reduce(0.0) { $0 + $1.1 - $1.0 }
        let foundAfter = agent.reduce(0.0) { $0 + max(0, $1.end - max($1.start, Self.trueHold.end)) }
        #expect(abs(foundAfter - trueAfter) <= 0.05 * trueAfter, "agent talk after the hold: \(foundAfter) s of \(trueAfter) s")
        // Music is never talk.
        let talkInHold = agent.reduce(0.0) { $0 + max(0, min($1.end, Self.trueHold.end) - max($1.start, Self.trueHold.start)) }
        #expect(talkInHold == 0)
    }
}

import Testing
@testable import CallDSP
import CallModel

/// A call analysed block by block gives the same result whatever the blocks.
@Suite struct StreamingTests {
    static let call: [Float] = {
        var g = SignalFactory(seed: 77)
        var agent = g.noise(40, dbfs: -45)
        agent = g.mix(agent, g.speech(6, dbfs: -15), at: 1)
        agent = g.mix(agent, g.chord(14, dbfs: -20), at: 9)
        agent = g.mix(agent, g.speech(5, dbfs: -15), at: 31)
        var caller = g.noise(40, dbfs: -50)
        caller = g.mix(caller, g.speech(4, dbfs: -18, f0: 95), at: 5)
        caller = g.mix(caller, g.speech(3, dbfs: -18, f0: 95), at: 25)
        caller = g.mix(caller, agent, at: 0, gain: 0.03)  // leakage
        // An odd length: the last frame is partial.
        return Array(SignalFactory.interleave(agent, caller).dropLast(2 * 37))
    }()

    @Test(arguments: [1, 7, 80, 81, 160, 1000, 4096, 1 << 20])
    func blockSizeDoesNotMatter(block: Int) {
        let reference = analyse(Self.call, channels: 2, block: 4096)
        let a = analyse(Self.call, channels: 2, block: block)
        #expect(a == reference)
    }

    @Test func monoBlockSizeDoesNotMatter() {
        let mono = stride(from: 0, to: Self.call.count, by: 2).map { Self.call[$0] }
        let reference = analyse(mono, channels: 1, block: 4096)
        for block in [1, 13, 333] { #expect(analyse(mono, channels: 1, block: block) == reference) }
    }

    /// `finish` can be asked again, with other metadata, without analysing the audio twice.
    @Test func finishAgain() {
        let analyzer = CallAnalyzer(sampleRate: 8000, channels: 2)
        Self.call.withUnsafeBufferPointer { analyzer.process($0, frames: $0.count / 2) }
        let first = analyzer.finish(metadataHold: nil)
        #expect(analyzer.finish(metadataHold: nil) == first)
        let given = analyzer.finish(metadataHold: [HoldInterval(start: 9, end: 23)])
        #expect(given.hold.segments == [.init(start: 9, end: 23, source: .metadata)])
        #expect(given.durationS == first.durationS)
        // The recording's length to 10 ms, though its last frame is partial: 40 s less 37 samples.
        #expect(first.durationS == 40.0)
        #expect(first.parties!.agent.segments.allSatisfy { $0.end <= first.durationS })
    }

    /// A third channel is ignored (the first two are the parties).
    @Test func extraChannelsAreIgnored() {
        var three: [Float] = []
        three.reserveCapacity(Self.call.count / 2 * 3)
        for i in stride(from: 0, to: Self.call.count, by: 2) {
            three.append(Self.call[i]); three.append(Self.call[i + 1]); three.append(0.3)
        }
        let a = analyse(three, channels: 3)
        let b = analyse(Self.call, channels: 2)
        // The scalar path sums in another order than the SIMD one: equal up to rounding.
        #expect(abs(a.parties!.agent.talkS - b.parties!.agent.talkS) <= 0.05)
        #expect(abs(a.parties!.caller.talkS - b.parties!.caller.talkS) <= 0.05)
        #expect(a.parties!.agent.segments.count == b.parties!.agent.segments.count)
    }
}

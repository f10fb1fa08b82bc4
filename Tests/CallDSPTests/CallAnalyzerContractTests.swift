import CallDSP
import CallModel
import Foundation
import Testing

/// Speech-like test signal: noise bursts modulated at a syllable rate (about 4 Hz), over a low noise floor.
private struct SignalBuilder {
    var state: UInt64 = 0x9E37_79B9_7F4A_7C15

    mutating func noise() -> Float {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return Float(Int64(bitPattern: state >> 11) % 2_000_001 - 1_000_000) / 1_000_000
    }

    /// Channel samples at `rate` for `seconds`, speech-like in `talk` spans, line noise at -60 dBFS elsewhere.
    mutating func channel(rate: Int, seconds: Double, talk: [(Double, Double)], level: Float = 0.2) -> [Float] {
        let n = Int(seconds * Double(rate))
        var out = [Float](repeating: 0, count: n)
        for i in 0..<n {
            let t = Double(i) / Double(rate)
            var s = noise() * 0.001
            if talk.contains(where: { t >= $0.0 && t < $0.1 }) {
                let syllable = Float(0.55 + 0.45 * sin(2 * .pi * 4 * t))
                s += noise() * level * syllable
            }
            out[i] = s
        }
        return out
    }
}

private func interleave(_ a: [Float], _ b: [Float]) -> [Float] {
    var out = [Float](repeating: 0, count: a.count * 2)
    for i in 0..<a.count { out[2 * i] = a[i]; out[2 * i + 1] = b[i] }
    return out
}

private func analyse(_ samples: [Float], channels: Int, rate: Int = 8000, block: Int = 4096, hold: [HoldInterval]? = nil) -> CallAnalysis {
    let analyzer = CallAnalyzer(sampleRate: rate, channels: channels)
    var offset = 0
    samples.withUnsafeBufferPointer { all in
        while offset < all.count {
            let n = min(block * channels, all.count - offset)
            analyzer.process(UnsafeBufferPointer(rebasing: all[offset..<(offset + n)]), frames: n / channels)
            offset += n
        }
    }
    return analyzer.finish(metadataHold: hold)
}

@Suite struct CallAnalyzerContractTests {
    @Test func turnsAreFoundOnTheRightParty() throws {
        var g = SignalBuilder()
        let agent = g.channel(rate: 8000, seconds: 12, talk: [(1, 4)])
        let caller = g.channel(rate: 8000, seconds: 12, talk: [(6, 9)])
        let a = analyse(interleave(agent, caller), channels: 2)
        let parties = try #require(a.parties)
        #expect(abs(a.durationS - 12) < 0.011)
        #expect(parties.agent.segments.count == 1 && parties.caller.segments.count == 1)
        let ag = try #require(parties.agent.segments.first), ca = try #require(parties.caller.segments.first)
        #expect(abs(ag.start - 1) <= 0.15 && abs(ag.end - 4) <= 0.25)
        #expect(abs(ca.start - 6) <= 0.15 && abs(ca.end - 9) <= 0.25)
        #expect(abs(parties.agent.talkS - 3) <= 0.3 && abs(parties.caller.talkS - 3) <= 0.3)
        #expect(a.overtalk?.count == 0 && parties.agent.interruptions == 0 && parties.caller.interruptions == 0)
    }

    @Test func aLongPauseIsASilenceEventAndDeadAir() throws {
        var g = SignalBuilder()
        let agent = g.channel(rate: 8000, seconds: 20, talk: [(0.5, 2.5)])
        let caller = g.channel(rate: 8000, seconds: 20, talk: [(15, 18)])
        let a = analyse(interleave(agent, caller), channels: 2)
        // Both silent from about 2.5 s to 15 s: one silence event, longer than the 10 s dead-air threshold.
        #expect(a.silence.events.count >= 1)
        let longest = try #require(a.silence.events.max { ($0.end - $0.start) < ($1.end - $1.start) })
        #expect(longest.end - longest.start > 11)
        #expect(a.deadAir.events.count == 1 && a.deadAir.thresholdS == 10)
        #expect(abs(a.nonTalkS - (a.silence.totalS + a.hold.totalS)) < 0.011)
    }

    @Test func interruptionIsCountedForThePartyWhoCutsIn() throws {
        var g = SignalBuilder()
        let agent = g.channel(rate: 8000, seconds: 10, talk: [(1, 6)])
        let caller = g.channel(rate: 8000, seconds: 10, talk: [(4, 8)])
        let a = analyse(interleave(agent, caller), channels: 2)
        let parties = try #require(a.parties)
        #expect(parties.caller.interruptions == 1 && parties.agent.interruptions == 0)
        #expect((a.overtalk?.count ?? 0) == 1)
        #expect(abs((a.overtalk?.totalS ?? 0) - 2) <= 0.35)
    }

    @Test func blockSizeDoesNotChangeTheResult() {
        var g = SignalBuilder()
        let agent = g.channel(rate: 8000, seconds: 9, talk: [(1, 3), (5, 7.5)])
        let caller = g.channel(rate: 8000, seconds: 9, talk: [(3.2, 4.8)])
        let samples = interleave(agent, caller)
        let reference = analyse(samples, channels: 2, block: 4096)
        for block in [1, 37, 80, 160, 1000, 100_000] {
            #expect(analyse(samples, channels: 2, block: block) == reference)
        }
    }

    @Test func monoGivesPartyLessTalkOnly() throws {
        var g = SignalBuilder()
        let mono = g.channel(rate: 8000, seconds: 8, talk: [(1, 3), (5, 7)])
        let a = analyse(mono, channels: 1)
        #expect(a.mono && a.channels == 1 && a.parties == nil && a.overtalk == nil)
        let talk = try #require(a.talk)
        #expect(talk.segments.count == 2 && abs(talk.talkS - 4) <= 0.4)
    }

    @Test func metadataHoldIsAuthoritative() {
        var g = SignalBuilder()
        let agent = g.channel(rate: 8000, seconds: 30, talk: [(1, 3)])
        let caller = g.channel(rate: 8000, seconds: 30, talk: [(26, 28)])
        let a = analyse(interleave(agent, caller), channels: 2, hold: [HoldInterval(start: 5, end: 20)])
        #expect(a.hold.count == 1 && a.hold.segments.first?.source == .metadata)
        #expect(abs(a.hold.totalS - 15) < 0.011)
        // No silence event is searched inside the hold.
        #expect(a.silence.events.allSatisfy { $0.end <= 5.01 || $0.start >= 19.99 })
    }

    @Test func jsonHasTheDocumentedShape() throws {
        var g = SignalBuilder()
        let agent = g.channel(rate: 8000, seconds: 5, talk: [(1, 2)])
        let caller = g.channel(rate: 8000, seconds: 5, talk: [(3, 4)])
        let a = analyse(interleave(agent, caller), channels: 2)
        let json = try #require(try JSONSerialization.jsonObject(with: JSONEncoder().encode(a)) as? [String: Any])
        #expect(Set(json.keys) == ["duration_s", "channels", "parties", "overtalk", "silence", "dead_air", "hold", "non_talk_s"])
        let agentJSON = try #require((json["parties"] as? [String: Any])?["agent"] as? [String: Any])
        #expect(Set(agentJSON.keys) == ["talk_s", "segments", "interruptions"])
        #expect(((agentJSON["segments"] as? [[Double]])?.first?.count) == 2)
        #expect(try JSONDecoder().decode(CallAnalysis.self, from: JSONEncoder().encode(a)) == a)
    }
}

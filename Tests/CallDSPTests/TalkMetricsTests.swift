import Testing
@testable import CallDSP

/// Bridging, overtalk, interruptions, silence and dead air, mono: on tone bursts over a near-silent line, where
/// every edge is exact. Bursts stay under 3 s: a perfectly steady tone longer than `noise_window_s` becomes the
/// noise floor (speech never holds that still); longer turns are bursts joined across 150 ms pauses.
@Suite struct TalkMetricsTests {
    /// A channel with tone bursts at the given [start, end] seconds.
    static func channel(_ g: inout SignalFactory, seconds: Double, bursts: [[Double]], hz: Double) -> [Float] {
        var x = g.noise(seconds, dbfs: -80)
        for b in bursts { x = g.mix(x, g.tone(b[1] - b[0], hz: hz, dbfs: -20), at: b[0]) }
        return x
    }

    @Test func pausesShorterThanTheBridgeAreBridged() {
        var g = SignalFactory()
        let agent = Self.channel(&g, seconds: 6, bursts: [[0.5, 1.0], [1.15, 1.6], [1.9, 2.5], [4.0, 4.5]], hz: 440)
        let a = analyse(SignalFactory.interleave(agent, g.noise(6, dbfs: -80)), channels: 2)
        // 150 ms pause bridged (default 200 ms), 300 ms pause kept.
        #expect(pairs(a.parties!.agent.segments) == [[0.5, 1.6], [1.9, 2.5], [4.0, 4.5]])
        var wide = AnalysisSettings()
        wide.bridgeMs = 400
        let b = analyse(SignalFactory.interleave(agent, g.noise(6, dbfs: -80)), channels: 2, settings: wide)
        #expect(pairs(b.parties!.agent.segments) == [[0.5, 2.5], [4.0, 4.5]])
    }

    @Test func overtalkAndInterruptions() {
        var g = SignalFactory()
        // Caller talks 0.5-5; the agent backchannels 1.0-1.5 (short: no interruption), cuts in at 3.0 and goes
        // on to 6.0 (an interruption by the agent). The caller then starts at 5.5 while the agent talks, for
        // 0.6 s only (not an interruption).
        let caller = Self.channel(&g, seconds: 8, bursts: [[0.5, 2.5], [2.65, 5.0], [5.5, 6.1]], hz: 300)
        let agent = Self.channel(&g, seconds: 8, bursts: [[1.0, 1.5], [3.0, 4.5], [4.65, 6.0]], hz: 500)
        let a = analyse(SignalFactory.interleave(agent, caller), channels: 2)
        #expect(a.parties!.agent.interruptions == 1)
        #expect(a.parties!.caller.interruptions == 0)
        #expect(a.overtalk!.count == 3)
        #expect(abs(a.overtalk!.totalS - (0.5 + 2.0 + 0.5)) < 0.011,
                "\(pairs(a.parties!.agent.segments)) \(pairs(a.parties!.caller.segments))")
    }

    @Test func silenceAndDeadAirEvents() {
        var g = SignalFactory()
        let agent = Self.channel(&g, seconds: 30, bursts: [[0, 2], [20, 22]], hz: 440)
        let caller = Self.channel(&g, seconds: 30, bursts: [[6, 8], [24.5, 26.5], [26.65, 28]], hz: 300)
        let a = analyse(SignalFactory.interleave(agent, caller), channels: 2)
        // Gaps: 2-6 (4 s), 8-20 (12 s, dead air), 22-24.5 (2.5 s: too short), 28-30 (2 s: too short).
        #expect(pairs(a.silence.events) == [[2, 6], [8, 20]])
        #expect(a.silence.totalS == 16)
        #expect(pairs(a.deadAir.events) == [[8, 20]])
        #expect(a.deadAir.thresholdS == 10)
        #expect(a.nonTalkS == 16)
        #expect(a.parties!.agent.talkS == 4 && a.parties!.caller.talkS == 5.5,
                "\(pairs(a.parties!.agent.segments)) \(pairs(a.parties!.caller.segments))")
    }

    @Test func monoIsPartyLess() {
        var g = SignalFactory()
        let x = Self.channel(&g, seconds: 10, bursts: [[1, 3], [3.1, 4], [8, 9]], hz: 440)
        let a = analyse(x, channels: 1)
        #expect(a.mono && a.channels == 1)
        #expect(a.parties == nil && a.overtalk == nil)
        #expect(pairs(a.talk!.segments) == [[1, 4], [8, 9]])
        #expect(a.talk!.talkS == 4)
        #expect(pairs(a.silence.events) == [[4, 8]])
    }
}

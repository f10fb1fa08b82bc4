import Testing
@testable import CallDSP
import CallModel

/// Music is never talk and marks hold; metadata holds win; a muted side is a hold too.
@Suite struct MusicAndHoldTests {
    /// Agent: speech, a 30 s sustained chord (music on hold), speech. Caller: speech before and after, line
    /// noise during the hold.
    static func holdCall(_ g: inout SignalFactory) -> [Float] {
        var agent = g.noise(44, dbfs: -50)
        agent = g.mix(agent, g.speech(3, dbfs: -16), at: 0.5)
        let music = g.chord(30, dbfs: -18)
        // On hold the PBX sends music instead of the agent's line: no line noise under it.
        for i in g.samples(5)..<g.samples(35) { agent[i] = 0 }
        agent = g.mix(agent, music, at: 5)
        agent = g.mix(agent, g.speech(3, dbfs: -16), at: 36)
        var caller = g.noise(44, dbfs: -48)
        caller = g.mix(caller, g.speech(1.0, dbfs: -18, f0: 100), at: 3.8)
        caller = g.mix(caller, g.speech(3, dbfs: -18, f0: 100), at: 40)
        return SignalFactory.interleave(agent, caller)
    }

    @Test func sustainedChordIsHoldNotTalk() {
        var g = SignalFactory(seed: 21)
        let a = analyse(Self.holdCall(&g), channels: 2)
        let agent = a.parties!.agent
        // No agent talk inside the music.
        let inMusic = agent.segments.reduce(0.0) { $0 + max(0, min($1.end, 35) - max($1.start, 5)) }
        #expect(inMusic == 0, "music counted as talk: \(pairs(agent.segments))")
        #expect(agent.talkS > 4 && agent.talkS < 8)
        #expect(a.hold.count == 1)
        if let h = a.hold.segments.first {
            #expect(h.source == .music)
            #expect(abs(h.start - 5) <= 1.0 && abs(h.end - 35) <= 1.0, "\(h)")
        }
        // Hold is not silence; non-talk = hold + silences.
        #expect(a.silence.events.allSatisfy { $0.end <= 5.5 || $0.start >= 34.5 })
        #expect(abs(a.nonTalkS - (a.hold.totalS + a.silence.totalS)) < 0.011)
    }

    /// Metadata holds are authoritative: they are reported as such, nothing is searched, and `[]` means none.
    @Test func metadataHoldWins() {
        var g = SignalFactory(seed: 21)
        let audio = Self.holdCall(&g)
        let given = analyse(audio, channels: 2, metadataHold: [HoldInterval(start: 4.8, end: 35.2)])
        #expect(given.hold.segments == [.init(start: 4.8, end: 35.2, source: .metadata)])
        #expect(given.hold.totalS == 30.4)
        let none = analyse(audio, channels: 2, metadataHold: [])
        #expect(none.hold.count == 0 && none.hold.segments.isEmpty)
        // Music is still not talk.
        let inMusic = none.parties!.agent.segments.reduce(0.0) { $0 + max(0, min($1.end, 35) - max($1.start, 5)) }
        #expect(inMusic == 0)
    }

    /// One side digitally silent for a long stretch while the other side does not talk: hold ("silence").
    @Test func mutedSideIsHold() {
        var g = SignalFactory(seed: 9)
        var agent = g.noise(30, dbfs: -50)
        agent = g.mix(agent, g.speech(3, dbfs: -16), at: 0.5)
        for i in g.samples(5)..<g.samples(22) { agent[i] = 0 }
        agent = g.mix(agent, g.speech(3, dbfs: -16), at: 23)
        let caller = g.noise(30, dbfs: -48)
        let a = analyse(SignalFactory.interleave(agent, caller), channels: 2)
        #expect(a.hold.count == 1)
        if let h = a.hold.segments.first {
            #expect(h.source == .silence)
            #expect(abs(h.start - 5) <= 0.05 && abs(h.end - 22) <= 0.05, "\(h)")
        }
    }

    /// A long quiet stretch with line noise on both sides is dead air, not hold.
    @Test func quietLineIsDeadAirNotHold() {
        var g = SignalFactory(seed: 4)
        var agent = g.noise(30, dbfs: -50)
        agent = g.mix(agent, g.speech(3, dbfs: -16), at: 0.5)
        agent = g.mix(agent, g.speech(3, dbfs: -16), at: 24)
        let a = analyse(SignalFactory.interleave(agent, g.noise(30, dbfs: -52)), channels: 2)
        #expect(a.hold.count == 0)
        #expect(a.deadAir.events.count == 1)
        if let d = a.deadAir.events.first { #expect(d.start > 3 && d.start < 4 && abs(d.end - 24) < 0.3, "\(d)") }
    }
}

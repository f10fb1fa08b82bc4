import Testing
@testable import CallDSP

/// What counts as talk on one channel: bursts, noise, leakage, clicks, rates.
@Suite struct VoiceActivityTests {
    /// Tone bursts on a near-silent line: segments exact to the frame.
    @Test func toneBurstsGiveExactSegments() {
        var g = SignalFactory()
        var agent = g.noise(9, dbfs: -80)
        agent = g.mix(agent, g.tone(1.5, hz: 440, dbfs: -20), at: 1.0)
        agent = g.mix(agent, g.tone(2.0, hz: 440, dbfs: -26), at: 4.0)
        agent = g.mix(agent, g.tone(0.5, hz: 700, dbfs: -30), at: 7.5)
        let caller = g.noise(9, dbfs: -80)
        let a = analyse(SignalFactory.interleave(agent, caller), channels: 2)
        let segments = pairs(a.parties!.agent.segments)
        #expect(segments.count == 3)
        for (got, want) in zip(segments, [[1.0, 2.5], [4.0, 6.0], [7.5, 8.0]]) {
            #expect(abs(got[0] - want[0]) <= 0.0101 && abs(got[1] - want[1]) <= 0.0101, "\(got) vs \(want)")
        }
        #expect(a.parties!.caller.segments.isEmpty)
        #expect(a.durationS == 9.0)
    }

    /// The same on a noisy line: the adaptive floor still gives the edges within three frames (the look-back
    /// at an onset may take up to three noise frames that happen to sit over the soft threshold).
    @Test func toneBurstsOnNoiseWithinThreeFrames() {
        var g = SignalFactory(seed: 7)
        var agent = g.noise(8, dbfs: -50)
        agent = g.mix(agent, g.tone(2.0, hz: 300, dbfs: -20), at: 2.0)
        agent = g.mix(agent, g.tone(1.0, hz: 300, dbfs: -25), at: 5.5)
        let a = analyse(SignalFactory.interleave(agent, g.noise(8, dbfs: -50)), channels: 2)
        let segments = pairs(a.parties!.agent.segments)
        #expect(segments.count == 2)
        for (got, want) in zip(segments, [[2.0, 4.0], [5.5, 6.5]]) {
            #expect(abs(got[0] - want[0]) <= 0.0301 && abs(got[1] - want[1]) <= 0.0301, "\(got) vs \(want)")
        }
    }

    /// Stationary white noise is never talk, at any level.
    @Test(arguments: [-70.0, -55.0, -40.0, -25.0, -12.0])
    func whiteNoiseIsNotTalk(dbfs: Double) {
        var g = SignalFactory(seed: UInt64(100 - dbfs))
        let a = analyse(SignalFactory.interleave(g.noise(20, dbfs: dbfs), g.noise(20, dbfs: dbfs - 6)), channels: 2)
        #expect(a.parties!.agent.talkS == 0)
        #expect(a.parties!.caller.talkS == 0)
        #expect(a.hold.count == 0)
        #expect(a.silence.events.count == 1 && a.silence.totalS == 20)
    }

    /// A channel that only carries the other party's leakage at -25 dB is silent.
    @Test func leakageIsNotTalk() {
        var g = SignalFactory(seed: 11)
        var agent = g.noise(16, dbfs: -55)
        let voice = g.speech(12, dbfs: -14)
        agent = g.mix(agent, voice, at: 2)
        // Caller channel: its own quiet line and the agent's voice 25 dB down.
        let caller = g.mix(g.noise(16, dbfs: -60), voice, at: 2, gain: Float(pow10(-25.0 / 20)))
        let a = analyse(SignalFactory.interleave(agent, caller), channels: 2)
        #expect(a.parties!.agent.talkS > 9)
        #expect(a.parties!.caller.talkS <= 0.1, "leakage counted as caller talk: \(a.parties!.caller.segments)")
        #expect(a.parties!.caller.interruptions == 0)
    }

    /// Leakage whose waveform no longer matches the other channel (a lossy archive codes each party on its own;
    /// here: 30% of the leak's energy is the agent's voice, 70% the same voice with random signs, so the energy
    /// frame by frame is the same and cancellation removes only its 30%) is not talk either: the leak measured
    /// by energy raises the thresholds where cancellation cannot remove it.
    @Test func decorrelatedLeakageIsNotTalk() {
        var g = SignalFactory(seed: 12)
        var agent = g.noise(16, dbfs: -55)
        let voice = g.speech(12, dbfs: -14)
        agent = g.mix(agent, voice, at: 2)
        let caller = g.mix(g.noise(16, dbfs: -60), g.decorrelated(voice), at: 2, gain: Float(pow10(-22.0 / 20)))
        let a = analyse(SignalFactory.interleave(agent, caller), channels: 2)
        #expect(a.parties!.agent.talkS > 9)
        #expect(a.parties!.caller.talkS <= 0.1, "leakage counted as caller talk: \(a.parties!.caller.segments)")
        // The caller still talks over that leak when the caller really talks.
        let callerVoice = g.speech(3, dbfs: -20, f0: 210)
        let talking = g.mix(caller, callerVoice, at: 11)
        let b = analyse(SignalFactory.interleave(agent, talking), channels: 2)
        #expect(b.parties!.caller.talkS > 2.5 && b.parties!.caller.talkS < 3.5, "\(b.parties!.caller.segments)")
    }

    /// The leak measured before a long hold still counts after it: three minutes of music on the agent's side
    /// only (nothing of it reaches the caller's channel) must not teach the estimator that nothing leaks. (The
    /// leak as above: 30% of its energy still the agent's waveform.)
    @Test func leakageAfterALongHoldIsNotTalk() {
        var g = SignalFactory(seed: 13)
        var agent = g.noise(262, dbfs: -55)
        let before = g.speech(30, dbfs: -14), after = g.speech(30, dbfs: -14)
        agent = g.mix(agent, before, at: 2)
        agent = g.mix(agent, g.chord(180, dbfs: -18), at: 40)
        agent = g.mix(agent, after, at: 228)
        let leak = Float(pow10(-22.0 / 20))
        var caller = g.mix(g.noise(262, dbfs: -60), g.decorrelated(before), at: 2, gain: leak)
        caller = g.mix(caller, g.decorrelated(after), at: 228, gain: leak)
        let a = analyse(SignalFactory.interleave(agent, caller), channels: 2)
        #expect(a.parties!.agent.talkS > 40)
        #expect(a.parties!.caller.talkS <= 0.2, "leakage counted as caller talk: \(a.parties!.caller.segments)")
    }

    /// On a noisy line (speech 10 dB over the noise) the talk measured does not depend on the noise's colour:
    /// the thresholds follow the noise's mean, not only its minimum (which sits further under the mean for
    /// low-frequency noise, whose frame energies fluctuate more).
    @Test func talkDoesNotDependOnNoiseColour() {
        var g = SignalFactory(seed: 21)
        var voice = g.speech(4, dbfs: -20)
        voice += SignalFactory.silence(g.samples(2.5)) + g.speech(5, dbfs: -20, f0: 180)
        var talk: [Double] = []
        for white in [true, false] {
            var n = SignalFactory(seed: 5)
            let line = white ? n.noise(20, dbfs: -30) : n.lowNoise(20, dbfs: -30)
            let agent = g.mix(line, voice, at: 6)
            let a = analyse(SignalFactory.interleave(agent, n.noise(20, dbfs: -70)), channels: 2)
            talk.append(a.parties!.agent.talkS)
        }
        #expect(talk[0] > 7 && talk[0] < 11, "white line: \(talk[0]) s")
        #expect(abs(talk[1] - talk[0]) <= 0.03 * talk[0], "white line \(talk[0]) s, low-frequency line \(talk[1]) s")
    }

    /// A word's end gets a tail that grows with the line's noise (its fading end hides under the noise): a sharp end
    /// on a 20 dB line keeps within 70 ms (60 ms), on a 10 dB line it gets most of `vad_low_snr_tail_ms` (170 of 210 ms).
    @Test(arguments: [(noise: -40.0, least: 0.0, most: 0.07), (noise: -30.0, least: 0.12, most: 0.21)])
    func aWordsTailGrowsWithTheNoise(noise: Double, least: Double, most: Double) {
        var g = SignalFactory(seed: 9)
        var agent = g.noise(10, dbfs: noise)
        agent = g.mix(agent, g.tone(3.0, hz: 300, dbfs: -20), at: 5.0)
        let a = analyse(SignalFactory.interleave(agent, g.noise(10, dbfs: -70)), channels: 2)
        let segments = pairs(a.parties!.agent.segments)
        #expect(segments.count == 1)
        let over = (segments.last?[1] ?? 0) - 8.0
        #expect(over >= least - 0.0001 && over <= most + 0.0001, "end \(over) s after the tone's (noise \(noise) dBFS)")
    }

    /// Line noise whose energy per frame spreads widely (pink noise on a 10 dB line) crosses the offset threshold on
    /// its own, a frame at a time. Such lone frames in the hangover after a word do not hold talk; two in a row do
    /// (a word's weak syllable). After a 2 s tone on a 10 dB line, ten 10 ms peaks of the noise 8 dB over its level,
    /// one every 60 ms: the talk ends within the low-SNR tail of the tone's end (an earlier VAD followed the peaks for
    /// 0.6 s); the same peaks 20 ms long keep it going.
    @Test(arguments: [(peakFrames: 1, least: 0.0, most: 0.3), (peakFrames: 2, least: 0.6, most: 1.0)])
    func loneNoisePeaksAfterAWordDoNotHoldTalk(peakFrames: Int, least: Double, most: Double) {
        var g = SignalFactory(seed: 17)
        var agent = g.noise(12, dbfs: -30)
        agent = g.mix(agent, g.tone(2.0, hz: 300, dbfs: -20), at: 5.0)
        let peak = Float(pow10(8.0 / 20))
        for i in 0..<10 {
            let start = (704 + 6 * i) * 80  // frames of 10 ms at 8 kHz, from 7.04 s
            for n in start..<(start + 80 * peakFrames) { agent[n] *= peak }
        }
        let a = analyse(SignalFactory.interleave(agent, g.noise(12, dbfs: -70)), channels: 2)
        let segments = pairs(a.parties!.agent.segments)
        #expect(segments.count == 1, "\(segments)")
        let over = (segments.last?[1] ?? 0) - 7.0
        #expect(over >= least && over <= most, "talk ends \(over) s after the tone")
    }

    /// On a very quiet line a word's decay is followed only down to `vad_talk_floor_db` under the talk level, as on
    /// a noisier line (the truth counts a word's frames within 35 dB of its loudest): a -20 dBFS tone fading by 3 dB
    /// per 10 ms over a -65 dBFS line ends about 22 dB down, 0.08 s into the fade; without the floor the fade is
    /// followed to the line's noise, 0.16 s in.
    @Test(arguments: [(floorDB: 22.0, least: 0.04, most: 0.1), (floorDB: 80.0, least: 0.12, most: 0.2)])
    func aFadingWordEndsAtTheTalkFloorOnAQuietLine(floorDB: Double, least: Double, most: Double) {
        var g = SignalFactory(seed: 13)
        var word = g.tone(2.0, hz: 300, dbfs: -20)
        let fadeStart = g.samples(1.5)
        for i in fadeStart..<word.count {
            word[i] *= Float(pow10(-3 * Double(i - fadeStart) / 80 / 20))  // -3 dB per 10 ms frame
        }
        let agent = g.mix(g.noise(8, dbfs: -65), word, at: 2.0)
        var settings = AnalysisSettings()
        settings.vadTalkFloorDB = floorDB
        let a = analyse(SignalFactory.interleave(agent, g.noise(8, dbfs: -70)), channels: 2, settings: settings)
        let segments = pairs(a.parties!.agent.segments)
        #expect(segments.count == 1)
        let into = (segments.last?[1] ?? 0) - 3.5
        #expect(into >= least && into <= most, "ends \(into) s into the fade (floor \(floorDB) dB)")
    }

    @Test func fastExp2IsCloseToTwoToTheX() {
        for x in stride(from: Float(-20), through: 20, by: 0.37) {
            let want = pow10(Double(x) * 0.30102999566)
            #expect(abs(Double(fastExp2(x)) / want - 1) < 0.002, "2^\(x)")
        }
    }

    /// Levels in dB come from `fastLog2`; an earlier version read every level 3 dB high (log2 + 1), which the talk
    /// floor and the music detector's pause band, converting levels back to energies, took as 3 dB.
    @Test func fastLog2IsCloseToTheLogarithm() {
        for x in stride(from: Float(-40), through: 40, by: 0.37) {
            let v = Float(pow10(Double(x) * 0.30102999566))
            #expect(abs(fastLog2(v) - x) < 0.01, "log2 of 2^\(x)")
        }
        #expect(abs(fastExp2(0.5 * fastLog2(0.25)) - 0.5) < 0.005)
    }

    /// Clicks (a few samples, loud) on a quiet line are not talk.
    @Test func clicksAreNotTalk() {
        var g = SignalFactory(seed: 3)
        var agent = g.noise(12, dbfs: -60)
        for k in 0..<10 {
            let at = g.samples(0.7 + Double(k) * 1.1)
            for (j, v) in [Float(0.4), -0.25, 0.12, -0.05].enumerated() { agent[at + j] += v }
        }
        let a = analyse(SignalFactory.interleave(agent, g.noise(12, dbfs: -60)), channels: 2)
        #expect(a.parties!.agent.talkS == 0, "\(a.parties!.agent.segments)")
    }

    /// 11025 Hz has frames of 110 or 111 samples: segments stay on the 10 ms grid.
    @Test func fractionalFrameRate() {
        var g = SignalFactory(rate: 11025, seed: 5)
        var agent = g.noise(6, dbfs: -80)
        agent = g.mix(agent, g.tone(2.0, hz: 500, dbfs: -20), at: 1.0)
        let a = analyse(SignalFactory.interleave(agent, g.noise(6, dbfs: -80)), channels: 2, rate: 11025)
        let segments = pairs(a.parties!.agent.segments)
        #expect(segments.count == 1)
        if let s = segments.first { #expect(abs(s[0] - 1.0) <= 0.0101 && abs(s[1] - 3.0) <= 0.0101, "\(s)") }
        #expect(a.durationS == 6.0)
    }
}

import CallAudio
import CallDemo
import Foundation
import Testing

@Suite(.enabled(if: DemoDataFixture.available, DemoDataFixture.skipReason))
struct DemoDataTruthTests {
    @Test func truthSegmentsLieWithinTheCallAndDoNotOverlapPerParty() throws {
        let f = try DemoDataFixture(DemoDataOptions(calls: 6, meanCallSeconds: 60))
        defer { f.remove() }
        let truths = try f.truths()
        #expect(truths.count == 6)
        for t in truths {
            for (party, segments) in [("agent", t.speech.agent), ("caller", t.speech.caller), ("hold", t.hold),
                                      ("silence", t.silences)] {
                for s in segments {
                    #expect(s.count == 2 && s[0] >= 0 && s[0] < s[1] && s[1] <= t.durationS,
                            "\(t.callID) \(party) \(s) outside 0...\(t.durationS)")
                    #expect(abs(s[0] * 100 - (s[0] * 100).rounded()) < 1e-6, "\(t.callID) not on the 10 ms grid")
                }
                for (a, b) in zip(segments, segments.dropFirst()) {
                    #expect(a[1] < b[0], "\(t.callID) \(party) \(a) and \(b) overlap or touch")
                }
            }
            #expect(!t.speech.agent.isEmpty && !t.speech.caller.isEmpty)
            // Nobody speaks on hold; a silence has no speech and no hold in it and lasts at least 3 s.
            for h in t.hold {
                for s in t.speech.agent + t.speech.caller { #expect(s[1] <= h[0] || s[0] >= h[1]) }
            }
            for g in t.silences {
                #expect(g[1] - g[0] >= 3)
                for s in t.speech.agent + t.speech.caller + t.hold { #expect(s[1] <= g[0] || s[0] >= g[1]) }
            }
            #expect([10.0, 20, 30].contains(t.snrDB))
            #expect((-40.0 ... -20).contains(t.leakageDB))
        }
    }

    @Test func agentChannelIsLouderInsideItsTruthSegments() throws {
        let f = try DemoDataFixture(DemoDataOptions(seed: 11, calls: 8, meanCallSeconds: 60))
        defer { f.remove() }
        let candidates = try f.truths().filter { $0.layout == "stereo" && $0.snrDB >= 20 }
        #expect(!candidates.isEmpty, "the seed gave no stereo call with SNR >= 20 dB")
        for t in candidates {
            let agent = try f.channel(of: t, agent: true)
            let inside = DemoDataFixture.energyDB(agent, rate: t.sampleRate) {
                DemoDataFixture.contains(t.speech.agent, $0)
            }
            // Outside: nobody speaks and the call is not on hold (line noise, a click or two).
            let outside = DemoDataFixture.energyDB(agent, rate: t.sampleRate) {
                !DemoDataFixture.contains(t.speech.agent + t.speech.caller + t.hold, $0)
            }
            let gap = try #require(inside) - #require(outside)
            #expect(gap > 10, "\(t.callID): agent speech only \(gap) dB above the rest")
        }
    }

    /// A long hold is sometimes split by the agent checking back: the music stops, the agent says a few words on
    /// the open line, the music resumes. Both parts are holds of their own and the words are the agent's talk.
    @Test func aCheckBackSplitsALongHoldWithTheAgentsWords() throws {
        let f = try DemoDataFixture(DemoDataOptions(seed: 6, calls: 6, meanCallSeconds: 150, holdFraction: 1))
        defer { f.remove() }
        let split = try f.truths().filter { $0.hold.count == 2 }
        #expect(!split.isEmpty, "no check-back in these calls")
        for t in split {
            let (first, second) = (t.hold[0], t.hold[1])
            #expect(first[1] - first[0] >= 12 && second[1] - second[0] >= 12, "\(t.callID): holds \(t.hold)")
            let words = t.speech.agent.filter { $0[0] >= first[1] && $0[1] <= second[0] }
            #expect(!words.isEmpty, "\(t.callID): no agent words between \(first) and \(second)")
            #expect(!t.speech.caller.contains { $0[1] > first[1] && $0[0] < second[0] })
            // The line is open between the holds: no music there, the agent's line noise instead.
            let agent = try f.channel(of: t, agent: true)
            let between = { (x: Double) in x > first[1] + 0.1 && x < second[0] - 0.1 && !DemoDataFixture.contains(t.speech.agent, x) }
            let inHold = { (x: Double) in DemoDataFixture.contains(t.hold, x) }
            let line = try #require(DemoDataFixture.energyDB(agent, rate: t.sampleRate, where: between))
            let music = try #require(DemoDataFixture.energyDB(agent, rate: t.sampleRate, where: inHold))
            #expect(line < music - 6, "\(t.callID): between the holds \(line) dB, music \(music) dB")
        }
    }

    @Test func holdSegmentsCarryMusicOnTheAgentChannel() throws {
        let f = try DemoDataFixture(DemoDataOptions(seed: 5, calls: 8, meanCallSeconds: 60, holdFraction: 1))
        defer { f.remove() }
        let truths = try f.truths()
        let holds = truths.filter { !$0.hold.isEmpty }
        #expect(holds.count >= 6)
        for t in holds {
            let agent = try f.channel(of: t, agent: true)
            let caller = try f.channel(of: t, agent: false)
            let rate = Double(t.sampleRate)
            // Music all through: every whole second of the hold is well above digital silence on the agent side.
            for h in t.hold {
                var second = h[0]
                while second + 1 <= h[1] {
                    let window = Array(agent[Int(second * rate)..<Int((second + 1) * rate)])
                    let db = DemoDataFixture.energyDB(window, rate: 1) { _ in true }!
                    #expect(db > -45, "\(t.callID): no music at \(second) s of the hold (\(db) dB)")
                    second += 1
                }
            }
            // Where the line is quiet (SNR 30 dB), the caller side on hold is far below the music.
            if t.snrDB >= 30 {
                let inHold = { (x: Double) in DemoDataFixture.contains(t.hold, x) }
                let music = try #require(DemoDataFixture.energyDB(agent, rate: t.sampleRate, where: inHold))
                let line = try #require(DemoDataFixture.energyDB(caller, rate: t.sampleRate, where: inHold))
                #expect(music > line + 10, "\(t.callID): music \(music) dB vs caller line \(line) dB")
            }
            // The metadata that can tell about hold tells the truth.
            if t.holdMetadata == "intervals", t.metadataFormat == "sidecar-json" {
                let doc = try JSONSerialization.jsonObject(with: Data(contentsOf: f.dropFile(t.metadataFiles[0])))
                let events = ((doc as? [String: Any])?["events"] as? [[String: Any]] ?? []).filter {
                    $0["type"] as? String == "hold"
                }
                #expect(events.map { [$0["start"] as? Double ?? -1, $0["end"] as? Double ?? -1] } == t.hold)
            }
            if t.holdMetadata == "intervals", t.metadataFormat == "freeswitch-cdr" {
                let doc = try JSONSerialization.jsonObject(with: Data(contentsOf: f.dropFile(t.metadataFiles[0])))
                let v = (doc as? [String: Any])?["variables"] as? [String: String] ?? [:]
                let answer = try #require(Double(v["answer_uepoch"] ?? ""))
                let numbers = (v["hold_events"] ?? "").split { !$0.isNumber }.compactMap { Double($0) }
                let seconds = numbers.map { (($0 - answer) / 10_000).rounded() / 100 }
                #expect(seconds == t.hold.flatMap { $0 })
            }
            if t.holdMetadata == "none" {
                #expect(!t.holdInMetadata)
            }
        }
        #expect(holds.contains { !$0.holdInMetadata }, "some holds must be left for audio-based detection")
    }
}

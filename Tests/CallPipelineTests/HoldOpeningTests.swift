import CallDSP
import CallModel
import Foundation
import Testing

/// Music on hold replaces the agent's line, so the line's own noise is the evidence that the music has stopped.
/// Two excerpts of generated calls (`Fixtures/README.md`), analysed as the pipeline does, without hold metadata.
@Suite struct HoldOpeningTests {
    static func fixture(_ name: String) -> String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Fixtures/" + name).path
    }

    static func talk(_ segments: [TimeSpan], within from: Double, _ to: Double) -> Double {
        segments.reduce(0.0) { $0 + max(0, min($1.end, to) - max($1.start, from)) }
    }

    /// Analyses a fixture and expects one music hold within 0.5 s of `hold` with no agent talk in it; returns the
    /// agent's talk segments.
    static func expectOneMusicHold(_ name: String, hold: (Double, Double), blockFrames: Int) throws -> [TimeSpan] {
        let analysis = try HoldEdgeTests.analyseFile(fixture(name), blockFrames: blockFrames)
        #expect(analysis.hold.count == 1, "holds \(analysis.hold.segments.map { [$0.start, $0.end] })")
        let found = try #require(analysis.hold.segments.first)
        #expect(found.source == .music)
        #expect(abs(found.start - hold.0) <= 0.5 && abs(found.end - hold.1) <= 0.5, "hold \(found.start)-\(found.end)")
        let agent = try #require(analysis.parties?.agent.segments)
        #expect(talk(agent, within: hold.0, hold.1) == 0, "music counted as talk: \(agent.map { [$0.start, $0.end] })")
        return agent
    }

    /// Analyses a fixture with an agent's check-back between two holds and expects two holds, no agent talk in
    /// `holds`, and at least 80% of the check-back as talk; returns the holds found (empty when not two) for the
    /// test's own checks of their edges.
    static func expectTwoHoldsAroundACheckBack(_ name: String, holds: [(Double, Double)], checkBack: (Double, Double),
                                               blockFrames: Int) throws -> [CallAnalysis.HoldSegment] {
        let analysis = try HoldEdgeTests.analyseFile(fixture(name), blockFrames: blockFrames)
        let found = analysis.hold.segments
        #expect(found.count == 2, "holds \(found.map { [$0.start, $0.end] })")
        let agent = try #require(analysis.parties?.agent.segments)
        for hold in holds {
            #expect(talk(agent, within: hold.0, hold.1) == 0, "music counted as talk: \(agent.map { [$0.start, $0.end] })")
        }
        let spoken = talk(agent, within: checkBack.0, checkBack.1)
        #expect(spoken >= 0.8 * (checkBack.1 - checkBack.0), "check-back talk \(spoken) s")
        return found.count == 2 ? found : []
    }

    /// The agent checks back on a held caller: the music stops, the line is open for 0.71 s, the agent speaks for
    /// 1.97 s, and the music resumes 0.4 s later. An earlier detector kept one music run across the check-back (its
    /// window still scored as music) and counted the agent's words as hold.
    @Test(arguments: [4096, 1000])
    func aCheckBackSplitsTheHoldAndIsTalk(blockFrames: Int) throws {
        let holds = [(5.55, 24.63), (27.71, 44.0)]
        let checkBack = (25.34, 27.31)
        // (A 0.21 s pause between the check-back's words is not bridged: 1.76 s of talk.)
        let found = try Self.expectTwoHoldsAroundACheckBack("audio-hold-check-back.wav", holds: holds,
                                                            checkBack: checkBack, blockFrames: blockFrames)
        guard found.count == 2 else { return }
        #expect(found.allSatisfy { $0.source == .music })
        #expect(found[0].end >= holds[0].1 - 0.5 && found[0].end <= checkBack.0,
                "first hold ends at \(found[0].end); the music stops at \(holds[0].1)")
        #expect(found[1].start >= checkBack.1 && found[1].start <= holds[1].0 + 0.5,
                "second hold starts at \(found[1].start); the music resumes at \(holds[1].0)")
    }

    /// A 3 s passage of the music scores as speech for several blocks; with no line noise in it, it is still the
    /// hold. An earlier detector split the hold there and counted 2.3 s of the music as the agent's talk.
    @Test(arguments: [4096, 1000])
    func aSpeechLikePassageOfMusicStaysHold(blockFrames: Int) throws {
        let agent = try Self.expectOneMusicHold("audio-hold-music-passage.wav", hold: (9.51, 70.37), blockFrames: blockFrames)
        // The agent's words on both sides are talk.
        #expect(Self.talk(agent, within: 5.33, 8.4) >= 2.5)
        #expect(Self.talk(agent, within: 71.02, 73.0) >= 1.5)
    }

    /// A track whose every window scores as speech but whose quiet moments fall more than 10 dB under the line
    /// noise, which an open line never does. An earlier detector wanted four music-like windows and found no hold:
    /// 20 s of music counted as the agent's talk.
    @Test(arguments: [4096, 1000])
    func musicThatScoresAsSpeechButDipsUnderTheLineIsHold(blockFrames: Int) throws {
        _ = try Self.expectOneMusicHold("audio-hold-music-under-line.wav", hold: (4.34, 29.14), blockFrames: blockFrames)
    }

    /// A track whose first 3.5 s sound like speech, so the music is recognised 14 s in, too late for the pause before
    /// it to be within reach. The line was last open 1.2 s before the music: the hold starts there. An earlier
    /// detector started it 6.7 s late and counted the intro as the agent's talk.
    @Test(arguments: [4096, 1000])
    func aSpeechLikeIntroStartsTheHoldWhereTheLineWasLastOpen(blockFrames: Int) throws {
        let agent = try Self.expectOneMusicHold("audio-hold-music-intro.wav", hold: (24.24, 57.62), blockFrames: blockFrames)
        // The agent's "please hold" before it is still talk.
        #expect(Self.talk(agent, within: 21.13, 23.04) >= 1.5)
    }

    /// 12 s of a track that scores as music only weakly (two plainly musical windows of the four a run needs), then
    /// an agent's check-back, then the music again. No opening of the line in those 12 s: that is no speech. An
    /// earlier detector dropped the run and counted 5 s of it as the agent's talk.
    @Test(arguments: [4096, 1000])
    func weaklyScoringMusicWithNoOpeningIsHold(blockFrames: Int) throws {
        let holds = [(7.73, 19.84), (22.94, 36.0)]
        let found = try Self.expectTwoHoldsAroundACheckBack("audio-hold-weak-music.wav", holds: holds,
                                                            checkBack: (20.63, 22.6), blockFrames: blockFrames)
        guard found.count == 2 else { return }
        #expect(abs(found[0].start - holds[0].0) <= 0.5 && abs(found[0].end - holds[0].1) <= 0.5,
                "first hold \(found[0].start)-\(found[0].end)")
    }

    /// A check-back between two parts of a hold: the agent's 1.6 s of words between two openings make a piece of one
    /// or two blocks, which an earlier detector judged with the run's hysteresis (above -1 on average) and kept as
    /// music: the words counted as hold. A piece that short must score plainly as music.
    @Test(arguments: [4096, 1000])
    func aShortCheckBackBetweenTwoPartsOfAHoldIsTalk(blockFrames: Int) throws {
        let holds = [(12.07, 33.8), (36.49, 52.0)]
        let checkBack = (34.54, 36.18)
        let found = try Self.expectTwoHoldsAroundACheckBack("audio-hold-short-check-back.wav", holds: holds,
                                                            checkBack: checkBack, blockFrames: blockFrames)
        guard found.count == 2 else { return }
        #expect(found[0].end <= checkBack.0 && found[1].start >= checkBack.1 && found[1].start <= holds[1].0 + 0.5,
                "holds \(found.map { [$0.start, $0.end] }); the agent speaks at \(checkBack.0)-\(checkBack.1)")
    }

    /// 0.6 s of a track on a pink 10 dB line has the line's level and shape: an opening inside the music, 3 s before
    /// its end. An earlier detector split the run there and the last piece was too short for a hold: 3 s of hold
    /// lost. Music on both sides of a short opening, and no words, keep the hold whole.
    @Test(arguments: [4096, 1000])
    func aQuietPassageThatPassesForTheLineDoesNotCutTheHold(blockFrames: Int) throws {
        _ = try Self.expectOneMusicHold("audio-hold-quiet-passage.wav", hold: (9.99, 31.96), blockFrames: blockFrames)
    }

    /// Three quiet passages of a track on a pink 10 dB line pass for the open line 5-7 s into the hold. The music
    /// detector splits its run there and nobody speaks in the 2 s between the pieces; an earlier analysis kept the 5 s
    /// before them out of the hold (shorter than `hold_min_s`): the hold started 7 s late. Music spans with only a
    /// silence shorter than `silence_min_s` between them, and no talk in it, are one hold.
    @Test(arguments: [4096, 1000])
    func passagesThatPassForTheLineWithNoWordsDoNotCutTheHoldsStart(blockFrames: Int) throws {
        let agent = try Self.expectOneMusicHold("audio-hold-passages-like-the-line.wav", hold: (9.82, 30.0),
                                                blockFrames: blockFrames)
        #expect(Self.talk(agent, within: 5.07, 8.39) >= 2.5, "the agent's words before the hold")
    }

    /// The last 4.4 s of a track score as speech (one block at -16), so its music-like blocks end early, and the line
    /// is open for only 0.34 s before the agent's check-back: no pause of `music_gap_ms` to end the run on. An
    /// earlier detector ended the hold 4.4 s early and counted 1.6 s of the music as talk. The music goes on until
    /// the line's noise comes back, if only for a moment.
    @Test(arguments: [4096, 1000])
    func aTracksSpeechLikeEndIsHoldUntilTheLineComesBack(blockFrames: Int) throws {
        let holds = [(8.36, 45.4), (47.66, 72.79)]
        let checkBack = (45.74, 46.89)
        let found = try Self.expectTwoHoldsAroundACheckBack("audio-hold-speech-like-end.wav", holds: holds,
                                                            checkBack: checkBack, blockFrames: blockFrames)
        guard found.count == 2 else { return }
        #expect(abs(found[0].end - holds[0].1) <= 0.5 && found[0].end <= checkBack.0, "first hold ends at \(found[0].end)")
    }
}

import CallDSP
import CallModel
import CallPipeline
import Testing

/// Archives stay analysable: the same metrics from the decoded Ogg Opus archive as from the recording. Excerpts of
/// generated calls after the pipeline's Opus round trip (12 kbit/s per channel; `Fixtures/README.md`), where an
/// earlier detector went wrong on the archive but not on the source.
@Suite struct ArchiveReanalysisTests {
    static func talk(_ segments: [TimeSpan], within from: Double, _ to: Double) -> Double {
        HoldOpeningTests.talk(segments, within: from, to)
    }

    /// A track that scores as music only weakly but falls silent under the line noise between notes. On the archive
    /// its best window scored 0.99 against a start threshold of 1.0: an earlier detector never started a run and
    /// counted 21 s of music as the agent's talk. A window that dips under the line noise starts a run at the
    /// run's own hysteresis.
    @Test(arguments: [4096, 1000])
    func weakMusicThatDipsUnderTheLineIsHoldOnTheArchive(blockFrames: Int) throws {
        let agent = try HoldOpeningTests.expectOneMusicHold("audio-archive-weak-music-dips.wav", hold: (10.34, 35.14),
                                                            blockFrames: blockFrames)
        // The agent's words before and after the hold are talk.
        #expect(Self.talk(agent, within: 6.73, 9.57) >= 2.0)
        #expect(Self.talk(agent, within: 36.1, 40.0) >= 3.0)
    }

    /// A caller speaks for 12.8 s without a 250 ms pause; two windows of the Opus-coded speech score as music and no
    /// opening of the line is found in it. An earlier detector took it for music on hold (an 11 s hold, 12 s of the
    /// caller's talk lost). The line's noise shows between the words, if only for a few frames: 8.8% of them.
    @Test(arguments: [4096, 1000])
    func aCallersLongWordsWithoutAPauseAreNotMusic(blockFrames: Int) throws {
        let analysis = try HoldEdgeTests.analyseFile(HoldOpeningTests.fixture("audio-archive-caller-long-words.wav"),
                                                     blockFrames: blockFrames)
        #expect(analysis.hold.count == 0, "holds \(analysis.hold.segments.map { [$0.start, $0.end] })")
        let caller = try #require(analysis.parties?.caller.segments)
        let words = (28.56, 41.35)
        #expect(Self.talk(caller, within: words.0, words.1) >= 0.9 * (words.1 - words.0),
                "caller talk \(caller.map { [$0.start, $0.end] })")
    }

    /// The caller's first words (9.2 s, before the line's noise is known on that channel) score as music in 4
    /// windows on the archive, and an earlier detector's 4-window minimum took 10 s of them for music: 8.8 s of the
    /// caller's talk lost. The fixture is the pipeline's own Ogg Opus archive of the excerpt, read as `nokchwi
    /// analyze` reads one.
    @Test(arguments: [4096, 1000])
    func aCallersFirstWordsAreTalkOnTheArchive(blockFrames: Int) throws {
        let analysis = try FileAnalyzer(chunkFrames: blockFrames)
            .analyze(path: HoldOpeningTests.fixture("audio-archive-first-words.opus"))
        #expect(analysis.hold.count == 0, "holds \(analysis.hold.segments.map { [$0.start, $0.end] })")
        let caller = try #require(analysis.parties?.caller.segments)
        let words = [(8.98, 14.07), (14.33, 18.14)]
        let spoken = words.reduce(0.0) { $0 + Self.talk(caller, within: $1.0, $1.1) }
        let said = words.reduce(0.0) { $0 + $1.1 - $1.0 }
        #expect(spoken >= 0.9 * said, "caller talk \(caller.map { [$0.start, $0.end] })")
    }

    /// 7 s into a track, a 0.5 s quiet passage of the Opus-coded music passes for the line's noise (a pause): an
    /// earlier detector started the run there, the hold 6 s late, and counted 5 s of the music before it as the
    /// agent's talk. The run's start moves back over a pause while the blocks before it score as music.
    @Test(arguments: [4096, 1000])
    func aQuietPassageThatPassesForAPauseIsNotWhereTheHoldStarts(blockFrames: Int) throws {
        let agent = try HoldOpeningTests.expectOneMusicHold("audio-archive-passage-like-a-pause.wav", hold: (11.82, 43.2),
                                                            blockFrames: blockFrames)
        // The agent's words before the hold are still talk.
        #expect(Self.talk(agent, within: 7.07, 10.39) >= 2.5)
    }

    /// A track's last 2.7 s after a 0.33 s quiet passage that passes for the open line: the piece between that
    /// "opening" and the music's end is three blocks long and averages 1.8 (one of them -4.5), under the plain score
    /// short pieces need, so an earlier detector ended the hold 3.1 s early and counted the last notes as the agent's
    /// talk. Its last block dips under the line noise, which an open line never does: such a piece is judged with the
    /// run's hysteresis.
    @Test(arguments: [4096, 1000])
    func aTracksEndThatDipsUnderTheLineStaysInTheHold(blockFrames: Int) throws {
        let holds = [(17.01, 46.33), (49.08, 75.14)]
        let found = try HoldOpeningTests.expectTwoHoldsAroundACheckBack("audio-archive-track-end-dips.wav", holds: holds,
                                                                        checkBack: (46.7, 48.25), blockFrames: blockFrames)
        guard found.count == 2 else { return }
        #expect(abs(found[1].end - holds[1].1) <= 0.5, "second hold ends at \(found[1].end)")
        let agent = try HoldEdgeTests.analyseFile(HoldOpeningTests.fixture("audio-archive-track-end-dips.wav"),
                                                  blockFrames: blockFrames).parties?.agent.segments ?? []
        #expect(Self.talk(agent, within: 76.13, 78.35) >= 1.8, "the agent's words after the hold")
    }
}

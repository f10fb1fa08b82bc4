import CallAudio
import CallCatalog
import CallDSP
import CallModel
import Foundation
import Testing
@testable import CallPipeline

/// The center's own hold audio found by fingerprint (issue 22, item 1), on calls built from Debian's
/// asterisk-moh-opsound-wav music and asterisk-core-sounds-en-wav prompts (skipped when they are not installed).
@Suite(.enabled(if: HoldAudioCalls.installed, "needs /usr/share/asterisk/moh and sounds/en (make deps)"))
struct HoldAudioFingerprintTests {
    static let registered = ["macroform-cold_day.wav", "macroform-the_simplicity.wav", "manolo_camp-morning_coffee.wav",
                             "reno_project-system.wav"]
    static let unregistered = "macroform-robot_dity.wav"
    static let library: HoldAudioLibrary? = try? HoldAudioFiles.library(
        paths: registered.map { HoldAudioCalls.moh + "/" + $0 })

    /// Hold from 10 s to 40 s of a 56 s call, the music entering 37.1 s into the track at -10 dB, through each codec:
    /// one fingerprint hold, edges within a second, and the music is nobody's talk.
    @Test(arguments: HoldAudioCalls.Codec.allCases)
    func registeredTrackFoundThroughCodec(_ codec: HoldAudioCalls.Codec) throws {
        let track = try HoldAudioCalls.mono(HoldAudioCalls.moh + "/macroform-cold_day.wav")
        let call = try HoldAudioCalls.call(music: track, from: 296_984, gain: 0.3)
        try expectOneFingerprintHold(try HoldAudioCalls.analyze(call, codec, library: try #require(Self.library)), codec)
    }

    /// The music entering 8 s before the track's end: it loops to the track's start inside the hold.
    @Test(arguments: [HoldAudioCalls.Codec.gsm, .opus])
    func loopedTrackFound(_ codec: HoldAudioCalls.Codec) throws {
        let track = try HoldAudioCalls.mono(HoldAudioCalls.moh + "/reno_project-system.wav")
        let call = try HoldAudioCalls.call(music: track, from: track.count - 8 * 8000, gain: 1)
        try expectOneFingerprintHold(try HoldAudioCalls.analyze(call, codec, library: try #require(Self.library)), codec)
    }

    private func expectOneFingerprintHold(_ analysis: CallAnalysis, _ codec: HoldAudioCalls.Codec) throws {
        let printed = analysis.hold.segments.filter { $0.source == .fingerprint }
        #expect(printed.count == 1, "\(codec): \(analysis.hold.segments)")
        let hold = try #require(printed.first)
        #expect(abs(hold.start - 10) <= 1 && abs(hold.end - 40) <= 1, "\(codec): \(hold)")
        let agentTalk = analysis.parties?.agent.segments ?? []
        #expect(agentTalk.allSatisfy { $0.end <= 11 || $0.start >= 39 }, "\(codec): \(agentTalk)")
    }

    /// The same call with a track of the same artist and genre that is not registered: no fingerprint hold.
    @Test(arguments: [HoldAudioCalls.Codec.ulaw, .gsm, .opus])
    func unregisteredTrackNotMatched(_ codec: HoldAudioCalls.Codec) throws {
        let track = try HoldAudioCalls.mono(HoldAudioCalls.moh + "/" + Self.unregistered)
        let call = try HoldAudioCalls.call(music: track, from: 20 * 8000, gain: 0.5)
        let analysis = try HoldAudioCalls.analyze(call, codec, library: try #require(Self.library))
        #expect(!analysis.hold.segments.contains { $0.source == .fingerprint }, "\(analysis.hold.segments)")
    }

    /// Three minutes of prompts on both channels (no music), through two codecs: nothing matches.
    @Test(arguments: [HoldAudioCalls.Codec.ulaw, .opus])
    func speechNeverMatched(_ codec: HoldAudioCalls.Codec) throws {
        let agent = try HoldAudioCalls.speech(seconds: 180, skip: 0)
        let caller = try HoldAudioCalls.speech(seconds: 180, skip: 150)
        var call = [Float](repeating: 0, count: agent.count * 2)
        for i in 0..<agent.count { call[2 * i] = agent[i]; call[2 * i + 1] = caller[i] * 0.5 }
        let analysis = try HoldAudioCalls.analyze(call, codec, library: try #require(Self.library))
        #expect(!analysis.hold.segments.contains { $0.source == .fingerprint }, "\(analysis.hold.segments)")
    }

    /// A registered announcement between two stretches of music (20.5-28.3 s, the line's noise around it): one
    /// hold from 10 to 40 s, and the announcement is nobody's talk. Without it registered, the hold splits in two
    /// and the announcement counts as the agent's talk.
    @Test(arguments: [HoldAudioCalls.Codec.ulaw, .opus])
    func registeredAnnouncementInsideHold(_ codec: HoldAudioCalls.Codec) throws {
        let announcement = HoldAudioCalls.sounds + "/queue-periodic-announce.wav"
        let withAnnouncement = HoldAudioLibrary(try Self.registered.map {
            try HoldAudioFiles.fingerprint(path: HoldAudioCalls.moh + "/" + $0).print
        } + [try HoldAudioFiles.fingerprint(path: announcement).print])
        let track = try HoldAudioCalls.mono(HoldAudioCalls.moh + "/macroform-cold_day.wav")
        var call = try HoldAudioCalls.call(music: track, from: 296_984, gain: 0.3)
        let words = try HoldAudioCalls.mono(announcement)
        for i in (20 * 8000)..<(29 * 8000) { call[2 * i] = call[2 * ((i - 20 * 8000) % 8000 + 55 * 8000 - 8000)] }
        for (i, x) in words.enumerated() { call[2 * (20 * 8000 + 4000 + i)] += 0.8 * x }
        try expectOneFingerprintHold(try HoldAudioCalls.analyze(call, codec, library: withAnnouncement), codec)
        let split = try HoldAudioCalls.analyze(call, codec, library: try #require(Self.library))
        #expect(split.hold.segments.count == 2, "\(split.hold.segments)")
    }

    /// Ingest uses the catalog's registered hold audio: the stored analysis has the fingerprint hold.
    @Test func ingestUsesRegisteredHoldAudio() async throws {
        let fx = try IngestFixture()
        let f = try HoldAudioFiles.fingerprint(path: HoldAudioCalls.moh + "/macroform-cold_day.wav")
        _ = try fx.catalog.addHoldAudio([HoldAudioEntry(
            name: f.print.name, sha256: f.sha256, durationS: f.print.durationS, version: HoldAudioPrint.version,
            codes: Data(f.print.bytes), addedAt: Date(timeIntervalSince1970: 1_795_400_000), addedBy: "test")], audit: nil)
        let track = try HoldAudioCalls.mono(HoldAudioCalls.moh + "/macroform-cold_day.wav")
        let call = try HoldAudioCalls.call(music: track, from: 296_984, gain: 0.3)
        let writer = try SndFileWriter(path: fx.drop.appendingPathComponent("call.wav").path, format: .wavULaw,
                                       sampleRate: 8000, channels: 2)
        try writer.write(call)
        try writer.close()
        let report = try await fx.ingest()
        #expect(report.archived == 1)
        let stored = try #require(try fx.catalog.calls().first)
        let analysis = try #require(try fx.catalog.analysis(callID: stored.id))
        #expect(analysis.hold.segments.map(\.source) == [.fingerprint], "\(analysis.hold.segments)")
    }

    /// An empty library or none: the analysis is the one without fingerprints.
    @Test func emptyLibraryChangesNothing() throws {
        let dir = HoldAudioCalls.Directory()
        let track = try HoldAudioCalls.mono(HoldAudioCalls.moh + "/" + Self.unregistered)
        let path = try HoldAudioCalls.encode(try HoldAudioCalls.call(music: track, from: 0, gain: 0.5), .ulaw, in: dir)
        let plain = try FileAnalyzer().analyze(path: path)
        #expect(try FileAnalyzer(holdAudio: HoldAudioLibrary([])).analyze(path: path) == plain)
        #expect(!plain.hold.segments.contains { $0.source == .fingerprint })
    }

    /// A folder names every audio file in it; a stored fingerprint reads back as the same codes.
    @Test func folderAndStoredCodes() throws {
        let files = try HoldAudioFiles.expand([HoldAudioCalls.moh])
        #expect(files.count >= 5)
        let one = try HoldAudioFiles.fingerprint(path: files[0])
        #expect(one.print.durationS > 30 && one.sha256.count == 64)
        #expect(HoldAudioPrint(name: one.print.name, bytes: one.print.bytes) == one.print)
        #expect(throws: PipelineError.self) { try HoldAudioFiles.expand(["/nonexistent/moh"]) }
    }
}

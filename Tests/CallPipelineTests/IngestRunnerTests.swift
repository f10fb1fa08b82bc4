import CallArchive
import CallAudio
import CallCatalog
import CallModel
import Foundation
import Testing
@testable import CallPipeline

@Suite struct IngestRunnerTests {
    @Test func splitLegsBecomeOneCallWithTheAgentOnChannelZero() async throws {
        let fx = try IngestFixture()
        // Agent talks in the first half, caller in the second half.
        try fx.writeTones("c1-agent.wav", format: .wavULaw, seconds: 6, frequencies: [440], active: [0...3])
        try fx.writeTones("c1-caller.wav", format: .wavALaw, seconds: 6, frequencies: [660], active: [3...6])
        try fx.writeText("c1.json", """
            {"call_id": "SEOUL-1", "start_time": "2026-11-23T09:14:05+09:00", "agent_id": "A017", "team": "team-2",
             "department": "water", "category": "water-bill", "direction": "inbound", "caller_number": "010-1234-5678",
             "legs": {"agent": "c1-agent.wav", "caller": "c1-caller.wav"},
             "events": [{"type": "hold", "start": 1.0, "end": 2.0}]}
            """)
        let report = try await fx.ingest()
        #expect(report.archived == 1 && report.quarantined == 0 && report.failed == 0)
        let call = try #require(try fx.catalog.calls().first)
        #expect(call.layout == .legs && call.agentChannel == 0)
        #expect(call.metadata.agentID == "A017" && call.metadata.externalID == "SEOUL-1" && call.metadata.format == .sidecarJSON)
        #expect(call.metadata.events == [CallEvent(kind: .hold, start: 1.0, end: 2.0)])
        #expect(call.legs.map(\.party) == [.agent, .caller])
        #expect(call.legs.map(\.encoding) == ["ULAW", "ALAW"])
        #expect(call.id.rawValue.hasPrefix("20261123-"))
        #expect(call.archive.relativePath.hasPrefix("2026/11/23/"))
        let decoded = try fx.decode(call)
        #expect(decoded.channels == 2 && decoded.rate == 8000)
        #expect(abs(Double(decoded.samples[0].count) / 8000 - 6) <= 0.02)
        // Channel 0 (agent) is loud in 0-3 s and silent in 3-6 s; channel 1 (caller) the reverse.
        #expect(rmsDB(decoded.samples[0], rate: 8000, from: 0.5, to: 2.5) > -20)
        #expect(rmsDB(decoded.samples[0], rate: 8000, from: 3.5, to: 5.5) < -50)
        #expect(rmsDB(decoded.samples[1], rate: 8000, from: 3.5, to: 5.5) > -20)
        #expect(rmsDB(decoded.samples[1], rate: 8000, from: 0.5, to: 2.5) < -50)
        // The same pass analysed the call; the metadata's hold is authoritative.
        let analysis = try #require(try fx.catalog.analysis(callID: call.id))
        #expect(abs(analysis.durationS - 6) <= 0.02 && analysis.channels == 2 && !analysis.mono)
        #expect(analysis.hold.segments.map(\.source) == [.metadata])
        #expect(abs(analysis.hold.totalS - 1.0) <= 0.011)
    }

    @Test func stereoWithAgentOnChannelOneIsSwappedSoTheAgentIsFirst() async throws {
        let fx = try IngestFixture()
        try fx.writeTones("s.wav", seconds: 4, frequencies: [440, 660], active: [0...2, 2...4])
        try fx.writeText("s.json", #"{"call_id": "S", "start_time": "2026-11-23T10:00:00+09:00", "agent_channel": 1}"#)
        let report = try await fx.ingest()
        #expect(report.archived == 1)
        let call = try #require(try fx.catalog.calls().first)
        #expect(call.agentChannel == 0 && call.metadata.agentChannel == 1 && call.layout == .stereo)
        let decoded = try fx.decode(call)
        // Source channel 1 (active 2-4 s) is now archive channel 0.
        #expect(rmsDB(decoded.samples[0], rate: 8000, from: 2.5, to: 3.5) > -20)
        #expect(rmsDB(decoded.samples[0], rate: 8000, from: 0.5, to: 1.5) < -50)
    }

    @Test func rerunIngestsNothingTwice() async throws {
        let fx = try IngestFixture()
        try fx.writeTones("a.wav", seconds: 2, frequencies: [440, 0])
        try fx.writeTones("b.wav", format: .wavGSM610, seconds: 2, frequencies: [300])
        let first = try await fx.ingest()
        #expect(first.archived == 2)
        let files = fx.archiveFiles()
        let second = try await fx.ingest()
        #expect(second.archived == 0 && second.skipped == 2)
        #expect(fx.archiveFiles() == files)
        #expect(try fx.catalog.callCount() == 2)
    }

    @Test func recordingsWithoutMetadataAreArchivedAndFlagged() async throws {
        let fx = try IngestFixture()
        try fx.writeTones("nometa-stereo.wav", seconds: 2, frequencies: [440, 660])
        try fx.writeTones("nometa-mono.wav", seconds: 2, frequencies: [440])
        let report = try await fx.ingest()
        #expect(report.archived == 2)
        let calls = try fx.catalog.calls()
        let stereo = try #require(calls.first { $0.legs[0].sourcePath == "nometa-stereo.wav" })
        let mono = try #require(calls.first { $0.legs[0].sourcePath == "nometa-mono.wav" })
        #expect(Set(stereo.flags) == [.noMetadata, .agentUnknown])
        #expect(stereo.agentChannel == nil && stereo.archive.channels == 2)
        #expect(mono.flags.contains(.mono) && mono.archive.channels == 1 && mono.layout == .mono)
        let monoAnalysis = try #require(try fx.catalog.analysis(callID: mono.id))
        #expect(monoAnalysis.mono && monoAnalysis.parties == nil && monoAnalysis.talk != nil)
        #expect(try fx.catalog.analysis(callID: stereo.id)?.parties != nil)
    }

    @Test(arguments: [(16000, 16000), (11025, 12000), (44100, 48000), (22050, 24000)])
    func nonNativeRatesAreResampledAndKeepTheirDuration(source: Int, archive: Int) async throws {
        let fx = try IngestFixture()
        try fx.writeTones("r.wav", rate: source, seconds: 3.013, frequencies: [440, 0])
        let report = try await fx.ingest()
        #expect(report.archived == 1)
        let call = try #require(try fx.catalog.calls().first)
        #expect(call.archive.sampleRate == archive)
        #expect(call.flags.contains(.resampled) == (source != archive))
        let decoded = try fx.decode(call)
        #expect(decoded.rate == archive)
        // OpusHead keeps the recording's own rate (RFC 7845 "original input sample rate"), not the coding rate.
        #expect(decoded.originalRate == source)
        #expect(abs(Double(decoded.samples[0].count) / Double(archive) - 3.013) <= 0.02)
        #expect(abs(call.durationSeconds - 3.013) <= 0.02)
    }

    @Test func badInputIsQuarantinedUntouchedAndTheRunGoesOn() async throws {
        let fx = try IngestFixture()
        try fx.writeTones("good.wav", seconds: 2, frequencies: [440, 660])
        try fx.writeText("empty.wav", "")
        try fx.writeText("text.wav", "this is not audio at all, just text pretending to be a wav file")
        try fx.writeTones("cut.wav", seconds: 2, frequencies: [440, 660])
        let cut = fx.drop.appendingPathComponent("cut.wav")
        let full = try Data(contentsOf: cut)
        try full.prefix(full.count / 2).write(to: cut)
        try fx.writeText("broken.json", "{ not json")
        try fx.writeText("escape.json", #"{"call_id": "X", "audio": "../../etc/passwd"}"#)
        let before = try ["empty.wav", "text.wav", "cut.wav", "broken.json", "escape.json"].map(fx.sha256)

        let report = try await fx.ingest()
        #expect(report.archived == 1 && report.failed == 0 && report.succeeded)
        let records = try fx.catalog.quarantineRecords()
        let codes = Dictionary(records.map { ($0.path, $0.reasonCode.rawValue) }, uniquingKeysWith: { a, _ in a })
        #expect(codes["empty.wav"] == "empty")
        #expect(codes["text.wav"] == "unsupported-encoding")
        #expect(codes["cut.wav"] == "truncated")
        #expect(codes["broken.json"] != nil && codes["escape.json"] != nil)
        #expect(records.allSatisfy { !$0.reason.isEmpty && $0.detectedAt == Date(timeIntervalSince1970: 1_795_400_000) })
        // Files are left exactly as they were.
        #expect(try ["empty.wav", "text.wav", "cut.wav", "broken.json", "escape.json"].map(fx.sha256) == before)
        // A second run does not record them again.
        let again = try await fx.ingest()
        #expect(try fx.catalog.quarantineRecords().count == records.count)
        #expect(again.quarantined == 0 && again.previouslyQuarantined == report.quarantined)
    }

    @Test func manyCallsInParallelAreAllArchivedOnce() async throws {
        let fx = try IngestFixture()
        for i in 0..<7 {
            try fx.writeTones("many/c\(i).wav", seconds: 1 + Double(i) * 0.25, frequencies: [200 + Double(i) * 50, 0])
        }
        let report = try await fx.ingest(jobs: 3)
        #expect(report.archived == 7 && report.jobs == 3)
        #expect(Set(try fx.catalog.calls().map(\.sourceSHA256)).count == 7)
        #expect(fx.archiveFiles().count == 7)
    }

    @Test func anArchivePublishedBeforeACrashIsRedoneAndTheOrphanIsNeverCataloged() async throws {
        // Simulates a crash after the archive file was published but before the catalog commit: the file exists,
        // the catalog does not know the call (nor the file's data key, so the file cannot be read by anyone).
        let fx = try IngestFixture()
        try fx.writeTones("x.wav", seconds: 2, frequencies: [440, 660])
        _ = try await fx.ingest()
        let orphans = fx.archiveFiles()
        try FileManager.default.removeItem(atPath: fx.home.catalogPath)
        for suffix in ["-wal", "-shm"] { try? FileManager.default.removeItem(atPath: fx.home.catalogPath + suffix) }
        let fresh = try Catalog(path: fx.home.catalogPath)
        let report = try await IngestRunner(home: fx.home, catalog: fresh, definition: PipelineDefinition(), keys: fx.keys,
                                            actor: fx.actor).run(dropFolder: fx.drop, jobs: 1)
        #expect(report.archived == 1 && report.failed == 0)
        // A fresh data key makes a new file; the catalog references it, never the orphan (left for `scrub`).
        let call = try #require(try fresh.calls().first)
        #expect(!orphans.contains { $0.hasSuffix(call.archive.relativePath) })
        #expect(fx.archiveFiles().count == orphans.count + 1)
        let reader = try ArchiveOpener(store: ArchiveStore(root: fx.home.archiveRoot), catalog: fresh, keys: fx.keys).reader(for: call)
        #expect(reader.totalFrames == call.archive.frames)
    }

    @Test func abandonedTemporaryFilesAreSweptOnTheNextRun() async throws {
        let fx = try IngestFixture()
        let store = ArchiveStore(root: fx.home.archiveRoot)
        try DurableFileWriter.makeDirectories(store.temporaryDirectory)
        let stray = store.temporaryDirectory + "/4194305-crashed.partial"
        #expect(FileManager.default.createFile(atPath: stray, contents: Data(repeating: 7, count: 100)))
        try fx.writeTones("y.wav", seconds: 1, frequencies: [440, 0])
        _ = try await fx.ingest()
        #expect(!FileManager.default.fileExists(atPath: stray))
    }

    /// A run whose process died (its run lock dropped without its end recorded) is marked interrupted by the next
    /// run; a run whose lock is held (a concurrent ingest) stays running; a run recorded before runs kept a lock is
    /// taken for dead. The dead run's lock file is removed, and a finished run leaves none.
    @Test func runsWhoseProcessEndedAreMarkedInterruptedByTheNextRun() async throws {
        let fx = try IngestFixture()
        try fx.writeTones("z.wav", seconds: 1, frequencies: [440, 660])
        func begin(_ lock: RunLock?) throws -> Int64 {
            try fx.catalog.beginRun(PipelineRun(startedAt: Date(), pipelineName: "t", pipelineSHA256: "", toolVersion: "t",
                                                sourceDirectory: fx.drop.path, jobs: 1), lockName: lock?.name)
        }
        var dying: RunLock? = try RunLock(directory: fx.home.runLocksPath)
        let dead = try begin(dying)
        let live = try RunLock(directory: fx.home.runLocksPath)
        let alive = try begin(live)
        let unlocked = try begin(nil)
        let (runner, _) = fx.runner()
        #expect(try runner.closeInterruptedRuns() == [unlocked])
        let dyingName = try #require(dying?.name)
        dying = nil  // the process "dies": the kernel drops the lock, the file stays
        #expect(FileManager.default.fileExists(atPath: fx.home.runLocksPath + "/" + dyingName))

        let report = try await fx.ingest()
        #expect(try fx.catalog.run(id: dead)?.status == .interrupted)
        #expect(try fx.catalog.run(id: unlocked)?.status == .interrupted)
        #expect(try fx.catalog.run(id: alive)?.status == .running)
        #expect(try fx.catalog.run(id: try #require(report.runID))?.status == .completed)
        #expect(try fx.catalog.stats().runsByStatus == ["interrupted": 2, "running": 1, "completed": 1])
        let files = try FileManager.default.contentsOfDirectory(atPath: fx.home.runLocksPath)
        #expect(files == [live.name], "only the live run's lock file is left")
        // A run that recorded its end is never marked afterwards.
        live.release()
        #expect(try fx.catalog.markRunInterrupted(id: try #require(report.runID)) == false)
    }

    @Test func missingDropFolderIsAClearError() async throws {
        let fx = try IngestFixture()
        let (runner, _) = fx.runner()
        await #expect(throws: PipelineError.self) {
            _ = try await runner.run(dropFolder: fx.root.appendingPathComponent("nope"), jobs: 1)
        }
    }
}

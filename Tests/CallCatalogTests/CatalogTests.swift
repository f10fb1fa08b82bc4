import CallCatalog
import CallModel
import Foundation
import Testing

func sampleCall(id: CallID = "20261123-abcdef0123", source: String = String(repeating: "a", count: 64)) -> Call {
    let metadata = CallMetadata(
        externalID: "1700000000.42", startTime: Date(timeIntervalSince1970: 1_795_400_000), agentID: "A017", team: "team-2",
        department: "water", category: "water-bill", tags: ["complaint"], direction: .inbound, callerNumber: "010-1234-5678",
        agentChannel: 1, events: [CallEvent(kind: .hold, start: 61.2, end: 95.0), CallEvent(kind: .transfer, start: 180.4, detail: "department:water")],
        reportedHoldSeconds: 33.8, format: .sidecarJSON, warnings: ["example warning"])
    return Call(
        id: id, sourceSHA256: source, runID: nil, metadata: metadata, flags: [.resampled], layout: .legs, agentChannel: 0,
        archive: ArchiveRef(relativePath: "2026/11/23/\(source).opus", sha256: String(repeating: "b", count: 64), bytes: 12345,
                            sampleRate: 8000, channels: 2, frames: 1_600_000, bitratePerChannel: 12000),
        durationSeconds: 200, ingestedAt: Date(timeIntervalSince1970: 1_795_500_000),
        legs: [Leg(index: 0, party: .agent, sourcePath: "a/x-agent.wav", sourceSHA256: "c", sourceBytes: 10, container: "WAV",
                   encoding: "ULAW", sampleRate: 8000, channels: 1, frames: 1_600_000),
               Leg(index: 1, party: .caller, sourcePath: "a/x-caller.wav", sourceSHA256: "d", sourceBytes: 10, container: "WAV",
                   encoding: "ULAW", sampleRate: 8000, channels: 1, frames: 1_600_000)],
        metadataFiles: ["a/x.json"])
}

func temporaryDirectory() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("nokchwi-test-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

@Suite struct CatalogTests {
    @Test func committedCallReadsBackWhole() throws {
        let catalog = try Catalog()
        let call = sampleCall()
        #expect(try catalog.commit(call) == .inserted)
        let loaded = try #require(try catalog.call(id: call.id))
        #expect(loaded == call)
        #expect(try catalog.callID(sourceSHA256: call.sourceSHA256) == call.id)
    }

    @Test func sameSourceIsNeverCommittedTwice() throws {
        let catalog = try Catalog()
        #expect(try catalog.commit(sampleCall()) == .inserted)
        let again = sampleCall(id: "20261124-abcdef0123")
        #expect(try catalog.commit(again) == .alreadyPresent(callID: "20261123-abcdef0123"))
        #expect(try catalog.callCount() == 1)
        #expect(try catalog.call(id: again.id) == nil)
    }

    @Test func listFiltersByAgentAndTeam() throws {
        let catalog = try Catalog()
        var other = sampleCall(id: "20261123-ffffffffff", source: String(repeating: "e", count: 64))
        other.metadata.agentID = "A002"
        other.metadata.team = "team-1"
        _ = try catalog.commit(sampleCall())
        _ = try catalog.commit(other)
        #expect(try catalog.calls(CallQuery(agentID: "A002")).map(\.id) == ["20261123-ffffffffff"])
        #expect(try catalog.calls(CallQuery(team: "team-2")).map(\.id) == ["20261123-abcdef0123"])
        #expect(try catalog.calls().count == 2)
    }

    @Test func quarantineRecordsTheSameFileOnce() throws {
        let catalog = try Catalog()
        let record = QuarantineRecord(path: "bad.wav", dropFolder: "/drop", sourceSHA256: "", bytes: 0, reasonCode: .empty,
                                      reason: "zero-length file", detectedAt: Date(timeIntervalSince1970: 1000), runID: nil)
        #expect(try catalog.quarantine(record))
        #expect(try !catalog.quarantine(record))
        #expect(try catalog.isQuarantined(dropFolder: "/drop", path: "bad.wav", sourceSHA256: ""))
        #expect(try catalog.quarantineRecords().map(\.reasonCode.rawValue) == ["empty"])
    }

    @Test func runIsRecordedWithItsOutcome() throws {
        let catalog = try Catalog()
        var run = PipelineRun(startedAt: Date(timeIntervalSince1970: 10), pipelineName: "default", pipelineSHA256: "x",
                              toolVersion: NokchwiVersion.current, sourceDirectory: "/drop", jobs: 2)
        run.id = try catalog.beginRun(run)
        run.status = .completed
        run.archived = 3
        run.finishedAt = Date(timeIntervalSince1970: 20)
        try catalog.finishRun(run)
        let loaded = try #require(try catalog.run(id: run.id!))
        #expect(loaded.archived == 3 && loaded.status == .completed && loaded.finishedAt == run.finishedAt)
    }

    @Test func statsCountCallsFlagsAndQuarantine() throws {
        let catalog = try Catalog()
        _ = try catalog.commit(sampleCall())
        var other = sampleCall(id: "20261123-ffffffffff", source: String(repeating: "e", count: 64))
        other.flags = [.noMetadata, .agentUnknown]
        other.metadata.format = .none
        other.layout = .stereo
        other.archive.relativePath = "2026/11/23/other.opus"
        _ = try catalog.commit(other)
        try catalog.quarantine(QuarantineRecord(path: "bad.wav", dropFolder: "/d", sourceSHA256: "", bytes: 0, reasonCode: .empty,
                                                reason: "zero-length", detectedAt: Date(), runID: nil))
        let stats = try catalog.stats()
        #expect(stats.calls == 2 && stats.audioSeconds == 400 && stats.archiveBytes == 24690 && stats.sourceBytes == 40)
        #expect(stats.byMetadataFormat == ["sidecar-json": 1, "none": 1])
        #expect(stats.byLayout == ["legs": 1, "stereo": 1])
        #expect(stats.byFlag == ["resampled": 1, "no-metadata": 1, "agent-unknown": 1])
        #expect(stats.quarantined == 1 && stats.quarantineByReason == ["empty": 1])
    }

    @Test func fileCatalogPersistsAndPassesIntegrityCheck() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("catalog.sqlite").path
        do {
            let catalog = try Catalog(path: path)
            _ = try catalog.commit(sampleCall())
        }
        let reopened = try Catalog(path: path)
        #expect(try reopened.callCount() == 1)
        #expect(try reopened.integrityProblems().isEmpty)
    }

    @Test func refusesAFileThatIsNotACatalog() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("catalog.sqlite").path
        try Data("this is not sqlite at all, do not overwrite me".utf8).write(to: URL(fileURLWithPath: path))
        #expect(throws: CatalogError.self) { _ = try Catalog(path: path) }
        #expect(try String(contentsOfFile: path, encoding: .utf8).hasPrefix("this is not sqlite"))
    }

    @Test func refusesAnOrphanWriteAheadLog() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("catalog.sqlite").path
        #expect(FileManager.default.createFile(atPath: path + "-wal", contents: Data([1, 2, 3])))
        #expect(throws: CatalogError.self) { _ = try Catalog(path: path) }
        #expect(!FileManager.default.fileExists(atPath: path))
    }
}

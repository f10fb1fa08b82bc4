import CallArchive
import CallAudio
import CallCatalog
import CallModel
import Foundation
import FuzzSupport
import Testing
@testable import CallPipeline

/// Issue 7's bad input at the ingest runner: every damaged recording and hostile metadata file gets a quarantine
/// record with its reason code and stays byte-for-byte as it was; the valid-but-unusual recordings are archived
/// in full; Korean names in NFC and NFD are both ingested and recorded in NFC.
@Suite struct IngestBadInputTests {
    /// The quarantine reason codes as the README's table documents them, written out here rather than taken from
    /// the production mapping (`CallIngestor.reasonCode`), so a changed mapping fails this test.
    static let documentedCode: [AudioError.Code: String] = [
        .empty: "empty", .truncated: "truncated", .headerMismatch: "header-mismatch",
        .unsupportedEncoding: "unsupported-encoding", .invalidFormat: "invalid-format", .decodeFailed: "decode-failed",
    ]

    @Test func everyBadRecordingIsQuarantinedAndTheUnusualOnesAreArchived() async throws {
        let fx = try IngestFixture()
        let catalog = try BadRecordingCatalog.all()
        for recording in catalog { try fx.writeBytes("bad/\(recording.name).wav", recording.bytes) }
        let before = try catalog.map { try fx.sha256("bad/\($0.name).wav") }

        let report = try await fx.ingest()
        #expect(report.failed == 0, "\(report.failures)")
        let codes = Dictionary(try fx.catalog.quarantineRecords().map { ($0.path, $0.reasonCode.rawValue) }, uniquingKeysWith: { a, _ in a })
        let calls = Dictionary(try fx.catalog.calls().map { ($0.legs[0].sourcePath, $0) }, uniquingKeysWith: { a, _ in a })
        for recording in catalog {
            let path = "bad/\(recording.name).wav"
            switch recording.expected {
            case .refused(let code):
                #expect(codes[path] != nil && codes[path] == Self.documentedCode[code], "\(recording.what): \(codes[path] ?? "not quarantined")")
                #expect(calls[path] == nil, "\(recording.what) must not be archived")
            case .accepted(let frames, _):
                #expect(codes[path] == nil, "\(recording.what): quarantined as \(codes[path] ?? "")")
                #expect(calls[path]?.legs[0].frames == frames, "\(recording.what)")
            }
        }
        #expect(try catalog.map { try fx.sha256("bad/\($0.name).wav") } == before, "sources must stay untouched")
        let leftovers = (try? FileManager.default.contentsOfDirectory(atPath: ArchiveStore(root: fx.home.archiveRoot).temporaryDirectory)) ?? []
        #expect(leftovers.isEmpty, "no temporary archive file is left by a call that failed while decoding")
    }

    /// Hostile metadata beside a good recording: the metadata file is quarantined, the recording archived without it.
    @Test func hostileMetadataIsQuarantinedAndItsRecordingStillArchived() async throws {
        let fx = try IngestFixture()
        let pick = { (target: FuzzTarget, name: String) in
            try #require(BadMetadataCatalog.all.first { $0.target == target && $0.name == name }).bytes
        }
        let cases: [(file: String, bytes: [UInt8], code: String)] = [
            ("m/not-json.json", try pick(.sidecar, "not-json"), "metadata-malformed"),
            ("m/deep-arrays.json", try pick(.sidecar, "deep-arrays"), "metadata-malformed"),
            ("m/dots.json", try pick(.sidecar, "path-with-dots"), "metadata-path-outside-drop-folder"),
            ("m/absolute.json", try pick(.sidecar, "absolute-path"), "metadata-path-outside-drop-folder"),
            ("m/laughs.xml", try pick(.siprec, "billion-laughs"), "metadata-entity-declaration"),
            ("m/external.xml", try pick(.siprec, "external-entity"), "metadata-entity-declaration"),
            ("m/parameter.xml", try pick(.siprec, "parameter-entity"), "metadata-entity-declaration"),
            ("m/cp949.csv", try pick(.asterisk, "not-utf8"), "metadata-unreadable"),
            ("m/huge.json", Array(#"{"call_id": ""#.utf8) + [UInt8](repeating: 0x41, count: 1_200_000) + Array(#""}"#.utf8),
             "metadata-too-large"),
            ("m/deep.xml", try pick(.siprec, "deep-nesting"), "metadata-malformed"),
        ]
        for (i, c) in cases.enumerated() {
            try fx.writeBytes(c.file, c.bytes)
            let audio = String(c.file.dropLast(c.file.hasSuffix(".json") ? 5 : 4)) + ".wav"
            try fx.writeTones(audio, seconds: 1 + Double(i) / 10, frequencies: [440, 660])  // distinct content
        }
        var definition = PipelineDefinition()
        definition.metadata.maxMetadataBytes = 1_000_000
        let before = try cases.map { try fx.sha256($0.file) }
        let (runner, jobs) = fx.runner(definition: definition)
        let report = try await runner.run(dropFolder: fx.drop, jobs: jobs)
        #expect(report.archived == cases.count && report.failed == 0, "\(report.quarantine) \(report.failures)")
        let records = try fx.catalog.quarantineRecords()
        for c in cases {
            let record = records.first { $0.path == c.file }
            #expect(record?.reasonCode.rawValue == c.code, "\(c.file)")
            #expect(record.map { !$0.reason.contains("passwd") && $0.reason.count < 500 } == true, "\(record?.reason ?? "")")
        }
        #expect(try fx.catalog.calls().allSatisfy { $0.metadata.format == .none && $0.flags.contains(.noMetadata) })
        #expect(try cases.map { try fx.sha256($0.file) } == before)
    }

    @Test func koreanNamesInNFCAndNFDAreBothIngestedAndRecordedInNFC() async throws {
        let fx = try IngestFixture()
        let nfc1 = "상담/민원-0001", nfc2 = "상담/민원-0002", nfc3 = "상담/손상-0003"
        #expect(Array(nfc1.decomposedStringWithCanonicalMapping.utf8) != Array(nfc1.utf8))
        try fx.writeTones(nfc1.decomposedStringWithCanonicalMapping + ".wav", seconds: 1, frequencies: [440, 660])  // as macOS writes
        try fx.writeTones(nfc2 + ".wav", seconds: 1.5, frequencies: [440, 660])
        try fx.writeText(nfc1 + ".json", #"{"call_id": "K-1", "agent_id": "A017", "agent_channel": 0}"#)  // NFC, as typed
        try fx.writeBytes(nfc3.decomposedStringWithCanonicalMapping + ".wav", [])
        let report = try await fx.ingest()
        #expect(report.archived == 2 && report.quarantined == 1 && report.failed == 0)
        let calls = try fx.catalog.calls()
        let paths = calls.map { Array($0.legs[0].sourcePath.utf8) }.sorted { $0.lexicographicallyPrecedes($1) }
        #expect(paths == [Array((nfc1 + ".wav").utf8), Array((nfc2 + ".wav").utf8)])
        #expect(calls.first { $0.metadata.externalID == "K-1" }?.metadata.agentID == "A017")
        let record = try #require(try fx.catalog.quarantineRecords().first)
        #expect(Array(record.path.utf8) == Array((nfc3 + ".wav").utf8) && record.reasonCode == .empty)
    }
}

extension IngestFixture {
    func writeBytes(_ relative: String, _ bytes: [UInt8]) throws {
        let url = drop.appendingPathComponent(relative)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(bytes).write(to: url)
    }
}

import CallModel
import Foundation
import Testing
@testable import CallPipeline

@Suite struct DiscoveryScannerTests {
    /// Files whose name contains "mono" have one channel, all others two (the scanner never opens audio).
    static let probe: @Sendable (URL) -> Int? = { $0.lastPathComponent.contains("mono") ? 1 : 2 }

    static func scan(_ folder: MetadataTempFolder, settings: MetadataSettings = MetadataSettings()) throws -> DropFolderScan {
        try DropFolderScanner(root: folder.url, settings: settings, channelCount: probe).scan()
    }

    static func candidate(_ scan: DropFolderScan, _ firstFile: String) -> CallCandidate? {
        scan.candidates.first { $0.layout.files.first == firstFile }
    }

    static let cdrLine = #""","0212345678","1500","from-pstn","","SIP/trunk-00000001","SIP/8007-00000002","Queue","q","2026-11-23 09:00:00","2026-11-23 09:00:04","2026-11-23 09:01:04","64","60","ANSWERED","DOCUMENTATION","UID","agent=A017""#

    @Test func pairsEveryKindOfMetadataWithItsAudio() throws {
        let f = try MetadataTempFolder()
        // Sidecar beside a stereo file, and a sidecar whose call is split in agent/caller legs.
        try f.write("a/call1.json", #"{"call_id": "C1", "agent_channel": 1, "agent_id": "A001"}"#)
        try f.write("a/call1.wav")
        try f.write("b/legs.json", #"{"call_id": "C2"}"#)
        try f.write("b/legs-agent.wav")
        try f.write("b/legs-caller.wav")
        // Asterisk CSV: one stereo MixMonitor file, one Monitor pair elsewhere, one line without a recording.
        try f.write("cdr/Master.csv", [
            Self.cdrLine.replacingOccurrences(of: "UID", with: "1795392000.1"),
            Self.cdrLine.replacingOccurrences(of: "UID", with: "1795392000.2"),
            Self.cdrLine.replacingOccurrences(of: "UID", with: "1795392000.3"),
            Self.cdrLine.replacingOccurrences(of: "2026-11-23 09:01:04", with: "soon"),
        ].joined(separator: "\n"))
        try f.write("rec/1795392000.1.wav")
        try f.write("rec/1795392000.2-in.WAV")
        try f.write("rec/1795392000.2-out.wav")
        // SIPREC beside its stereo file; FreeSWITCH CDR whose recording is named after the uuid.
        try f.write("siprec/s1.xml", String(decoding: try MetadataTestFiles.fixture("siprec-recording.xml"), as: UTF8.self))
        try f.write("siprec/s1.wav")
        try f.write("fs/cdr-1.json", String(decoding: try MetadataTestFiles.fixture("freeswitch-cdr.json"), as: UTF8.self))
        try f.write("rec/5b3c2a10-8e4f-4f7e-9d2a-0a1b2c3d4e5f.flac")
        // Audio without metadata.
        try f.write("loose/m-in.wav")
        try f.write("loose/m-out.wav")
        try f.write("loose/p-agent.wav")
        try f.write("loose/p-caller.wav")
        try f.write("loose/mono-1.wav")
        try f.write("loose/solo.aiff")
        try f.write("notes.txt", "not a call")
        try f.write("loose/.partial.wav")

        let scan = try Self.scan(f)
        #expect(scan.ignored == ["loose/.partial.wav", "notes.txt"])
        #expect(scan.rejections.map(\.relativePath) == ["cdr/Master.csv"])
        #expect(scan.rejections.first?.line == 4)
        #expect(scan.rejections.first?.code.rawValue == "metadata-malformed")

        let expected: [(RecordingLayout, MetadataFormat, String?)] = [
            (.stereo(file: "a/call1.wav", agentChannel: 1), .sidecarJSON, "A001"),
            (.legs(agent: "b/legs-agent.wav", caller: "b/legs-caller.wav"), .sidecarJSON, nil),
            (.unassignedLegs(first: "loose/m-in.wav", second: "loose/m-out.wav"), .none, nil),
            (.mono(file: "loose/mono-1.wav"), .none, nil),
            (.legs(agent: "loose/p-agent.wav", caller: "loose/p-caller.wav"), .none, nil),
            (.stereo(file: "loose/solo.aiff", agentChannel: nil), .none, nil),
            (.stereo(file: "rec/1795392000.1.wav", agentChannel: 1), .asteriskCDR, "A017"),
            (.legs(agent: "rec/1795392000.2-out.wav", caller: "rec/1795392000.2-in.WAV"), .asteriskCDR, "A017"),
            (.stereo(file: "rec/5b3c2a10-8e4f-4f7e-9d2a-0a1b2c3d4e5f.flac", agentChannel: 1), .freeswitchCDR, "8007"),
            (.stereo(file: "siprec/s1.wav", agentChannel: 1), .siprec, "8007"),
        ]
        #expect(scan.candidates.map(\.layout) == expected.map(\.0))
        #expect(scan.candidates.map(\.metadata.format) == expected.map(\.1))
        #expect(scan.candidates.map(\.metadata.agentID) == expected.map(\.2))
        #expect(Self.candidate(scan, "rec/1795392000.2-out.wav")?.metadata.agentChannel == nil)  // legs, not channels
        #expect(Self.candidate(scan, "siprec/s1.wav")?.metadataFiles == ["siprec/s1.xml"])
        #expect(Self.candidate(scan, "rec/1795392000.1.wav")?.metadataFiles == ["cdr/Master.csv"])
        // Deterministic: a second scan gives the same result.
        #expect(try Self.scan(f) == scan)
    }

    @Test func pathsOutsideTheDropFolderAreRejected() throws {
        let outside = try MetadataTempFolder()
        try outside.write("secret.wav")
        try outside.write("dir/other.wav")
        let f = try MetadataTempFolder()
        try f.write("x/up.json", #"{"audio": "../../secret.wav"}"#)
        try f.write("x/abs.json", "{\"audio\": \"\(outside.url.path)/secret.wav\"}")
        try f.write("x/absinside.json", "{\"audio\": \"\(f.url.path)/x/inside.wav\"}")
        try f.write("x/inside.wav")
        try f.write("x/link.json", #"{"legs": {"agent": "link.wav", "caller": "inside.wav"}}"#)
        try FileManager.default.createSymbolicLink(atPath: f.url.appendingPathComponent("x/link.wav").path,
                                                   withDestinationPath: outside.url.appendingPathComponent("secret.wav").path)
        try FileManager.default.createSymbolicLink(atPath: f.url.appendingPathComponent("linked").path,
                                                   withDestinationPath: outside.url.appendingPathComponent("dir").path)
        let scan = try Self.scan(f)
        let codes = Dictionary(uniqueKeysWithValues: scan.rejections.map { ($0.relativePath, $0.code.rawValue) })
        #expect(codes == ["x/up.json": "metadata-path-outside-drop-folder",
                          "x/abs.json": "metadata-path-outside-drop-folder",
                          "x/link.json": "metadata-path-outside-drop-folder"])
        for r in scan.rejections { #expect(!r.reason.contains("secret"), "\(r.reason)") }
        // The absolute path inside the folder is fine; links are neither followed nor archived.
        #expect(scan.candidates.map(\.layout) == [.stereo(file: "x/inside.wav", agentChannel: nil)])
        #expect(scan.candidates.first?.metadataFiles == ["x/absinside.json"])
        #expect(scan.ignored == ["linked", "x/link.wav"])
    }

    @Test func rejectedMetadataLeavesItsAudioAsACallWithoutMetadata() throws {
        let f = try MetadataTempFolder()
        try f.write("bad/broken.json", #"{"agent_channel": "one"}"#)
        try f.write("bad/broken.wav")
        try f.write("bad/nothing.json", #"{"call_id": "N"}"#)
        try f.write("bad/evil.xml", #"<?xml version="1.0"?><!DOCTYPE r [<!ENTITY e "x">]><recording/>"#)
        try f.write("bad/evil.wav")
        try f.write("bad/half.json", "{}")
        try f.write("bad/half-agent.wav")
        try f.write("dup/d.json", #"{"agent_channel": 0}"#)
        try f.write("dup/d.xml", String(decoding: try MetadataTestFiles.fixture("siprec-recording.xml"), as: UTF8.self))
        try f.write("dup/d.wav")
        try f.write("big/huge.json", String(repeating: " ", count: 8192) + "{}")
        try f.write("big/huge.wav")
        var settings = MetadataSettings()
        settings.maxMetadataBytes = 4096
        let scan = try Self.scan(f, settings: settings)
        #expect(scan.rejections.map { "\($0.relativePath) \($0.code.rawValue)" } == [
            "bad/broken.json metadata-malformed",
            "bad/evil.xml metadata-entity-declaration",
            "bad/half.json metadata-missing-audio",
            "bad/nothing.json metadata-missing-audio",
            "big/huge.json metadata-too-large",
            "dup/d.xml metadata-ambiguous",
        ])
        #expect(scan.rejections.first { $0.relativePath == "bad/half.json" }?.reason.contains("only one of the two leg files") == true)
        #expect(scan.candidates.map(\.layout) == [
            .stereo(file: "bad/broken.wav", agentChannel: nil),
            .stereo(file: "bad/evil.wav", agentChannel: nil),
            .stereo(file: "bad/half-agent.wav", agentChannel: nil),
            .stereo(file: "big/huge.wav", agentChannel: nil),
            .stereo(file: "dup/d.wav", agentChannel: 0),
        ])
        #expect(scan.candidates.map(\.metadata.format) == [.none, .none, .none, .none, .sidecarJSON])
    }

    @Test func koreanNamesInNFDAreFoundFromNFCMetadata() throws {
        let f = try MetadataTempFolder()
        let nfc = "상담/민원-0001"
        let nfd = nfc.decomposedStringWithCanonicalMapping
        #expect(Array(nfd.utf8) != Array(nfc.utf8))
        try f.write(nfd + ".wav")  // as macOS would write it
        try f.write("상담/설명.json", #"{"audio": "민원-0001.wav", "agent_channel": 0}"#)  // NFC, as typed
        try f.write("상담/듣기-agent.wav".decomposedStringWithCanonicalMapping)
        try f.write("상담/듣기-caller.wav")
        let scan = try Self.scan(f)
        #expect(scan.rejections.isEmpty)
        let call = try #require(scan.candidates.first { $0.metadata.format == .sidecarJSON })
        let onDisk = try #require(call.layout.files.first)
        #expect(Array(onDisk.utf8) == Array((nfd + ".wav").utf8))  // opens the real file
        #expect(FileManager.default.fileExists(atPath: f.url.path + "/" + onDisk))
        #expect(Array(call.displayFiles[0].utf8) == Array((nfc + ".wav").utf8))  // shows NFC
        let legs = try #require(scan.candidates.first { if case .legs = $0.layout { true } else { false } })
        #expect(legs.displayFiles.map { Array($0.utf8) } == [Array("상담/듣기-agent.wav".utf8), Array("상담/듣기-caller.wav".utf8)])
    }

    @Test func largeFreeSWITCHCDRIsNotTakenForASidecar() throws {
        let f = try MetadataTempFolder()
        let padding = String(repeating: "x", count: 100_000)
        try f.write("cdr/a_b.json", #"{"callStats": {"note": "# + "\"\(padding)\"" + #"}, "variables": {"uuid": "u-9", "answer_epoch": "1700000000"}}"#)
        try f.write("cdr/a_b.wav")  // same basename: a sidecar would have claimed it
        try f.write("rec/u-9.wav")
        let scan = try Self.scan(f)
        #expect(scan.rejections.isEmpty)
        let call = try #require(Self.candidate(scan, "rec/u-9.wav"))
        #expect(call.metadata.format == .freeswitchCDR)
        #expect(Self.candidate(scan, "cdr/a_b.wav")?.metadata.format == MetadataFormat.none)
    }

    @Test func ambiguousAndMissingDropFolder() throws {
        let f = try MetadataTempFolder()
        try f.write("c.json", "{}")
        try f.write("c.wav")
        try f.write("c.flac")
        let scan = try Self.scan(f)
        #expect(scan.rejections.map(\.code.rawValue) == ["metadata-ambiguous"])
        #expect(scan.candidates.count == 2)
        #expect(throws: PipelineError.self) {
            _ = try DropFolderScanner(root: f.url.appendingPathComponent("nope")).scan()
        }
    }

    /// A SIPREC agent who sends two streams (audio and video, say) before the caller's: in a 2-channel file laid
    /// out by stream order, channel 1 is the agent's second stream, not the caller. The parties stay unknown, with
    /// a warning, as for an agent channel outside the file; per-stream leg files still name both parties.
    @Test func siprecCallerStreamOutsideTheStereoFileLeavesThePartiesUnknown() throws {
        let xml = """
            <?xml version="1.0" encoding="UTF-8"?>
            <recording xmlns='urn:ietf:params:xml:ns:recording:1'><datamode>complete</datamode>
              <session session_id="sess"><start-time>2026-11-23T09:00:00+09:00</start-time></session>
              <participant participant_id="pa"><nameID aor="sip:8007@pbx.example"/></participant>
              <participant participant_id="pc"><nameID aor="sip:0212345678@trunk.example"/></participant>
              <stream stream_id="a1" session_id="sess"><label>1</label></stream>
              <stream stream_id="a2" session_id="sess"><label>2</label></stream>
              <stream stream_id="c1" session_id="sess"><label>3</label></stream>
              <stream stream_id="c2" session_id="sess"><label>4</label></stream>
              <participantstreamassoc participant_id="pa"><send>a1</send><send>a2</send><recv>c1</recv></participantstreamassoc>
              <participantstreamassoc participant_id="pc"><send>c1</send><send>c2</send><recv>a1</recv></participantstreamassoc>
            </recording>
            """
        let f = try MetadataTempFolder()
        try f.write("one/call.xml", xml)
        try f.write("one/call.wav")
        try f.write("legs/call.xml", xml)
        try f.write("legs/call-1.wav")
        try f.write("legs/call-3.wav")
        let scan = try Self.scan(f)
        #expect(scan.rejections.isEmpty, "\(scan.rejections)")
        let stereo = try #require(Self.candidate(scan, "one/call.wav"))
        #expect(stereo.layout == .stereo(file: "one/call.wav", agentChannel: nil))
        #expect(stereo.metadata.agentChannel == nil)
        #expect(stereo.metadata.warnings.contains { $0.contains("caller's stream") && $0.contains("agent unknown") },
                "\(stereo.metadata.warnings)")
        #expect(!stereo.metadata.warnings.contains { $0.contains("0212345678") })
        let legs = try #require(Self.candidate(scan, "legs/call-1.wav"))
        #expect(legs.layout == .legs(agent: "legs/call-1.wav", caller: "legs/call-3.wav"))
    }
}

import CallAudio
import CallDemo
import CallModel
import Foundation
import Testing

@Suite(.enabled(if: DemoDataFixture.available, DemoDataFixture.skipReason))
struct DemoDataGeneratorTests {
    static let small = DemoDataOptions(calls: 6, meanCallSeconds: 45)

    @Test func sameSeedGivesByteIdenticalFiles() throws {
        let options = DemoDataOptions(seed: 7, calls: 4, meanCallSeconds: 30)
        let a = try DemoDataFixture(options)
        let b = try DemoDataFixture(options)
        defer { a.remove(); b.remove() }
        #expect(a.summary == b.summary)
        #expect(a.summary.files.count > 8)
        for file in a.summary.files {
            let left = try Data(contentsOf: a.dropFile(file))
            let right = try Data(contentsOf: b.dropFile(file))
            #expect(left == right, "\(file) differs between two runs with the same seed")
        }
        for file in a.summary.truthFiles {
            #expect(try Data(contentsOf: a.truthFolder.appendingPathComponent(file))
                == Data(contentsOf: b.truthFolder.appendingPathComponent(file)), "\(file) differs")
        }
        let other = try DemoDataFixture(DemoDataOptions(seed: 8, calls: 4, meanCallSeconds: 30))
        defer { other.remove() }
        #expect(other.summary.files != a.summary.files || other.summary.audioSeconds != a.summary.audioSeconds)
    }

    @Test func sixCallsHaveTheDocumentedMixOfLayoutsAndMetadata() throws {
        let f = try DemoDataFixture(Self.small)
        defer { f.remove() }
        let truths = try f.truths()
        #expect(f.summary.callsWritten == 6)
        #expect(truths.map(\.metadataFormat) == ["sidecar-json", "asterisk-cdr", "freeswitch-cdr", "none", "siprec",
                                                 "sidecar-json"])
        #expect(truths.map { $0.layout + ($0.legNaming.map { "/" + $0 } ?? "") }
            == ["legs/agent-caller", "stereo", "stereo", "legs/agent-caller", "stereo", "legs/named"])
        #expect(truths.map(\.sampleRate) == [8000, 8000, 8000, 11025, 16000, 8000])
        for t in truths {
            for file in t.files + t.metadataFiles {
                #expect(FileManager.default.fileExists(atPath: f.dropFile(file).path), "\(t.callID): \(file) missing")
            }
        }
        // Sidecar: default leg names need no `legs`; the `named` legs are spelled out.
        let named = try JSONSerialization.jsonObject(
            with: Data(contentsOf: f.dropFile(truths[5].metadataFiles[0]))) as? [String: Any]
        #expect((named?["legs"] as? [String: String])?["agent"] == truths[5].agentFile!.split(separator: "/").last.map(String.init))
        #expect(named?["call_id"] as? String == truths[5].externalID)
        // Asterisk: one Master.csv row of 18 columns, ANSWERED, matched by uniqueid = the stereo file's name.
        let csv = try String(contentsOf: f.dropFile("asterisk/Master.csv"), encoding: .utf8)
        let rows = csv.split(separator: "\n").map { Self.csvFields(String($0)) }
        #expect(rows.count == 1)
        #expect(rows.first?.count == 18)
        #expect(rows.first?[14] == "ANSWERED")
        #expect(rows.first?[16] == truths[1].externalID)
        #expect(truths[1].files == ["asterisk/\(truths[1].externalID).wav"])
        #expect(truths[1].agentChannel == 1)
        // FreeSWITCH: variables are strings and carry the uuid.
        let fs = try JSONSerialization.jsonObject(with: Data(contentsOf: f.dropFile(truths[2].metadataFiles[0])))
            as? [String: Any]
        let variables = fs?["variables"] as? [String: Any]
        #expect(variables?["uuid"] as? String == truths[2].externalID)
        #expect(variables?.values.allSatisfy { $0 is String } == true)
        // SIPREC: two participants, two labelled streams, send/recv associations; agent stream = agent channel.
        let xml = try String(contentsOf: f.dropFile(truths[4].metadataFiles[0]), encoding: .utf8)
        #expect(xml.contains(#"<recording xmlns="urn:ietf:params:xml:ns:recording:1">"#))
        #expect(xml.components(separatedBy: "<participant ").count == 3)
        #expect(xml.components(separatedBy: "<participantstreamassoc ").count == 3)
        #expect(xml.contains("<label>1</label>") && xml.contains("<label>2</label>"))
        #expect(xml.contains("sip:agent\(truths[4].agentID.dropFirst())@callcenter.example.go.kr"))
        // No metadata: nothing but audio in its folder.
        let unlabelled = try FileManager.default.contentsOfDirectory(atPath: f.dropFile("unlabelled").path)
        #expect(unlabelled.allSatisfy { $0.hasSuffix(".wav") })
        #expect(truths[3].metadataFiles.isEmpty && truths[3].externalID.isEmpty)
    }

    @Test func badInputsAreWrittenAndUnreadable() throws {
        let f = try DemoDataFixture(DemoDataOptions(calls: 1, meanCallSeconds: 30))
        defer { f.remove() }
        #expect(f.summary.badInputsWritten == 6)
        let bad = f.summary.badInputs
        for input in bad {
            #expect(FileManager.default.fileExists(atPath: f.dropFile(input.file).path))
            #expect(input.file.hasPrefix("bad/bad-"))
            if input.expectedAudioError != nil {
                #expect(throws: AudioError.self, "\(input.file) must not decode") {
                    _ = try DemoDataFixture.decode(f.dropFile(input.file).path)
                }
            }
        }
        #expect(try Data(contentsOf: f.dropFile("bad/bad-zero-length.wav")).isEmpty)
        let beside = try DemoDataFixture.decode(f.dropFile("bad/bad-sidecar-unparseable.wav").path)
        #expect(beside.channels == 2 && beside.samples.count > 8000)
        #expect((try? JSONSerialization.jsonObject(with: Data(contentsOf: f.dropFile("bad/bad-sidecar-unparseable.json")))) == nil)
        let escape = try JSONSerialization.jsonObject(with: Data(contentsOf: f.dropFile("bad/bad-sidecar-escape.json")))
        #expect((escape as? [String: Any])?["audio"] as? String == "../../etc/passwd")
        #expect(f.summary.truthFiles.contains("bad-inputs.json"))
    }

    /// Master.csv fields: quoted with doubled quotes, or bare.
    static func csvFields(_ line: String) -> [String] {
        var fields: [String] = []
        var current = ""
        var quoted = false
        var chars = Array(line)[...]
        while let c = chars.popFirst() {
            if quoted {
                if c == "\"" {
                    if chars.first == "\"" { current.append("\""); chars.removeFirst() } else { quoted = false }
                } else {
                    current.append(c)
                }
            } else if c == "\"" {
                quoted = true
            } else if c == "," {
                fields.append(current)
                current = ""
            } else {
                current.append(c)
            }
        }
        fields.append(current)
        return fields
    }
}

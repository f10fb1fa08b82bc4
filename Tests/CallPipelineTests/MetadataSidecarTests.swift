import CallModel
import Foundation
import Testing
@testable import CallPipeline

@Suite struct MetadataSidecarTests {
    static func parse(_ json: String, path: String = "calls/c1.json") throws(MetadataError) -> MetadataRecord? {
        try SidecarJSONAdapter().parse(data: Data(json.utf8), relativePath: path, settings: MetadataSettings())
            .records.first
    }

    static func error(_ json: String) -> MetadataError? {
        do throws(MetadataError) {
            _ = try parse(json)
            return nil
        } catch { return error }
    }

    @Test func fixtureParsesAndRoundTrips() throws {
        let data = try MetadataTestFiles.fixture("sidecar-call.json")
        let settings = MetadataSettings()
        let record = try #require(try SidecarJSONAdapter().parse(data: data, relativePath: "sidecar-call.json",
                                                                  settings: settings).records.first)
        let m = record.metadata
        #expect(m.format == .sidecarJSON)
        #expect(m.externalID == "SEOUL-20261123-000123")
        #expect(m.startTime == MetadataTime.local("2026-11-23 09:14:05", zone: settings.zone))
        #expect(m.endTime == MetadataTime.local("2026-11-23 09:19:41", zone: settings.zone))
        #expect((m.agentID, m.team, m.department, m.category) == ("A017", "team-2", "water", "water-bill"))
        #expect(m.tags == ["complaint", "repeat-caller"])
        #expect(m.direction == .inbound)
        #expect(m.callerNumber == "010-0000-0000")
        #expect(m.agentChannel == 0)
        #expect(m.events == [CallEvent(kind: .hold, start: 61.2, end: 95.0),
                             CallEvent(kind: .transfer, start: 180.4, detail: "department:water")])
        #expect(m.warnings.isEmpty)
        #expect(record.audio == .file("sidecar-call.wav"))

        // Written back and read again: the same call.
        let written = try SidecarJSONAdapter.encode(m, audio: "sidecar-call.wav", settings: settings)
        #expect(String(decoding: written, as: UTF8.self).contains(#""start_time" : "2026-11-23T09:14:05+09:00""#))
        let again = try #require(try SidecarJSONAdapter().parse(data: written, relativePath: "sidecar-call.json",
                                                                 settings: settings).records.first)
        #expect(again == record)
    }

    @Test func defaultsToTheSameBasename() throws {
        let record = try #require(try Self.parse("{}"))
        #expect(record.metadata == CallMetadata(format: .sidecarJSON))
        #expect(record.audio == .stem("c1", legs: [.agentCaller], scope: .besideMetadata))
        let legs = try #require(try Self.parse(#"{"legs": {"agent": "x-a.wav", "caller": "x-c.wav"}}"#))
        #expect(legs.audio == .legs(agent: "x-a.wav", caller: "x-c.wav"))
    }

    @Test func wrongTypesNameTheKeyNotTheValue() {
        let cases: [(String, String)] = [
            (#"{"agent_channel": "one"}"#, "`agent_channel` has the wrong type: expected an integer"),
            (#"{"caller_number": 1012345678}"#, "`caller_number` has the wrong type: expected a string"),
            (#"{"events": [{"type": "hold", "start": 1}, {"type": "hold", "start": "x"}]}"#,
             "`events[1].start` has the wrong type: expected a number"),
            (#"{"events": [{"start": 1}]}"#, "`events[0].type` is missing"),
            (#"{"tags": "a,b"}"#, "`tags` has the wrong type: expected an array"),
            (#"{"legs": {"agent": "a.wav"}}"#, "`legs.caller` is missing"),
            (#"{"audio": "a.wav", "legs": {"agent": "a.wav", "caller": "b.wav"}}"#, "gives both `audio` and `legs`"),
            (#"{"direction": "sideways"}"#, "`direction` must be one of"),
            (#"{"start_time": "23/11/2026 09:14"}"#, "`start_time` is not an ISO 8601 time"),
            (#"{"events": [{"type": "coffee", "start": 1}]}"#, "`events[0].type` must be one of"),
            (#"{"events": [{"type": "hold", "start": 5, "end": 1}]}"#, "`events[0].end` must not come before"),
            (#"{"agent_channel": -1}"#, "`agent_channel` must be 0 or more"),
            (#"[1, 2]"#, "the document has the wrong type: expected a JSON object"),
            (#"{"call_id": "#, "is not valid JSON"),
        ]
        for (json, expected) in cases {
            let error = Self.error(json)
            #expect(error?.code == .malformed, "\(json)")
            #expect(error?.reason.hasPrefix(expected) == true || error?.reason.contains(expected) == true,
                    "\(json): \(error?.reason ?? "no error")")
            #expect(error?.description.contains("1012345678") != true)
        }
    }

    @Test func timeWithoutZoneIsReadInTheConfiguredZone() throws {
        let record = try #require(try Self.parse(#"{"start_time": "2026-11-23T09:14:05.250"}"#))
        #expect(record.metadata.startTime == Date(timeIntervalSince1970: 1795392845.25))
        #expect(record.metadata.warnings == ["`start_time` has no time zone; read as Asia/Seoul"])
        let utc = try #require(try Self.parse(#"{"start_time": "2026-11-23T00:14:05Z"}"#))
        #expect(utc.metadata.startTime == Date(timeIntervalSince1970: 1795392845))
    }

    @Test func settingsDecodeWithDefaultsAndRejectWhatCannotWork() throws {
        let empty = try JSONDecoder().decode(MetadataSettings.self, from: Data("{}".utf8))
        #expect(empty == MetadataSettings())
        #expect(empty.timezone == "Asia/Seoul")
        #expect(empty.asteriskAgentLeg == .out)
        #expect(empty.maxMetadataBytes == 4 * 1024 * 1024)
        let some = try JSONDecoder().decode(MetadataSettings.self, from: Data(
            #"{"asterisk_agent_leg": "in", "siprec_agent_aor_pattern": "^sip:agent", "max_metadata_bytes": 1024}"#.utf8))
        #expect(some.asteriskAgentLeg == .in)
        #expect(some.siprecAgentAORPattern == "^sip:agent")
        #expect(some.maxMetadataBytes == 1024)
        for bad in [#"{"timezone": "Mars/Olympus"}"#, #"{"asterisk_agent_leg": "both"}"#,
                    #"{"siprec_agent_aor_pattern": "("}"#, #"{"freeswitch_agent_channel": -1}"#,
                    #"{"max_metadata_bytes": 0}"#] {
            #expect(throws: DecodingError.self, "\(bad)") {
                _ = try JSONDecoder().decode(MetadataSettings.self, from: Data(bad.utf8))
            }
        }
    }

    @Test func defaultAgentPattern() throws {
        let regex = try #require(MetadataSettings().agentAORRegex)
        for aor in ["sip:8007@pbx.example.kr", "8007@10.0.0.1", "sips:agent-17@cc.example", "SIP:Agent.kim@x"] {
            #expect(aor.firstMatch(of: regex) != nil, "\(aor)")
        }
        for aor in ["sip:01012345678@trunk", "sip:+82212345678@x", "sip:bob@biloxi.com", "2249888500@172.16.198.55",
                    "sip:12@x"] {
            #expect(aor.firstMatch(of: regex) == nil, "\(aor)")
        }
    }
}

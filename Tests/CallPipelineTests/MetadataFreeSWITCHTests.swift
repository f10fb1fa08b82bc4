import CallModel
import Foundation
import Testing
@testable import CallPipeline

@Suite struct MetadataFreeSWITCHTests {
    static func parse(_ data: Data, path: String = "cdr/call.json") throws -> MetadataRecord {
        let result = try FreeSWITCHCDRAdapter().parse(data: data, relativePath: path, settings: MetadataSettings())
        #expect(result.records.count == 1)
        return try #require(result.records.first)
    }

    @Test(.enabled(if: MetadataTestFiles.haveRealMetadata, MetadataTestFiles.skipReason))
    func realCGRateSCDR() throws {
        let data = try MetadataTestFiles.real("freeswitch/cgrates-engine-fscdr_test-body.json")
        #expect(FreeSWITCHCDRAdapter().canRead(relativePath: "a.json", prefix: data))
        #expect(!SIPRECAdapter().canRead(relativePath: "a.json", prefix: data))
        let record = try Self.parse(data)
        let m = record.metadata
        #expect(m.format == .freeswitchCDR)
        #expect(m.externalID == "3da8bf84-c133-4959-9e24-e72875cb33a1")
        #expect(m.reportedHoldSeconds == 67)
        #expect(m.events.count == 1)
        let hold = try #require(m.events.first)
        #expect(hold.kind == .hold)
        // 1515666348.363496 - answer 1515666347.954373, to 1515666415.502648.
        #expect(abs(hold.start - 0.409123) < 0.001)
        #expect(abs((hold.end ?? 0) - hold.start - 67.139152) < 0.001)
        #expect(m.startTime == Date(timeIntervalSince1970: 1515666344.534355))
        #expect(m.endTime == Date(timeIntervalSince1970: 1515666415.494269))
        #expect(m.direction == .unknown)  // the CDR has neither direction nor call_direction
        #expect(m.agentID == "1002")  // the callee (dialed_user)
        #expect(m.callerNumber == "1001")  // from the newest callflow caller profile
        #expect(m.agentChannel == 1)
        #expect(record.audioRequired)
        #expect(record.audio == .anyOf([.stem("3da8bf84-c133-4959-9e24-e72875cb33a1", legs: [], scope: .anywhere)]))
    }

    @Test func fixtureWithCallCenterAgentAndRecordingPath() throws {
        let record = try Self.parse(try MetadataTestFiles.fixture("freeswitch-cdr.json"))
        let m = record.metadata
        #expect(m.agentID == "8007")  // cc_agent 8007@default
        #expect(m.direction == .inbound)
        #expect(m.callerNumber == "0212345678")
        #expect(m.reportedHoldSeconds == 45)
        #expect(m.events == [CallEvent(kind: .hold, start: 60, end: 90.5), CallEvent(kind: .hold, start: 180, end: 195)])
        #expect(m.warnings.isEmpty)
        let uuid = "5b3c2a10-8e4f-4f7e-9d2a-0a1b2c3d4e5f"
        #expect(record.audio == .anyOf([.stem(uuid, legs: [], scope: .anywhere), .basename(uuid + ".wav")]))
    }

    @Test func stringsOnlyAndOddValues() throws {
        let json = #"""
        { "variables": { "uuid": "u-1", "call_direction": "outbound", "caller_id_number": "8010",
          "callee_id_number": "01000000000", "answer_epoch": "1700000010", "start_epoch": "1700000000",
          "hold_events": "{{1700000005000000,1700000030000000},{1700000040000000,0}}",
          "hold_accum_usec": "30500000", "recording_file": "C:\\rec\\u-1-stereo.WAV" } }
        """#
        let record = try Self.parse(Data(json.utf8))
        let m = record.metadata
        #expect(m.agentID == "8010")  // outbound: the caller is the agent
        #expect(m.callerNumber == "01000000000")
        // A hold that began before the answer is counted from it; an unfinished one has no end.
        #expect(m.events == [CallEvent(kind: .hold, start: 0, end: 20), CallEvent(kind: .hold, start: 30, end: nil)])
        #expect(m.warnings.contains { $0.contains("before the answer") })
        #expect(m.reportedHoldSeconds == 30.5)
        #expect(record.audio == .anyOf([.stem("u-1", legs: [], scope: .anywhere), .basename("u-1-stereo.WAV")]))
    }

    @Test func unansweredCallDoesNotRequireAudio() throws {
        let record = try Self.parse(Data(#"{"variables":{"uuid":"u-2","start_epoch":"1700000000","answer_epoch":"0"}}"#.utf8))
        #expect(record.audioRequired == false)
    }

    @Test func notAFreeSWITCHCDR() {
        #expect(!FreeSWITCHCDRAdapter().canRead(relativePath: "a.json", prefix: Data(#"{"call_id":"x"}"#.utf8)))
        #expect(!FreeSWITCHCDRAdapter().canRead(relativePath: "a.json", prefix: Data(#"{"variables":[1]}"#.utf8)))
        #expect(throws: MetadataError.self) {
            _ = try FreeSWITCHCDRAdapter().parse(data: Data(#"{"variables":{"x":"1"}}"#.utf8), relativePath: "a.json",
                                                 settings: MetadataSettings())
        }
        #expect(throws: MetadataError.self) {
            _ = try FreeSWITCHCDRAdapter().parse(data: Data("[".utf8), relativePath: "a.json", settings: MetadataSettings())
        }
    }
}

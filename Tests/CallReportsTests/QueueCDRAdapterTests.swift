import CallModel
import CallReports
import Foundation
import Testing

@Suite struct QueueCDRAdapterTests {
    @Test func asteriskRowsWithoutARecording() {
        let text = """
            "","01011112222","120","queue-minwon","Caller <01011112222>","SIP/trunk-0001","","Queue","minwon","2026-03-02 09:00:00","","2026-03-02 09:00:42",42,0,"NO ANSWER","DOCUMENTATION","1772409600.11",""
            "","01033334444","120","queue-minwon","","SIP/trunk-0002","","Dial","","2026-03-02 09:01:00","","2026-03-02 09:01:03",3,0,"BUSY","DOCUMENTATION","1772409660.12",""
            "","01055556666","120","queue-minwon","","SIP/trunk-0003","SIP/1001-0004","Dial","","2026-03-02 09:02:00","2026-03-02 09:02:10","2026-03-02 09:05:00",180,170,"ANSWERED","DOCUMENTATION","1772409720.13",""
            not,a,cdr
            """
        let hasher = ReportFixtures.hasher
        let result = QueueCDRAdapters.asteriskUnanswered(text, hashCaller: hasher.hash)
        #expect(result.skipped == 1 && result.bad.map(\.line) == [4])
        #expect(result.calls.map(\.outcome) == [.abandoned, .failed])
        #expect(result.calls[0].callID == "1772409600.11" && result.calls[0].waitSeconds == 42 && result.calls[0].queue == "queue-minwon")
        // 09:00 in Seoul is 00:00 UTC.
        #expect(result.calls[0].enteredAt == Date(timeIntervalSince1970: 1_772_409_600))
        #expect(result.calls[0].callerHash == hasher.hash("010-1111-2222"))
    }

    @Test func freeswitchCallcenterVariables() throws {
        func cdr(_ vars: [String: String]) throws -> Data { try JSONSerialization.data(withJSONObject: ["variables": vars]) }
        let answered = try #require(try QueueCDRAdapters.freeswitchCallcenter(cdr([
            "uuid": "u1", "cc_queue": "minwon@default", "cc_queue_joined_epoch": "1000", "cc_queue_answered_epoch": "1012",
            "cc_queue_terminated_epoch": "1100", "cc_agent": "1001@default", "caller_id_number": "01011112222"]), hashCaller: ReportFixtures.hasher.hash))
        #expect(answered.outcome == .answered && answered.waitSeconds == 12 && answered.talkSeconds == 88 && answered.agent == "1001@default")
        let gone = try #require(try QueueCDRAdapters.freeswitchCallcenter(cdr([
            "uuid": "u2", "cc_queue_joined_epoch": "1000", "cc_queue_terminated_epoch": "1030", "cc_cancel_reason": "BREAK_OUT"]), hashCaller: { _ in nil }))
        #expect(gone.outcome == .abandoned && gone.waitSeconds == 30)
        let timeout = try QueueCDRAdapters.freeswitchCallcenter(cdr([
            "uuid": "u3", "cc_queue_joined_epoch": "1000", "cc_queue_terminated_epoch": "1300", "cc_cancel_reason": "TIMEOUT"]), hashCaller: { _ in nil })
        #expect(timeout?.outcome == .timeout)
        #expect(try QueueCDRAdapters.freeswitchCallcenter(cdr(["uuid": "u4"]), hashCaller: { _ in nil }) == nil)
    }

    @Test(.enabled(if: FileManager.default.fileExists(atPath: RealFreeSWITCH.path), "needs ../shared/real-metadata (a FreeSWITCH CDR from cgrates)"))
    func realFreeSWITCHCDRIsNotAQueueCall() throws {
        let data = try Data(contentsOf: URL(fileURLWithPath: RealFreeSWITCH.path))
        #expect(try QueueCDRAdapters.freeswitchCallcenter(data, hashCaller: { _ in nil }) == nil)
    }
}

enum RealFreeSWITCH {
    static let path = ReportFixtures.root.deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("shared/real-metadata/freeswitch/cgrates-engine-fscdr_test-body.json").path
}

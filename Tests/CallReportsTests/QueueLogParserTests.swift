import CallModel
import CallReports
import Foundation
import Testing

@Suite struct QueueLogParserTests {
    @Test func sampleLogParsesWithItsBadLineNumbered() throws {
        let result = QueueLogParser.parse(try ReportFixtures.text("queue-log-sample.txt"))
        #expect(result.events.count == 22)
        #expect(result.skipped == 1, "QUEUESTART is about the queue, not a caller")
        #expect(result.bad == [BadLine(line: 10, reason: "1 field(s), expected at least 5 (epoch|callid|queue|agent|event)")])
    }

    @Test func foldsEachCallsEvents() throws {
        let log = QueueLogParser.parse(try ReportFixtures.text("queue-log-sample.txt"))
        let calls = Dictionary(uniqueKeysWithValues: QueueCallBuilder.build(log.events, hashCaller: ReportFixtures.hasher.hash).map { ($0.callID, $0) })
        #expect(calls.count == 8)
        #expect(calls["c1"]?.outcome == .answered && calls["c1"]?.waitSeconds == 10 && calls["c1"]?.talkSeconds == 120)
        #expect(calls["c1"]?.completedBy == "caller" && calls["c2"]?.completedBy == "agent")
        #expect(calls["c3"]?.outcome == .abandoned && calls["c3"]?.waitSeconds == 3 && calls["c3"]?.callerHash == nil)
        #expect(calls["c5"]?.transferTarget == "2001" && calls["c5"]?.talkSeconds == 60)
        #expect(calls["c6"]?.outcome == .timeout && calls["c6"]?.waitSeconds == 60)
        #expect(calls["c7"]?.ringNoAnswer == 1 && calls["c7"]?.agent == "SIP/1003" && calls["c7"]?.waitSeconds == 25)
        // The same number written three ways hashes alike; the hash is not the number.
        #expect(calls["c1"]?.callerHash == calls["c6"]?.callerHash && calls["c1"]?.callerHash == calls["c8"]?.callerHash)
        #expect(calls["c1"]?.callerHash != calls["c2"]?.callerHash)
        #expect(calls["c1"]?.callerHash?.contains("1111") == false && calls["c1"]?.callerHash?.count == 64)
    }

    @Test func aCallWhoseEnterqueueIsMissingIsNotInvented() {
        let connect = QueueLogEvent(epoch: 10, callID: "x", queue: "q", agent: "SIP/1", event: "CONNECT", data: ["3"], line: 1)
        #expect(QueueCallBuilder.build([connect], hashCaller: { _ in nil }).isEmpty)
    }

    @Test func aCallStillWaitingWhenTheLogEnds() {
        let enter = QueueLogEvent(epoch: 10, callID: "x", queue: "q", agent: "NONE", event: "ENTERQUEUE", data: ["", "0101234567"], line: 1)
        let ring = QueueLogEvent(epoch: 25, callID: "x", queue: "q", agent: "SIP/1", event: "RINGNOANSWER", data: ["15000"], line: 2)
        let call = QueueCallBuilder.fold([ring, enter], hashCaller: { _ in nil })
        #expect(call?.outcome == .waiting && call?.waitSeconds == 15)
    }

    @Test func connectWithoutHoldTimeIsABadLine() {
        let result = QueueLogParser.parse("1|c|q|SIP/1|ENTERQUEUE||1\n2|c|q|SIP/1|CONNECT|soon|x|1\n")
        #expect(result.events.count == 1 && result.bad.map(\.line) == [2])
    }

    @Test(.enabled(if: FileManager.default.fileExists(atPath: RealQueueLog.path), "needs ../shared/real-metadata (the Asterisk documentation's queue_log example)"))
    func asteriskDocumentationLineParses() throws {
        let text = try String(contentsOfFile: RealQueueLog.path, encoding: .utf8)
        let result = QueueLogParser.parse(text)
        #expect(result.bad.isEmpty)
        #expect(result.events.count == 1)
        let event = try #require(result.events.first)
        #expect(event.event == "RINGNOANSWER" && event.queue == "MYQUEUE" && event.agent == "SIP/8007" && event.data == ["1000"])
        #expect(event.callID == "1366720340.303267" && event.epoch == 1_366_720_340)
    }
}

enum RealQueueLog {
    static let path = ReportFixtures.root.deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("shared/real-metadata/asterisk/queue_log-asterisk-docs.txt").path
}

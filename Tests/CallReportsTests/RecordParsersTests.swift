import CallModel
import CallReports
import Foundation
import Testing

@Suite struct RecordParsersTests {
    @Test func consultationsWithABadLine() throws {
        let parsed = RecordParsers.consultations(try ReportFixtures.text("consultations-sample.csv"))
        #expect(parsed.records.count == 4)
        #expect(parsed.records[1] == Consultation(callID: "c2", category: "지방세", department: "세정과", outcome: .transferred))
        #expect(parsed.bad == [BadLine(line: 6, reason: "outcome is not direct, transferred or callback")])
    }

    @Test func surveysRefuseScoresOutOfRange() throws {
        let parsed = RecordParsers.surveys(try ReportFixtures.text("surveys-sample.csv"))
        #expect(parsed.records.map(\.score) == [5, 3, 4])
        #expect(parsed.bad.map(\.line) == [5])
    }

    @Test func aHeaderWithoutTheColumnsMakesEveryLineBad() {
        let parsed = RecordParsers.surveys("id,points\na,1\nb,2\n")
        #expect(parsed.records.isEmpty && parsed.bad.map(\.line) == [2, 3])
    }

    @Test func quotedFields() {
        #expect(RecordCSV.fields("a,\"b, c\",\"say \"\"hi\"\"\",") == ["a", "b, c", "say \"hi\"", ""])
        #expect(RecordCSV.fields("a,\"open") == nil)
    }

    @Test func agentDirectoryMembershipsByDate() throws {
        let parsed = RecordParsers.agents(try ReportFixtures.text("agents-sample.csv"))
        #expect(parsed.bad.isEmpty && parsed.records.count == 5)
        let directory = AgentDirectory(parsed.records)
        #expect(directory.entry("SIP/1002", on: "2026-03-02")?.team == "team-2")
        #expect(directory.entry("SIP/1002", on: "2026-03-03")?.team == "team-1")
        #expect(directory.entry("PJSIP/1002", on: "2026-03-03")?.agent == "lee")
        #expect(directory.entry("AGENT001", on: "2026-03-03")?.agent == "kim")
        #expect(directory.entry("SIP/1001", on: "2025-12-31") == nil)
        let bad = RecordParsers.agents("agent,recorder_id,team,valid_from,valid_to\na,b,t,2026-02-30,\na,b,t,2026-03-01,2026-02-01\n")
        #expect(bad.records.isEmpty && bad.bad.map(\.line) == [2, 3])
    }
}

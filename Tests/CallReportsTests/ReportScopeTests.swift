import CallModel
import CallReports
import Foundation
import Testing

@Suite struct ReportScopeTests {
    @Test func supervisorSeesTheirTeamsTalkTimeWithDirectoryTeams() throws {
        let directory = AgentDirectory(RecordParsers.agents(try ReportFixtures.text("agents-sample.csv")).records)
        var noTeam = TalkReportTests.sample("s1", agent: "agent001", team: "x", duration: 10)
        noTeam.team = nil
        let other = TalkReportTests.sample("s2", agent: "z", team: "team-9", duration: 10)
        let scope = ReportScope(.limited(teams: ["team-1"], assignedTo: nil))
        let shown = scope.talkSamples([noTeam, other], directory: directory)
        #expect(shown.map(\.callID) == ["s1"] && shown[0].team == "team-1" && shown[0].agent == "kim")
        #expect(ReportScope(.none).talkSamples([noTeam, other], directory: directory).isEmpty)
    }

    @Test func queueScopeCountsWholeQueuesButOnlyOwnPeople() throws {
        let input = try ReportFixtures.queueInput()
        let scope = ReportScope(.limited(teams: ["team-2"], assignedTo: nil))
        let total = QueueReport.compute(input, from: ReportFixtures.from, to: ReportFixtures.to, by: .total,
                                        admits: scope.queueFilter(input.calls, by: .total, directory: input.directory))
        #expect(total.total.offered == 8, "the queue 민원 had team-2's agents answering: all of it counts")
        let agents = QueueReport.compute(input, from: ReportFixtures.from, to: ReportFixtures.to, by: .agent,
                                         admits: scope.queueFilter(input.calls, by: .agent, directory: input.directory))
        #expect(agents.groups.map(\.group) == ["lee", "park"])
        let stranger = ReportScope(.limited(teams: ["team-7"], assignedTo: nil))
        let none = QueueReport.compute(input, from: ReportFixtures.from, to: ReportFixtures.to, by: .day,
                                       admits: stranger.queueFilter(input.calls, by: .day, directory: input.directory))
        #expect(none.total.offered == 0)
    }
}

import CallModel
import CallReports
import Foundation
import Testing

@Suite struct TalkReportTests {
    static func sample(_ id: String, agent: String, team: String, duration: Double, agentTalk: Double = 0, callerTalk: Double = 0,
                       hold: Double = 0, holds: Int = 0, deadAir: Double = 0, deadAirCount: Int = 0, at hour: Double = 1) -> TalkSample {
        TalkSample(callID: id, startedAt: Date(timeIntervalSince1970: 1_772_409_600 + hour * 3600), agent: agent, team: team,
                   department: "d", category: "c", durationS: duration, agentTalkS: agentTalk, callerTalkS: callerTalk,
                   holdS: hold, holdCount: holds, nonTalkS: hold + deadAir, silenceCount: deadAirCount, deadAirS: deadAir,
                   deadAirCount: deadAirCount, overtalkS: 1, agentInterruptions: 1, callerInterruptions: 2)
    }

    @Test func agentFiguresByHand() {
        let samples = [
            Self.sample("a1", agent: "kim", team: "t", duration: 100, agentTalk: 40, callerTalk: 40, hold: 10, holds: 1),
            Self.sample("a2", agent: "kim", team: "t", duration: 200, agentTalk: 60, callerTalk: 100, deadAir: 12, deadAirCount: 1),
            Self.sample("a3", agent: "kim", team: "t", duration: 600, agentTalk: 200, callerTalk: 300, hold: 50, holds: 2),
        ]
        let kim = TalkReport.compute(samples, by: .agent).groups[0]
        #expect(kim.calls == 3 && kim.handledS == 900 && kim.meanHandleS == 300 && kim.medianHandleS == 200)
        let agentShare: Double = 300.0 / 900, callerShare: Double = 440.0 / 900
        #expect(kim.agentTalkShare == agentShare && kim.callerTalkShare == callerShare)
        let ratio: Double = 300.0 / 440
        #expect(kim.agentCallerRatio == ratio)
        #expect(kim.holdS == 60 && kim.holdsPerCall == 1)
        #expect(kim.deadAirCalls == 1 && kim.deadAirS == 12 && kim.silenceEvents == 1)
        #expect(kim.overtalkS == 3 && kim.agentInterruptions == 3 && kim.callerInterruptions == 6)
        #expect(TalkFigures.median([1, 2, 3, 10]) == 2.5)
    }

    @Test func outliersAgainstTheirTeam() {
        // Team t: nine calls of 100 s by three agents, and one agent with three calls of 1000 s.
        // Team mean (9*100 + 3*1000)/12 = 325; deviation sqrt((9*225^2 + 3*675^2)/12) = 389.7; lee's mean is
        // (1000-325)/389.7 = 1.73 deviations away: not an outlier. A fourth 100-s agent makes it 2.0+.
        var samples: [TalkSample] = []
        for agent in ["a", "b", "c"] { for i in 0..<3 { samples.append(Self.sample("\(agent)\(i)", agent: agent, team: "t", duration: 100)) } }
        for i in 0..<3 { samples.append(Self.sample("lee\(i)", agent: "lee", team: "t", duration: 1000)) }
        let first = TalkReport.compute(samples, by: .agent).groups.first { $0.group == "lee" }!
        let variance: Double = (9 * 225.0 * 225 + 3 * 675.0 * 675) / 12
        let z: Double = 675 / variance.squareRoot()
        #expect(!first.outlier && abs(first.deviationFromTeam! - z) < 1e-9)
        for agent in ["d", "e", "f"] { for i in 0..<3 { samples.append(Self.sample("\(agent)\(i)", agent: agent, team: "t", duration: 100)) } }
        let report = TalkReport.compute(samples, by: .agent)
        #expect(report.groups.filter(\.outlier).map(\.group) == ["lee"])
        #expect(report.groups.first { $0.group == "a" }?.outlier == false)
    }

    @Test func callsToReviewWorstFirst() {
        let samples = [
            Self.sample("quiet", agent: "k", team: "t", duration: 100),
            Self.sample("held", agent: "k", team: "t", duration: 100, hold: 90, holds: 3),
            Self.sample("dead", agent: "k", team: "t", duration: 100, deadAir: 30, deadAirCount: 2),
        ]
        #expect(TalkReport.callsToReview(samples).map(\.callID) == ["dead", "held", "quiet"])
    }

    @Test func periodsInSeoulTime() {
        // 1 h and 16 h after 00:00 UTC on 2026-03-02: 10:00 that day and 01:00 the next in Seoul.
        let samples = [Self.sample("x", agent: "k", team: "t", duration: 10, at: 1), Self.sample("y", agent: "k", team: "t", duration: 30, at: 16)]
        let days = TalkReport.compute(samples, by: .day).groups
        #expect(days.map(\.group) == ["2026-03-02", "2026-03-03"])
        #expect(TalkReport.compute(samples, by: .month).groups.map(\.calls) == [2])
        #expect(TalkReport.compute(samples, by: .week).groups.map(\.group) == ["2026-W10"])
    }
}

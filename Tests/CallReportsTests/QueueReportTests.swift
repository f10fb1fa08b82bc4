import CallModel
import CallReports
import Foundation
import Testing

/// Every figure of the hand-checked sample (Fixtures/queue-log-sample.txt), worked out here:
/// c1 answered after 10 s (direct), c2 after 30 s (transferred, consultation), c3 abandoned after 3 s (short),
/// c4 abandoned after 45 s, c5 answered after 20 s and blind-transferred to 2001 (no consultation), c6 timed out
/// after 60 s (same caller as c1, 30 min later: a repeat), c7 entered at 23:59:50 Seoul time and was answered
/// after midnight (25 s, callback), c8 entered at 00:00:00 (the next Seoul day; answered after 5 s, direct; c1's
/// caller again, written +82-10-...).
@Suite struct QueueReportTests {
    func report(by grouping: ReportGrouping = .total, _ settings: QueueSettings = QueueSettings()) throws -> QueueReport {
        QueueReport.compute(try ReportFixtures.queueInput(), from: ReportFixtures.from, to: ReportFixtures.to, by: grouping, settings: settings)
    }

    @Test func totals() throws {
        let t = try report().total
        #expect(t.offered == 8)
        #expect(t.answered == 5)  // c1 c2 c5 c7 c8
        #expect(t.abandoned == 2 && t.shortAbandoned == 1)  // c3 (3 s < 5 s), c4
        #expect(t.exited == 1)  // c6
        let answerRate: Double = 5.0 / 8
        #expect(t.answerRate == answerRate)
        let asa: Double = (10.0 + 30 + 20 + 25 + 5) / 5
        #expect(t.asa == asa)
        #expect(t.longestWait == 60)
        let talk: Double = (120.0 + 200 + 60 + 90 + 30) / 5
        #expect(t.meanTalk == talk)
    }

    @Test func serviceLevelVariantsAreNamedWithTheirFormula() throws {
        let levels = try report().total.serviceLevels
        // Within 20 s inclusive: c1 (10), c5 (exactly 20), c8 (5); not c2 (30), c7 (25).
        let expected: [Double?] = [3.0 / 8, 3.0 / 7, 3.0 / 5]
        #expect(levels.map(\.value) == expected)
        #expect(levels[0].formula == "answered within 20 s / offered")
        #expect(levels[1].formula == "answered within 20 s / (offered - abandoned under 5 s)")
        let ten = try report(QueueSettings(serviceLevelSeconds: 10)).total.serviceLevels
        let quarter: Double = 2.0 / 8
        #expect(ten[0].value == quarter && ten[0].formula == "answered within 10 s / offered")
        // A longer short-abandon threshold takes c4 (45 s) out too.
        let long = try report(QueueSettings(shortAbandonSeconds: 60)).total
        let half: Double = 3.0 / 6
        #expect(long.shortAbandoned == 2 && long.serviceLevels[1].value == half)
    }

    @Test func oneStopTransfersAndCallbacks() throws {
        let t = try report().total
        #expect(t.transferred == 2 && t.callback == 1)  // c2 (consultation), c5 (transfer event); c7 callback
        let oneStop: Double = 2.0 / 5
        #expect(t.oneStopRate == oneStop)  // c1, c8
        #expect(t.transfersByTarget == ["세정과": 1, "ext 2001": 1])
    }

    @Test func repeatCallersAndSurveys() throws {
        let t = try report().total
        #expect(t.callsWithCaller == 7)  // all but c3 (anonymous)
        let repeatRate: Double = 2.0 / 7
        #expect(t.repeatCalls == 2 && t.repeatRate == repeatRate)  // c6 and c8
        // A window of 10 minutes: c6 came 30 min after c1, c8 15 h after c6: no repeats.
        #expect(try report(QueueSettings(repeatWindowSeconds: 600)).total.repeatCalls == 0)
        #expect(t.surveyScores == ["5": 1, "3": 1, "4": 1] && t.surveyMean == 4)
    }

    @Test func seoulDaysSplitAtLocalMidnight() throws {
        let days = try report(by: .day).groups
        #expect(days.map(\.group) == ["2026-03-02", "2026-03-03"])
        // c7 entered at 23:59:50 and counts on the day it entered; c8 at 00:00:00 on the next.
        #expect(days.map(\.offered) == [7, 1])
        let hours = try report(by: .hour).groups
        #expect(hours.map(\.group) == ["00", "09", "23"] && hours.map(\.offered) == [1, 6, 1])
    }

    @Test func teamsComeFromTheDirectoryOnTheCallsDate() throws {
        let teams = Dictionary(uniqueKeysWithValues: try report(by: .team).groups.map { ($0.group, $0) })
        // SIP/1001 (kim, team-1): c1, c5, c8; SIP/1002 (lee) was in team-2 on 3/2 (c2); SIP/1003 (park, team-2): c7.
        #expect(teams["team-1"]?.answered == 3)
        #expect(teams["team-2"]?.answered == 2)
        #expect(teams["(none)"]?.offered == 3)  // c3 c4 c6: no agent
        let departments = Dictionary(uniqueKeysWithValues: try report(by: .department).groups.map { ($0.group, $0.offered) })
        #expect(departments == ["상수도사업소": 2, "세정과": 1, "민원여권과": 1, "(none)": 4])
    }

    @Test func scopeFiltersCalls() throws {
        let only = QueueReport.compute(try ReportFixtures.queueInput(), from: ReportFixtures.from, to: ReportFixtures.to, by: .total,
                                       admits: { _, agent in agent?.team == "team-1" })
        #expect(only.total.offered == 3 && only.total.answered == 3)
    }

    @Test func emptyRangeHasNoRates() {
        let r = QueueReport.compute(QueueReport.Input(calls: []), from: ReportFixtures.from, to: ReportFixtures.to, by: .day)
        #expect(r.groups.isEmpty && r.total.answerRate == nil && r.total.serviceLevels[0].value == nil && r.total.oneStopRate == nil)
    }
}

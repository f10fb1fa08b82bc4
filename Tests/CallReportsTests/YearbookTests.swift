import CallModel
import CallReports
import CallReview
import Foundation
import Testing

@Suite struct YearbookTests {
    func yearbook() throws -> Yearbook {
        let samples = [TalkReportTests.sample("r1", agent: "kim", team: "team-1", duration: 100, agentTalk: 30, callerTalk: 50),
                       TalkReportTests.sample("r2", agent: "park", team: "team-2", duration: 300, agentTalk: 100, callerTalk: 100)]
        return Yearbook(year: 2026, queue: try ReportFixtures.queueInput(), talk: samples)
    }

    @Test func figuresOfTheYear() throws {
        let y = try yearbook()
        #expect(y.total.offered == 8 && y.total.answered == 5)
        #expect(y.months.count == 12 && y.months[2].group == "2026-03" && y.months[2].offered == 8)
        #expect(y.months.enumerated().allSatisfy { $0.offset == 2 || $0.element.offered == 0 })
        #expect(y.hours.count == 24 && y.hours[9].offered == 6 && y.hours[23].offered == 1 && y.hours[0].offered == 1)
        #expect(y.departments.first?.group == "(none)" && y.departments.first?.offered == 4)
        #expect(y.departments[1].group == "상수도사업소" && y.departments[1].offered == 2)
        #expect(y.talk.calls == 2 && y.talk.meanHandleS == 200 && y.talkByTeam.map(\.group) == ["team-1", "team-2"])
    }

    @Test func chartsAreDrawnFromTheData() throws {
        let html = YearbookRenderer.html(try yearbook())
        #expect(html.contains("<html lang=\"ko\">") && html.contains("2026년 민원콜센터 연보"))
        #expect(!html.contains("http://") || !html.replacingOccurrences(of: "http://www.w3.org/2000/svg", with: "").contains("http://"),
                "no external assets")
        #expect(!html.contains("<script") && !html.contains("<link") && !html.contains("src="))
        // Monthly chart: March's bar has the year's 8 calls and the full height; the other months 0.
        let march = try #require(html.range(of: #"data-label="3월" data-value="8" x="[0-9.]+" y="[0-9.]+" width="[0-9.]+" height="160""#, options: .regularExpression))
        #expect(!march.isEmpty)
        #expect(html.contains(#"data-label="1월" data-value="0""#))
        // Hourly: 6 calls at 09 (full height), 1 at 23 (a sixth of it).
        #expect(html.range(of: #"data-label="09" data-value="6" x="[0-9.]+" y="[0-9.]+" width="[0-9.]+" height="160""#, options: .regularExpression) != nil)
        #expect(html.range(of: #"data-label="23" data-value="1" x="[0-9.]+" y="[0-9.]+" width="[0-9.]+" height="26.67""#, options: .regularExpression) != nil)
        // Service level 3/8 = 37.5% in the summary, with its formula.
        #expect(html.contains("서비스레벨(20초 이내 응대/인입)") && html.contains("<td>37.5%</td>"))
    }

    @Test func englishLabelsAndCSVTables() throws {
        let y = try yearbook()
        let html = YearbookRenderer.html(y, lang: .en)
        #expect(html.contains("Call center yearbook 2026") && html.contains("Service level (answered within 20 s / offered)"))
        let tables = YearbookRenderer.tables(y, lang: .en)
        #expect(tables.map(\.name) == ["summary", "months", "hours", "departments", "categories", "talk-by-team"])
        let summary = tables[0].csv.split(separator: "\n")
        #expect(summary.count == 2 && summary[1].hasPrefix("8,5,2,62.5%,37.5%,40.0%,18.0,"))
        #expect(tables[1].rows.count == 12 && tables[2].rows.count == 24)
    }

    @Test func csvQuotesWhatNeedsIt() {
        let t = ReportTable(name: "x", header: ["a", "b"], rows: [["1,5", "say \"hi\""]])
        #expect(t.csv == "a,b\n\"1,5\",\"say \"\"hi\"\"\"\n")
    }

    /// QA summaries: by agent (with the total), item failure rates and the monthly mean score chart.
    @Test func qaSummariesByAgentAndItem() throws {
        let rows = [
            QAReportEvaluation(agentID: "kim", team: "team-1", evaluator: "eva", score: 80, criticalFailures: 0, fatalFailures: 0, month: "2026-03"),
            QAReportEvaluation(agentID: "kim", team: "team-1", evaluator: "eva", score: 60, criticalFailures: 1, fatalFailures: 0, month: "2026-04"),
            QAReportEvaluation(agentID: "park", team: "team-2", evaluator: "evb", score: 0, criticalFailures: 0, fatalFailures: 1, month: "2026-04"),
        ]
        let items = [QAReportItemCount(itemID: "correct-information", sectionID: "accuracy", severity: "critical", answered: 3, notApplicable: 1, failed: 1)]
        let qa = QAReport.build(rows, items: items, by: .agent, from: "2026-01-01", to: "2026-12-31")
        let samples = [TalkReportTests.sample("r1", agent: "kim", team: "team-1", duration: 100, agentTalk: 30, callerTalk: 50)]
        let y = Yearbook(year: 2026, queue: try ReportFixtures.queueInput(), talk: samples, qa: qa)
        let tables = Dictionary(uniqueKeysWithValues: YearbookRenderer.tables(y, lang: .en).map { ($0.name, $0) })
        #expect(tables["qa-by-agent"]?.rows == [["kim", "2", "70.00", "1", "0"], ["park", "1", "0.00", "0", "1"], ["total", "3", "46.67", "1", "1"]])
        #expect(tables["qa-items"]?.rows == [["correct-information", "accuracy", "2", "1", "50.0%"]])
        let html = YearbookRenderer.html(y)
        #expect(html.contains("상담사별 QA 평가") && html.contains(#"data-label="3월" data-value="80""#) && html.contains(#"data-label="4월" data-value="30""#))
        #expect(YearbookRenderer.tables(try yearbook()).allSatisfy { !$0.name.hasPrefix("qa-") }, "no QA tables without QA results")
    }
}

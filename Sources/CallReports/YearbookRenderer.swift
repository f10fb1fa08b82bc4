import Foundation

/// The yearbook as a printable HTML page with inline SVG charts (no external assets) and one CSV per table. Korean
/// labels by default, English with `.en`. Pure: a `Yearbook` in, strings out.
public enum YearbookRenderer {
    public enum Language: String, Sendable, CaseIterable { case ko, en }

    struct Labels {
        let title, summary, monthly, hourly, departments, categories, talk, offered, answered, abandoned, answerRate, serviceLevel,
            oneStop, asa, repeatRate, survey, calls, meanHandle, medianHandle, hold, deadAirCalls, agentShare, group, note, qaNote: String
        let qa, qaItems, evaluations, meanScore, critical, fatal, item, section, answeredItems, failed, failureRate: String
    }

    static func labels(_ lang: Language, year: Int, sl: String) -> Labels {
        switch lang {
        case .ko:
            Labels(title: "\(year)년 민원콜센터 연보", summary: "총괄", monthly: "월별 추이", hourly: "시간대별 인입", departments: "부서별 상담",
                   categories: "유형별 상담", talk: "팀별 통화 시간", offered: "인입", answered: "응대", abandoned: "포기", answerRate: "응대율",
                   serviceLevel: "서비스레벨(\(sl)초 이내 응대/인입)", oneStop: "원콜 원스톱 처리율", asa: "평균 대기(초)", repeatRate: "재문의율(7일)",
                   survey: "만족도 평균", calls: "통화", meanHandle: "평균 처리시간(초)", medianHandle: "중앙값(초)", hold: "보류(초)",
                   deadAirCalls: "무음 통화", agentShare: "상담사 발화 비율", group: "구분",
                   note: "인입·응대·포기는 ACD 대기열 기록, 부서·유형은 상담 기록, 통화 시간은 녹취 분석에서 집계했습니다.",
                   qaNote: "QA 평가는 평가표 버전별 점수(0-100)이며 상세는 `nokchwi report qa`에서 제공됩니다.",
                   qa: "상담사별 QA 평가", qaItems: "평가 항목별 미흡률", evaluations: "평가 수", meanScore: "평균 점수", critical: "치명 항목 미흡",
                   fatal: "중대 위반", item: "항목", section: "영역", answeredItems: "평가", failed: "미흡", failureRate: "미흡률")
        case .en:
            Labels(title: "Call center yearbook \(year)", summary: "Summary", monthly: "Monthly trend", hourly: "Calls by hour",
                   departments: "Consultations by department", categories: "Consultations by type", talk: "Talk time by team",
                   offered: "Offered", answered: "Answered", abandoned: "Abandoned", answerRate: "Answer rate",
                   serviceLevel: "Service level (answered within \(sl) s / offered)", oneStop: "One-call one-stop rate", asa: "ASA (s)",
                   repeatRate: "Repeat-call rate (7 days)", survey: "Survey mean", calls: "Calls", meanHandle: "Mean handle time (s)",
                   medianHandle: "Median (s)", hold: "Hold (s)", deadAirCalls: "Dead-air calls", agentShare: "Agent talk share", group: "Group",
                   note: "Offered, answered and abandoned come from the ACD queue log, departments and types from the consultation records, talk time from the recordings' analysis.",
                   qaNote: "QA scores (0-100) use each evaluation's rubric version; details: `nokchwi report qa`.",
                   qa: "QA evaluations by agent", qaItems: "Item failure rates", evaluations: "Evaluations", meanScore: "Mean score",
                   critical: "Critical failures", fatal: "Fatal failures", item: "Item", section: "Section", answeredItems: "Answered",
                   failed: "Failed", failureRate: "Failure rate")
        }
    }

    /// The tables of the yearbook, in page order (each also written as `NAME.csv`).
    public static func tables(_ y: Yearbook, lang: Language = .ko) -> [ReportTable] {
        let l = labels(lang, year: y.year, sl: QueueFigures.seconds(y.serviceLevelSeconds))
        func queueRow(_ f: QueueFigures) -> [String] {
            [f.group, String(f.offered), String(f.answered), String(f.abandoned), ReportTable.percent(f.answerRate),
             ReportTable.percent(f.serviceLevels.first?.value), ReportTable.percent(f.oneStopRate), ReportTable.seconds(f.asa)]
        }
        let queueHeader = [l.group, l.offered, l.answered, l.abandoned, l.answerRate, l.serviceLevel, l.oneStop, l.asa]
        let t = y.total
        return [
            ReportTable(name: "summary", header: [l.offered, l.answered, l.abandoned, l.answerRate, l.serviceLevel, l.oneStop, l.asa, l.repeatRate, l.survey],
                        rows: [[String(t.offered), String(t.answered), String(t.abandoned), ReportTable.percent(t.answerRate),
                                ReportTable.percent(t.serviceLevels.first?.value), ReportTable.percent(t.oneStopRate), ReportTable.seconds(t.asa),
                                ReportTable.percent(t.repeatRate), t.surveyMean.map { String(format: "%.2f", $0) } ?? "-"]]),
            ReportTable(name: "months", header: queueHeader, rows: y.months.map(queueRow)),
            ReportTable(name: "hours", header: queueHeader, rows: y.hours.map(queueRow)),
            ReportTable(name: "departments", header: queueHeader, rows: y.departments.map(queueRow)),
            ReportTable(name: "categories", header: queueHeader, rows: y.categories.map(queueRow)),
            ReportTable(name: "talk-by-team", header: [l.group, l.calls, l.meanHandle, l.medianHandle, l.hold, l.deadAirCalls, l.agentShare],
                        rows: (y.talkByTeam + [y.talk]).map { f in
                            [f.group, String(f.calls), ReportTable.seconds(f.meanHandleS), ReportTable.seconds(f.medianHandleS),
                             ReportTable.seconds(f.holdS), String(f.deadAirCalls), ReportTable.percent(f.agentTalkShare)]
                        }),
        ] + qaTables(y, l)
    }

    /// `qa-by-agent` and `qa-items`, when the yearbook carries QA results.
    static func qaTables(_ y: Yearbook, _ l: Labels) -> [ReportTable] {
        guard let qa = y.qa else { return [] }
        func score(_ x: Double?) -> String { x.map { String(format: "%.2f", $0) } ?? "-" }
        return [
            ReportTable(name: "qa-by-agent", header: [l.group, l.evaluations, l.meanScore, l.critical, l.fatal],
                        rows: qa.groups.map { [$0.key, String($0.evaluations), score($0.meanScore), String($0.criticalFailures), String($0.fatalFailures)] }
                            + [["total", String(qa.evaluations), score(qa.meanScore), String(qa.criticalFailures), String(qa.fatalFailures)]]),
            ReportTable(name: "qa-items", header: [l.item, l.section, l.answeredItems, l.failed, l.failureRate],
                        rows: qa.items.map { [$0.itemID, $0.sectionID, String($0.answered - $0.notApplicable), String($0.failed), ReportTable.percent($0.failureRate)] }),
        ]
    }

    public static func html(_ y: Yearbook, lang: Language = .ko) -> String {
        let l = labels(lang, year: y.year, sl: QueueFigures.seconds(y.serviceLevelSeconds))
        let tables = Dictionary(uniqueKeysWithValues: tables(y, lang: lang).map { ($0.name, $0) })
        func table(_ name: String) -> String {
            let t = tables[name]!
            return "<table><thead><tr>" + t.header.map { "<th>\(HTMLText.escape($0))</th>" }.joined() + "</tr></thead><tbody>"
                + t.rows.map { "<tr>" + $0.map { "<td>\(HTMLText.escape($0))</td>" }.joined() + "</tr>" }.joined() + "</tbody></table>"
        }
        let monthLabel: (String) -> String = { key in lang == .ko ? "\(Int(key.suffix(2))!)월" : String(key.suffix(2)) }
        let monthly = SVGChart.bars(y.months.map { (monthLabel($0.group), Double($0.offered)) }, title: "\(l.monthly): \(l.offered)")
        let monthlySL = SVGChart.bars(y.months.map { (monthLabel($0.group), ($0.serviceLevels.first?.value ?? 0) * 100) },
                                      title: "\(l.monthly): \(l.serviceLevel)", format: { String(format: "%.0f%%", $0) })
        let hourly = SVGChart.bars(y.hours.map { ($0.group, Double($0.offered)) }, title: "\(l.hourly): \(l.offered)")
        let departments = SVGChart.bars(y.departments.prefix(15).map { ($0.group, Double($0.offered)) }, title: "\(l.departments): \(l.offered)")
        return """
            <!DOCTYPE html>
            <html lang="\(lang.rawValue)"><head><meta charset="utf-8"><title>\(HTMLText.escape(l.title))</title>
            <style>body{font-family:sans-serif;margin:2em;color:#222}table{border-collapse:collapse;margin:1em 0}th,td{border:1px solid #bbb;padding:3px 8px;text-align:right}th:first-child,td:first-child{text-align:left}h2{margin-top:2em;break-after:avoid}section{break-inside:avoid}@media print{body{margin:1cm}}</style>
            </head><body>
            <h1>\(HTMLText.escape(l.title))</h1>
            <p>\(HTMLText.escape(l.note))</p>
            <section id="summary"><h2>\(HTMLText.escape(l.summary))</h2>\(table("summary"))</section>
            <section id="months"><h2>\(HTMLText.escape(l.monthly))</h2>\(monthly)\(monthlySL)\(table("months"))</section>
            <section id="hours"><h2>\(HTMLText.escape(l.hourly))</h2>\(hourly)\(table("hours"))</section>
            <section id="departments"><h2>\(HTMLText.escape(l.departments))</h2>\(departments)\(table("departments"))</section>
            <section id="categories"><h2>\(HTMLText.escape(l.categories))</h2>\(table("categories"))</section>
            <section id="talk"><h2>\(HTMLText.escape(l.talk))</h2>\(table("talk-by-team"))</section>
            \(qaSection(y, l, tables: tables, monthLabel: monthLabel))<p>\(HTMLText.escape(l.qaNote))</p>
            </body></html>

            """
    }

    static func qaSection(_ y: Yearbook, _ l: Labels, tables: [String: ReportTable], monthLabel: (String) -> String) -> String {
        guard let qa = y.qa, let agents = tables["qa-by-agent"], let items = tables["qa-items"] else { return "" }
        func html(_ t: ReportTable) -> String {
            "<table><thead><tr>" + t.header.map { "<th>\(HTMLText.escape($0))</th>" }.joined() + "</tr></thead><tbody>"
                + t.rows.map { "<tr>" + $0.map { "<td>\(HTMLText.escape($0))</td>" }.joined() + "</tr>" }.joined() + "</tbody></table>"
        }
        let trend = SVGChart.bars(qa.months.map { (monthLabel($0.month), $0.meanScore ?? 0) }, title: "\(l.qa): \(l.meanScore)",
                                  format: { String(format: "%.1f", $0) })
        return "<section id=\"qa\"><h2>\(HTMLText.escape(l.qa))</h2>\(trend)\(html(agents))<h2>\(HTMLText.escape(l.qaItems))</h2>\(html(items))</section>\n"
    }
}

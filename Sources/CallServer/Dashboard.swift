import CallReports
import CallReview
import Foundation

/// The supervisor dashboard's figures (the JSON of /api/dashboard) and their page values with the charts.
struct Dashboard: Encodable {
    let from: String
    let to: String
    let queue: QueueReport
    let talkByAgent: TalkReport
    let talkByDay: TalkReport
    let qa: QAReport

    enum CodingKeys: String, CodingKey { case from, to, queue, talkByAgent = "talk_by_agent", talkByDay = "talk_by_day", qa }

    func values(_ language: Language) -> [String: Any] {
        func pct(_ v: Double?) -> String { v.map { String(format: "%.1f%%", $0 * 100) } ?? "-" }
        let t = queue.total
        var figures: [[String: String]] = [
            ["label": language.text("offered"), "value": "\(t.offered)"],
            ["label": language.text("answered"), "value": "\(t.answered)"],
            ["label": language.text("abandoned"), "value": "\(t.abandoned)"],
            ["label": language.text("answerRate"), "value": pct(t.answerRate)],
        ]
        if let sl = t.serviceLevels.first { figures.append(["label": language.text("serviceLevel") + " (\(sl.name))", "value": pct(sl.value)]) }
        figures.append(["label": language.text("oneStop"), "value": pct(t.oneStopRate)])
        let hours = queue.groups.map { (label: String($0.group.suffix(2)), value: Double($0.abandoned)) }
        let agents = talkByAgent.groups.map { g -> [String: String] in
            ["agent": g.group, "calls": "\(g.calls)", "meanHandle": String(format: "%.0f", g.meanHandleS), "share": pct(g.agentTalkShare),
             "hold": String(format: "%.0f", g.holdS), "deadAir": String(format: "%.0f", g.deadAirS), "overtalk": String(format: "%.0f", g.overtalkS),
             "from": from, "to": to]
        }
        return [
            "from": from, "to": to, "queue": figures,
            "abandonedChart": SVGChart.bars(hours, title: language.text("abandonedByHour")),
            "transfers": t.transfersByTarget.sorted { $0.value > $1.value }.map { ["key": $0.key, "value": "\($0.value)"] },
            "talkChart": SVGChart.bars(talkByAgent.groups.map { (label: $0.group, value: $0.meanHandleS) }, title: language.text("meanHandle")),
            "dayChart": SVGChart.bars(talkByDay.groups.map { (label: String($0.group.suffix(5)), value: Double($0.calls)) }, title: language.text("calls")),
            "agents": agents,
            "days": talkByDay.groups.map { ["day": $0.group, "calls": "\($0.calls)"] },
            "qaAgents": qa.groups.map { ["key": $0.key, "from": from, "to": to, "evaluations": "\($0.evaluations)", "mean": $0.meanScore.map { String(format: "%.1f", $0) } ?? "-"] },
            "qaItems": qa.items.map { ["item": $0.itemID, "answered": "\($0.answered)", "rate": pct($0.failureRate)] },
        ]
    }
}

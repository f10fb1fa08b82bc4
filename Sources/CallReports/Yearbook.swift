import CallModel
import CallReview
import Foundation

/// A city call center's yearbook (Icheon publishes one every year): totals, by department and type, monthly and
/// hourly trends, service level, one-stop rate and talk time. Computed from the reports; rendered by
/// `YearbookRenderer`. Pure.
public struct Yearbook: Codable, Sendable, Equatable {
    public var year: Int
    public var total: QueueFigures
    public var months: [QueueFigures]
    public var hours: [QueueFigures]
    public var departments: [QueueFigures]
    public var categories: [QueueFigures]
    public var talk: TalkFigures
    public var talkByTeam: [TalkFigures]
    public var serviceLevelSeconds: Double
    /// QA results of the year (evaluations submitted in it) grouped by agent, with item failure rates and the monthly
    /// trend; nil when the yearbook was made without them.
    public var qa: QAReport?

    public init(year: Int, queue input: QueueReport.Input, talk samples: [TalkSample], settings: QueueSettings = QueueSettings(),
                calendar: ReportCalendar = ReportCalendar(), admits: @escaping (QueueCall, AgentDirectoryEntry?) -> Bool = { _, _ in true }, qa: QAReport? = nil) {
        let (from, to) = calendar.bounds(ofYear: year)
        func report(_ g: ReportGrouping) -> QueueReport {
            QueueReport.compute(input, from: from, to: to, by: g, settings: settings, calendar: calendar, admits: admits)
        }
        self.year = year
        serviceLevelSeconds = settings.serviceLevelSeconds
        let byMonth = report(.month)
        total = byMonth.total
        // Every month and hour appears, with zeros when no call came.
        let monthKeys = (1...12).map { String(format: "%04d-%02d", year, $0) }
        months = monthKeys.map { key in byMonth.groups.first { $0.group == key } ?? QueueFigures(group: key, counts: QueueCounts(), settings: settings) }
        let byHour = report(.hour)
        hours = (0..<24).map { String(format: "%02d", $0) }.map { key in
            byHour.groups.first { $0.group == key } ?? QueueFigures(group: key, counts: QueueCounts(), settings: settings)
        }
        departments = report(.department).groups.sorted { ($1.offered, $0.group) < ($0.offered, $1.group) }
        categories = report(.category).groups.sorted { ($1.offered, $0.group) < ($0.offered, $1.group) }
        let inYear = samples.filter { s in s.startedAt.map { $0 >= from && $0 < to } ?? false }
        talk = TalkFigures(group: "total", samples: inYear)
        talkByTeam = TalkReport.compute(inYear, by: .team, calendar: calendar).groups
        self.qa = qa
    }

    enum CodingKeys: String, CodingKey {
        case year, total, months, hours, departments, categories, talk, talkByTeam = "talk_by_team", serviceLevelSeconds = "service_level_s", qa
    }
}

import CallCatalog
import CallModel
import CallReview
import Foundation

/// Reads the catalog for the supervisor reports and computes them, for `nokchwi report` and the dashboards alike:
/// the caller's scope (their teams) is applied here, once.
public struct ReportLoader: Sendable {
    public let catalog: Catalog
    public let scope: ReportScope
    public let calendar: ReportCalendar

    public init(catalog: Catalog, scope: CallScope, calendar: ReportCalendar) {
        self.catalog = catalog
        self.scope = ReportScope(scope)
        self.calendar = calendar
    }

    /// Queue statistics from the imported ACD records in [from, to).
    public func queue(from: Date, to: Date, by grouping: ReportGrouping, settings: QueueSettings) throws -> QueueReport {
        let calls = try catalog.queueCalls(from: from.addingTimeInterval(-settings.repeatWindowSeconds), to: to)
        let input = QueueReport.Input(
            calls: calls,
            consultations: Dictionary(try catalog.consultations(queueCallsFrom: from, to: to).map { ($0.callID, $0) }, uniquingKeysWith: { a, _ in a }),
            surveys: try catalog.surveyScores(queueCallsFrom: from, to: to),
            directory: AgentDirectory(try catalog.agentDirectory()))
        let inRange = calls.filter { $0.enteredAt >= from && $0.enteredAt < to }
        return QueueReport.compute(input, from: from, to: to, by: grouping, settings: settings, calendar: calendar,
                                   admits: scope.queueFilter(inRange, by: grouping, directory: input.directory, calendar: calendar))
    }

    /// The analysed calls in [from, to) the scope admits (optionally one agent's).
    public func talkSamples(from: Date, to: Date) throws -> [TalkSample] {
        let directory = AgentDirectory(try catalog.agentDirectory())
        return scope.talkSamples(try catalog.talkSamples(from: from, to: to), directory: directory, calendar: calendar)
    }

    /// Talk time from the stored metrics in [from, to), grouped: the whole days from the catalog's talk summaries,
    /// the rest from the calls (medians from the histograms either way: `TalkReport.compute(rows:)`).
    public func talk(from: Date, to: Date, by grouping: ReportGrouping, useSummaries: Bool = true) throws -> TalkReport {
        TalkReport.compute(rows: try talkRows(from: from, to: to, summary: Self.summary(for: grouping), useSummaries: useSummaries),
                           by: grouping, from: from, to: to, calendar: calendar)
    }

    /// The talk summary a grouping reads.
    public static func summary(for grouping: ReportGrouping) -> TalkSummaryTable {
        switch grouping {
        case .hour: .hour
        case .department, .category: .category
        default: .agent
        }
    }

    /// The talk summary rows of [from, to) the scope admits, agents named and teams filled by the directory. Whole local
    /// days come from the summaries when the calendar's zone is theirs (UTC+9, no daylight saving); partial days at
    /// either end, and every day in another zone, from the calls themselves.
    public func talkRows(from: Date, to: Date, summary: TalkSummaryTable, useSummaries: Bool = true) throws -> [TalkSummaryRow] {
        var raw: [(Date, Date)] = [(from, to)]
        var rows: [TalkSummaryRow] = []
        if useSummaries, calendar.fixedOffsetSeconds == 9 * 3600, from < to {
            let offset = 9.0 * 3600
            func midnight(_ d: Date, up: Bool) -> Date {
                let days = ((d.timeIntervalSince1970 + offset) / 86_400)
                return Date(timeIntervalSince1970: (up ? days.rounded(.up) : days.rounded(.down)) * 86_400 - offset)
            }
            let start = midnight(from, up: true), end = midnight(to, up: false)
            if start < end {
                raw = [(from, start), (end, to)].filter { $0.0 < $0.1 }
                rows = try catalog.talkSummaryRows(fromDay: calendar.day(start), toDay: calendar.day(end), summary: summary)
            }
        }
        for (start, end) in raw {
            rows += try catalog.talkSamples(from: start, to: end).map { TalkSummaryRow($0, calendar: calendar) }
        }
        return scope.talkRows(rows, directory: AgentDirectory(try catalog.agentDirectory()))
    }

    /// The year's yearbook (center's calendar year), for the teams of the scope, with the QA section when asked and
    /// the year has evaluations.
    public func yearbook(year: Int, settings: QueueSettings = QueueSettings(), withQA: Bool = true) throws -> Yearbook {
        let (from, to) = calendar.bounds(ofYear: year)
        let calls = try catalog.queueCalls(from: from.addingTimeInterval(-settings.repeatWindowSeconds), to: to)
        let input = QueueReport.Input(
            calls: calls,
            consultations: Dictionary(try catalog.consultations(queueCallsFrom: from, to: to).map { ($0.callID, $0) }, uniquingKeysWith: { a, _ in a }),
            surveys: try catalog.surveyScores(queueCallsFrom: from, to: to), directory: AgentDirectory(try catalog.agentDirectory()))
        let samples = scope.talkSamples(try catalog.talkSamples(from: from, to: to), directory: input.directory, calendar: calendar)
        let qa = withQA ? try QAReport.compute(catalog: catalog, from: from, to: to, fromDay: "\(year)-01-01", toDay: "\(year)-12-31",
                                               teams: QAReport.teams(scope.scope), zone: calendar.zone, by: .agent) : nil
        return Yearbook(year: year, queue: input, talk: samples, settings: settings, calendar: calendar,
                        admits: scope.queueFilter(calls.filter { $0.enteredAt >= from && $0.enteredAt < to }, by: .total,
                                                  directory: input.directory, calendar: calendar),
                        qa: (qa?.evaluations ?? 0) > 0 ? qa : nil)
    }
}

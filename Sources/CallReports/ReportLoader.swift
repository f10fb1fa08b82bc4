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

    /// Talk time from the stored metrics in [from, to), grouped.
    public func talk(from: Date, to: Date, by grouping: ReportGrouping) throws -> TalkReport {
        TalkReport.compute(try talkSamples(from: from, to: to), by: grouping, from: from, to: to, calendar: calendar)
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

@testable import CallCatalog
import CallModel
import Foundation
import Testing

/// The QA summary tables (`v-qa-summary`, kept by triggers) give the same report figures as the evaluations they sum,
/// over whole and partial months, after a dispute resolved as amended.
@Suite struct QASummaryTests {
    static let kst = TimeZone(secondsFromGMT: 9 * 3600)!

    static func day(_ y: Int, _ m: Int, _ d: Int) -> Date {
        var c = Calendar(identifier: .gregorian)
        c.timeZone = kst
        return c.date(from: DateComponents(year: y, month: m, day: d))!
    }

    func filled() throws -> Catalog {
        let catalog = try Catalog()
        try catalog.importRubricVersion(RubricVersionRecord(id: "v1", rubric: "r", title: "t", sourceFile: "r.yaml", content: "", importedAt: Date(), importedBy: "t"))
        let shape = QABenchmarkShape(calls: 3_000, agents: 12, teams: 3, start: Self.day(2026, 1, 1), days: 365,
                                     denseMonth: (Self.day(2026, 11, 1), Self.day(2026, 12, 1)), denseCalls: 0, evaluations: 600,
                                     evaluationYear: (Self.day(2026, 1, 1), Self.day(2027, 1, 1)), evaluators: 4, queued: 0, rubricVersion: "v1",
                                     items: [("a", "s", "normal"), ("b", "s", "critical")])
        try catalog.fillQABenchmarkRows(shape) { _ in }
        return catalog
    }

    func same(_ catalog: Catalog, _ from: Date, _ to: Date, teams: Set<String>? = nil) throws {
        let fast = try catalog.qaReportAggregates(from: from, to: to, teams: teams)
        let slow = try catalog.qaReportAggregates(from: from, to: to, teams: teams, useSummaries: false)
        func key(_ r: QAEvaluationAggregateRow) -> String { "\(r.month)|\(r.team ?? "")|\(r.agentID ?? "")|\(r.evaluator)" }
        func totals(_ rows: [QAEvaluationAggregateRow]) -> [String: [Double]] {
            Dictionary(grouping: rows, by: key).mapValues { rs in
                [Double(rs.map(\.evaluations).reduce(0, +)), Double(rs.map(\.scored).reduce(0, +)), (rs.map(\.scoreSum).reduce(0, +) * 100).rounded(),
                 Double(rs.map(\.criticalFailures).reduce(0, +)), Double(rs.map(\.fatalFailures).reduce(0, +))]
            }
        }
        #expect(!slow.evaluations.isEmpty)
        #expect(totals(fast.evaluations) == totals(slow.evaluations))
        #expect(fast.items == slow.items)
        #expect(fast.evaluations.count < slow.evaluations.count || Catalog.wholeMonths(from: from, to: to, offset: 9 * 3600) == nil)
    }

    @Test func summariesMatchTheEvaluations() throws {
        let catalog = try filled()
        try same(catalog, Self.day(2026, 1, 1), Self.day(2027, 1, 1))
        try same(catalog, Self.day(2026, 2, 15), Self.day(2026, 10, 10))
        try same(catalog, Self.day(2026, 3, 1), Self.day(2026, 3, 20))
        try same(catalog, Self.day(2026, 1, 1), Self.day(2027, 1, 1), teams: ["team-2"])
    }

    @Test func anAmendmentReplacesTheDisputedEvaluationInTheSummaries() throws {
        let catalog = try filled()
        let evaluations = try catalog.qaSubmittedEvaluations(from: Self.day(2026, 5, 1), to: Self.day(2026, 6, 1))
        let original = try #require(evaluations.first)
        let actor = AuditActor(account: "sup", sourceAddress: "local:test")
        let dispute = try catalog.openQADispute(evaluationID: original.id, reason: "too harsh", now: original.submittedAt.addingTimeInterval(60),
                                                windowDays: 14, maxDisputes: 2, actor: actor)
        let amendment = QAEvaluationRecord(sampleID: nil, callID: original.callID, agentID: nil, team: nil, evaluator: "other", rubricVersion: "v1",
                                           kind: .amendment, status: .submitted, answersJSON: "{}", score: 99, scoreJSON: nil, criticalFailures: 0,
                                           fatalFailures: 0, at: original.submittedAt.addingTimeInterval(120))
        _ = try catalog.resolveQADispute(disputeID: dispute.id!, outcome: .amended, note: nil, amendment: amendment, items: [
            QAItemResultRecord(itemID: "a", sectionID: "s", answer: "yes", fraction: 1, failed: false, severity: "normal"),
        ], now: original.submittedAt.addingTimeInterval(120), actor: AuditActor(account: "resolver", sourceAddress: "local:test"))
        try same(catalog, Self.day(2026, 1, 1), Self.day(2027, 1, 1))
        let year = try catalog.qaReportAggregates(from: Self.day(2026, 1, 1), to: Self.day(2027, 1, 1))
        #expect(year.evaluations.filter { $0.evaluator == "other" }.map(\.scoreSum) == [99])
        #expect(year.evaluations.map(\.evaluations).reduce(0, +) == 600, "one out, one in")
    }
}

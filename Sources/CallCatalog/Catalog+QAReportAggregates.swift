import CallModel
import Foundation
import GRDB

/// Submitted evaluations added up per (month, team, agent, evaluator): what `report qa` groups.
public struct QAEvaluationAggregateRow: Sendable, Equatable {
    public var month: String
    public var team: String?
    public var agentID: String?
    public var evaluator: String
    public var evaluations: Int
    /// Evaluations with a score (not every item N/A) and the sum of those scores.
    public var scored: Int
    public var scoreSum: Double
    public var criticalFailures: Int
    public var fatalFailures: Int
}

extension Catalog {
    /// The evaluation aggregates and item counts of `report qa` for [from, to) (both at the centre's midnight), in
    /// months at `monthOffsetSeconds` from UTC. Whole months are read from the summary tables (`v-qa-summary`,
    /// kept on write) when the offset is theirs (UTC+9), the partial months at either end from the evaluations
    /// themselves; another offset reads every evaluation. The same figures either way (a test compares them).
    public func qaReportAggregates(from: Date, to: Date, teams: Set<String>? = nil, monthOffsetSeconds: Int = 9 * 3600,
                                   useSummaries: Bool = true) throws -> (evaluations: [QAEvaluationAggregateRow], items: [QAItemCountRow]) {
        var whole: (first: String, last: String, start: Date, end: Date)?
        if useSummaries, monthOffsetSeconds == CatalogSchema.qaSummaryOffsetSeconds {
            whole = Self.wholeMonths(from: from, to: to, offset: monthOffsetSeconds)
        }
        var raw: [(Date, Date)] = [(from, to)]
        if let whole { raw = [(from, whole.start), (whole.end, to)].filter { $0.0 < $0.1 } }
        var evaluations: [QAEvaluationAggregateRow] = []
        var items: [String: QAItemCountRow] = [:]
        func addItem(_ row: QAItemCountRow) {
            let key = row.itemID + "\u{1}" + row.sectionID + "\u{1}" + row.severity
            if var known = items[key] {
                known.answered += row.answered
                known.notApplicable += row.notApplicable
                known.failed += row.failed
                items[key] = known
            } else {
                items[key] = row
            }
        }
        for (start, end) in raw {
            for r in try qaSubmittedEvaluations(from: start, to: end, teams: teams, monthOffsetSeconds: monthOffsetSeconds) {
                evaluations.append(QAEvaluationAggregateRow(month: r.month, team: r.team, agentID: r.agentID, evaluator: r.evaluator, evaluations: 1,
                                                            scored: r.score == nil ? 0 : 1, scoreSum: r.score ?? 0,
                                                            criticalFailures: r.criticalFailures, fatalFailures: r.fatalFailures))
            }
            for row in try qaItemCounts(from: start, to: end, teams: teams) { addItem(row) }
        }
        if let whole {
            try read { db in
                var teamSQL = ""
                var teamArgs: StatementArguments = []
                if let teams {
                    teamSQL = teams.isEmpty ? " AND 0" : " AND team IN (\(teams.map { _ in "?" }.joined(separator: ",")))"
                    teamArgs = StatementArguments(teams.sorted())
                }
                let range: StatementArguments = [whole.first, whole.last]
                let rows = try Row.fetchCursor(db, sql: """
                    SELECT month, team, agent_id, evaluator, evaluations, scored, score_sum, critical_failures, fatal_failures
                    FROM qa_month_summary WHERE month >= ? AND month <= ? AND evaluations > 0\(teamSQL)
                    """, arguments: range + teamArgs)
                while let r = try rows.next() {
                    let team: String = r[1], agent: String = r[2]
                    evaluations.append(QAEvaluationAggregateRow(month: r[0], team: team.isEmpty ? nil : team, agentID: agent.isEmpty ? nil : agent,
                                                                evaluator: r[3], evaluations: r[4], scored: r[5], scoreSum: r[6],
                                                                criticalFailures: r[7], fatalFailures: r[8]))
                }
                for r in try Row.fetchAll(db, sql: """
                    SELECT item_id, section_id, severity, SUM(answered), SUM(not_applicable), SUM(failed)
                    FROM qa_item_month_summary WHERE month >= ? AND month <= ?\(teamSQL)
                    GROUP BY item_id, section_id, severity HAVING SUM(answered) > 0
                    """, arguments: range + teamArgs) {
                    addItem(QAItemCountRow(itemID: r[0], sectionID: r[1], severity: r[2], answered: r[3], notApplicable: r[4], failed: r[5]))
                }
            }
        }
        return (evaluations, items.values.sorted { $0.itemID < $1.itemID })
    }

    /// The whole months (at `offset` from UTC) inside [from, to): their keys and bounds; nil when there is none.
    static func wholeMonths(from: Date, to: Date, offset: Int) -> (first: String, last: String, start: Date, end: Date)? {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(secondsFromGMT: offset)!
        let startOfFromMonth = calendar.dateInterval(of: .month, for: from)!.start
        let start = startOfFromMonth == from ? from : calendar.date(byAdding: .month, value: 1, to: startOfFromMonth)!
        let end = calendar.dateInterval(of: .month, for: to)!.start
        guard start < end else { return nil }
        func key(_ d: Date) -> String {
            let c = calendar.dateComponents([.year, .month], from: d)
            return String(format: "%04d-%02d", c.year!, c.month!)
        }
        return (key(start), key(calendar.date(byAdding: .month, value: -1, to: end)!), start, end)
    }
}

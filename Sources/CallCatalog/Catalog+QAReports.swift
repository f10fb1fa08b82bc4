import CallModel
import Foundation
import GRDB

/// A submitted evaluation as the QA report reads it (no answers, no caller data).
public struct QAEvaluationSummaryRow: Sendable, Equatable {
    public var id: Int64
    public var callID: String
    public var agentID: String?
    public var team: String?
    public var evaluator: String
    public var score: Double?
    public var criticalFailures: Int
    public var fatalFailures: Int
    public var submittedAt: Date
    /// "2026-11": the month of submission at `monthOffsetSeconds` from UTC (the center's zone).
    public var month: String
}

/// How often an item was answered and failed over a report's evaluations.
public struct QAItemCountRow: Sendable, Equatable {
    public var itemID: String
    public var sectionID: String
    public var severity: String
    public var answered: Int
    public var notApplicable: Int
    public var failed: Int
}

extension Catalog {
    /// Queue and amendment evaluations submitted in [from, to) that no amendment replaced, optionally of some teams.
    public func qaSubmittedEvaluations(from: Date, to: Date, teams: Set<String>? = nil, monthOffsetSeconds: Int = 9 * 3600) throws -> [QAEvaluationSummaryRow] {
        try read { db in
            let (teamSQL, teamArgs) = Self.teamClause(teams)
            return try Row.fetchAll(db, sql: """
                SELECT e.id, e.call_id, e.agent_id, e.team, e.evaluator, e.score, e.critical_failures, e.fatal_failures,
                       CAST(strftime('%s', e.submitted_at) AS INTEGER) AS submitted_s, strftime('%Y-%m', e.submitted_at, ?) AS month
                FROM qa_evaluation e INDEXED BY qa_evaluation_submitted
                WHERE e.status = 'submitted' AND e.submitted_at >= ? AND e.submitted_at < ? AND e.kind IN ('queue', 'amendment')
                  AND NOT EXISTS (SELECT 1 FROM qa_dispute d WHERE d.evaluation_id = e.id AND d.outcome = 'amended')\(teamSQL)
                ORDER BY e.submitted_at, e.id
                """, arguments: ["\(monthOffsetSeconds) seconds", CatalogDates.string(from), CatalogDates.string(to)] + teamArgs).map { r in
                QAEvaluationSummaryRow(id: r["id"], callID: r["call_id"], agentID: r["agent_id"], team: r["team"],
                                       evaluator: r["evaluator"], score: r["score"], criticalFailures: r["critical_failures"],
                                       fatalFailures: r["fatal_failures"],
                                       submittedAt: Date(timeIntervalSince1970: Double(r["submitted_s"] as Int64? ?? 0)), month: r["month"])
            }
        }
    }

    /// Per item: answers, N/A and failures over the same evaluations as `qaSubmittedEvaluations`.
    public func qaItemCounts(from: Date, to: Date, teams: Set<String>? = nil) throws -> [QAItemCountRow] {
        try read { db in
            let (teamSQL, teamArgs) = Self.teamClause(teams)
            return try Row.fetchAll(db, sql: """
                SELECT i.item_id, i.section_id, i.severity, COUNT(*) AS answered,
                       SUM(i.fraction IS NULL) AS na, SUM(i.failed) AS failed
                FROM qa_evaluation e INDEXED BY qa_evaluation_submitted JOIN qa_item_result i ON i.evaluation_id = e.id
                WHERE e.status = 'submitted' AND e.submitted_at >= ? AND e.submitted_at < ? AND e.kind IN ('queue', 'amendment')
                  AND NOT EXISTS (SELECT 1 FROM qa_dispute d WHERE d.evaluation_id = e.id AND d.outcome = 'amended')\(teamSQL)
                GROUP BY i.item_id, i.section_id, i.severity ORDER BY i.item_id
                """, arguments: [CatalogDates.string(from), CatalogDates.string(to)] + teamArgs).map { r in
                QAItemCountRow(itemID: r["item_id"], sectionID: r["section_id"], severity: r["severity"],
                               answered: r["answered"], notApplicable: r["na"], failed: r["failed"])
            }
        }
    }

    private static func teamClause(_ teams: Set<String>?) -> (String, StatementArguments) {
        guard let teams else { return ("", []) }
        if teams.isEmpty { return (" AND 0", []) }
        return (" AND e.team IN (\(teams.map { _ in "?" }.joined(separator: ",")))", StatementArguments(teams.sorted()))
    }
}

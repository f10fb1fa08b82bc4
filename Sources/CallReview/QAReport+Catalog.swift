import CallCatalog
import CallModel
import Foundation

extension QAReport {
    /// The QA report of submitted evaluations in [from, to) for `teams` (nil: every team), as `report qa` and the
    /// supervisor dashboard show it. `fromDay`/`toDay` are the labels (yyyy-MM-dd) of the range.
    public static func load(catalog: Catalog, from: Date, to: Date, fromDay: String, toDay: String, teams: Set<String>?,
                            zone: TimeZone, by grouping: Grouping) throws -> QAReport {
        let rows = try catalog.qaSubmittedEvaluations(from: from, to: to, teams: teams, monthOffsetSeconds: zone.secondsFromGMT(for: from)).map {
            QAReportEvaluation(agentID: $0.agentID ?? "(unknown)", team: $0.team ?? "(none)", evaluator: $0.evaluator, score: $0.score,
                               criticalFailures: $0.criticalFailures, fatalFailures: $0.fatalFailures, month: $0.month)
        }
        let items = try catalog.qaItemCounts(from: from, to: to, teams: teams).map {
            QAReportItemCount(itemID: $0.itemID, sectionID: $0.sectionID, severity: $0.severity, answered: $0.answered,
                              notApplicable: $0.notApplicable, failed: $0.failed)
        }
        return build(rows, items: items, by: grouping, from: fromDay, to: toDay)
    }

    /// The teams a report scope admits (nil: every team; empty: none).
    public static func teams(_ scope: CallScope) -> Set<String>? {
        switch scope {
        case .all: nil
        case .none: []
        case .limited(let teams, _): teams
        }
    }
}

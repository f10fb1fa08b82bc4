import CallCatalog
import CallReview
import Foundation

extension QASupport {
    /// `report qa`'s figures (`QAReport.compute`), shared by `report qa` and the yearbook.
    static func report(_ catalog: Catalog, by grouping: QAReport.Grouping, start: Date, end: Date, from: String, to: String,
                       teams: Set<String>?, zone: TimeZone) throws -> QAReport {
        try QAReport.compute(catalog: catalog, from: start, to: end, fromDay: from, toDay: to, teams: teams, zone: zone, by: grouping)
    }
}

import CallCatalog
import CallModel
import Foundation

extension QAReport {
    /// The teams a report scope admits (nil: every team; empty: none).
    public static func teams(_ scope: CallScope) -> Set<String>? {
        switch scope {
        case .all: nil
        case .none: []
        case .limited(let teams, _): teams
        }
    }
}

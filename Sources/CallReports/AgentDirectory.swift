import CallModel
import Foundation

/// The center's agent directory in memory: which agent a recorder id names, and their team and department on a
/// given local day. Pure lookups.
public struct AgentDirectory: Sendable {
    private let byRecorderID: [String: [AgentDirectoryEntry]]

    public init(_ entries: [AgentDirectoryEntry]) {
        byRecorderID = Dictionary(grouping: entries, by: { Self.normalise($0.recorderID) })
    }

    public var isEmpty: Bool { byRecorderID.isEmpty }

    /// The entry for `recorderID` valid on `day` (`yyyy-MM-dd`): valid_from <= day < valid_to.
    public func entry(_ recorderID: String?, on day: String) -> AgentDirectoryEntry? {
        guard let recorderID, let entries = byRecorderID[Self.normalise(recorderID)] else { return nil }
        return entries.first { $0.validFrom <= day && ($0.validTo.map { day < $0 } ?? true) }
    }

    /// Recorder ids compare without case and, for ACD interfaces, without the technology prefix
    /// (`SIP/8007` and `PJSIP/8007` name extension 8007).
    public static func normalise(_ id: String) -> String { AgentDirectoryEntry.recorderKey(id) }
}

import Foundation

/// A legal hold: while it is active (not released), none of its calls is purged, whatever their retention says.
/// The calls are fixed when the hold is placed (a hold on "agent A017 in March" covers the calls cataloged then;
/// place another hold for calls ingested later). Released holds stay in the catalog as a record.
public struct LegalHold: Codable, Sendable, Equatable {
    public var id: Int64
    /// For whom the calls are kept: a court, an authority, an internal audit, a complaint case (its reference).
    public var holder: String
    /// Why, as stated by the archivist who placed it (recorded in the audit trail).
    public var reason: String
    /// How the calls were chosen, for the record (`calls`, `agent A017 2026-03-01T00:00:00Z..2026-04-01T00:00:00Z`).
    public var scope: String
    /// The account that placed the hold.
    public var placedBy: String
    public var placedAt: Date
    public var releasedAt: Date?
    public var releasedBy: String?
    public var releaseReason: String?
    /// The held calls, sorted.
    public var callIDs: [CallID]

    public init(id: Int64, holder: String, reason: String, scope: String, placedBy: String, placedAt: Date,
                releasedAt: Date? = nil, releasedBy: String? = nil, releaseReason: String? = nil, callIDs: [CallID]) {
        self.id = id
        self.holder = holder
        self.reason = reason
        self.scope = scope
        self.placedBy = placedBy
        self.placedAt = placedAt
        self.releasedAt = releasedAt
        self.releasedBy = releasedBy
        self.releaseReason = releaseReason
        self.callIDs = callIDs
    }

    public var isActive: Bool { releasedAt == nil }

    enum CodingKeys: String, CodingKey {
        case id, holder, reason, scope, placedBy = "placed_by", placedAt = "placed_at", releasedAt = "released_at"
        case releasedBy = "released_by", releaseReason = "release_reason", callIDs = "call_ids"
    }
}

/// Which calls a new legal hold covers; resolved into call ids when the hold is placed.
public enum HoldSelection: Sendable, Equatable, CustomStringConvertible {
    /// These calls (each must exist and not be destroyed).
    case calls([CallID])
    /// Every call of this agent that started in `from ..< until` (calls without a start time: their ingest time).
    case agent(String, from: Date, until: Date)
    /// Every call of this team that started in `from ..< until`.
    case team(String, from: Date, until: Date)

    public var description: String {
        func span(_ a: Date, _ b: Date) -> String { a.formatted(.iso8601) + ".." + b.formatted(.iso8601) }
        switch self {
        case .calls(let ids): return ids.count == 1 ? "call" : "calls"
        case .agent(let agent, let from, let until): return "agent \(agent) \(span(from, until))"
        case .team(let team, let from, let until): return "team \(team) \(span(from, until))"
        }
    }
}

import Foundation

/// Analysed calls added up per local day (and hour, for the hourly summary) and per the call's own agent, team,
/// department and category: what the talk-time reports read instead of every call of a year.
/// The hourly summary keeps the agent only for calls without a team (the directory may give them one).
public struct TalkSummaryRow: Sendable, Equatable {
    /// `yyyy-MM-dd` in the center's zone.
    public var day: String
    /// Hour of the local day (0-23), for rows of the hourly summary.
    public var hour: Int?
    public var agent: String?
    public var team: String?
    public var department: String?
    public var category: String?
    public var tally: TalkTally

    public init(day: String, hour: Int? = nil, agent: String?, team: String?, department: String?, category: String?, tally: TalkTally) {
        self.day = day
        self.hour = hour
        self.agent = agent
        self.team = team
        self.department = department
        self.category = category
        self.tally = tally
    }
}

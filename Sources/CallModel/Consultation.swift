import Foundation

/// A consultation record (상담 기록) the agent filed for a call: what it was about and how it ended. The
/// consultation case database of the Bucheon ordinance (art. 4); the source of the one-call one-stop rate.
public struct Consultation: Codable, Sendable, Equatable {
    public enum Outcome: String, Codable, Sendable, CaseIterable {
        /// Answered by the agent in the call (원콜 원스톱).
        case direct
        /// Transferred to a department official.
        case transferred
        /// An official calls back later.
        case callback
    }

    /// The PBX's id of the call (the queue log's call id, a recording's external id).
    public var callID: String
    public var category: String?
    public var department: String?
    public var outcome: Outcome

    public init(callID: String, category: String?, department: String?, outcome: Outcome) {
        self.callID = callID
        self.category = category
        self.department = department
        self.outcome = outcome
    }

    enum CodingKeys: String, CodingKey { case callID = "call_id", category, department, outcome }
}

/// A post-call survey answer: the caller's score for the call (1-5 in most centers).
public struct SurveyResult: Codable, Sendable, Equatable {
    public var callID: String
    public var score: Int

    public init(callID: String, score: Int) {
        self.callID = callID
        self.score = score
    }

    enum CodingKeys: String, CodingKey { case callID = "call_id", score }
}

/// One row of the center's agent directory: an id the agent has in one recorder format, and the team and
/// department they belonged to over a date range (inclusive first day, exclusive last; nil = open).
public struct AgentDirectoryEntry: Codable, Sendable, Equatable {
    /// The agent's canonical id in the directory (`kim.minji`).
    public var agent: String
    /// The id as a recorder writes it (`agent007`, `A007`, `1007`, `SIP/8007`).
    public var recorderID: String
    public var displayName: String?
    public var team: String?
    public var department: String?
    /// First day (center's local date, `yyyy-MM-dd`) of this membership.
    public var validFrom: String
    /// Day after the last day, or nil while it lasts.
    public var validTo: String?

    public init(agent: String, recorderID: String, displayName: String?, team: String?, department: String?,
                validFrom: String, validTo: String?) {
        self.agent = agent
        self.recorderID = recorderID
        self.displayName = displayName
        self.team = team
        self.department = department
        self.validFrom = validFrom
        self.validTo = validTo
    }

    enum CodingKeys: String, CodingKey {
        case agent, recorderID = "recorder_id", displayName = "display_name", team, department
        case validFrom = "valid_from", validTo = "valid_to"
    }
}

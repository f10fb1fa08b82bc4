import CallModel
import Foundation

/// Which figures a user's report may count, from their `view-reports` scope. Pure.
///
/// - Talk-time figures are about people: a supervisor counts the calls of their own teams only (the team the
///   call's metadata names, else the one the agent directory gave the agent on the call's date).
/// - Queue figures are about queues, and an unanswered call has no agent or team: a supervisor counts the whole of
///   every queue one of their teams' agents answered in during the range; grouped by agent or team, only their
///   teams' rows.
public struct ReportScope: Sendable {
    public let scope: CallScope

    public init(_ scope: CallScope) {
        self.scope = scope
    }

    public func admits(team: String?) -> Bool {
        switch scope {
        case .none: false
        case .all: true
        case .limited(let teams, _): team.map(teams.contains) ?? false
        }
    }

    /// Fills each sample's team and department from the directory where the call has none, names the agent by the
    /// directory's canonical id, and keeps those the scope admits.
    public func talkSamples(_ samples: [TalkSample], directory: AgentDirectory, calendar: ReportCalendar = ReportCalendar()) -> [TalkSample] {
        samples.compactMap { sample in
            var s = sample
            if !directory.isEmpty, let start = s.startedAt, let entry = directory.entry(s.agent, on: calendar.day(start)) {
                s.agent = entry.agent
                s.team = s.team ?? entry.team
                s.department = s.department ?? entry.department
            }
            return admits(team: s.team) ? s : nil
        }
    }

    /// The same for summary rows: the directory entry of the row's agent on the row's day.
    public func talkRows(_ rows: [TalkSummaryRow], directory: AgentDirectory) -> [TalkSummaryRow] {
        rows.compactMap { row in
            var r = row
            if !directory.isEmpty, !r.day.isEmpty, let entry = directory.entry(r.agent, on: r.day) {
                r.agent = entry.agent
                r.team = r.team ?? entry.team
                r.department = r.department ?? entry.department
            }
            return admits(team: r.team) ? r : nil
        }
    }

    /// The filter for `QueueReport.compute` (see the type's documentation).
    public func queueFilter(_ calls: [QueueCall], by grouping: ReportGrouping, directory: AgentDirectory,
                            calendar: ReportCalendar = ReportCalendar()) -> (QueueCall, AgentDirectoryEntry?) -> Bool {
        if case .all = scope { return { _, _ in true } }
        if grouping == .agent || grouping == .team { return { [self] _, agent in admits(team: agent?.team) } }
        let queues = Set(calls.filter { admits(team: directory.entry($0.agent, on: calendar.day($0.enteredAt))?.team) }.map(\.queue))
        return { call, _ in queues.contains(call.queue) }
    }
}

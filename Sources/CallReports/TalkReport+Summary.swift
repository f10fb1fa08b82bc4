import CallModel
import Foundation

extension TalkReport {
    /// The report from summary rows (the catalog's talk summaries, or samples folded into rows): the same figures
    /// as `compute(_ samples:)` except the medians, which come from the handle-time histograms (`TalkTally`), and
    /// the team's standard deviation, computed from sums of squares. Rows of the hourly summary for `.hour`,
    /// of the daily one otherwise; the scope and the agent directory are applied to the rows beforehand.
    public static func compute(rows: [TalkSummaryRow], by grouping: ReportGrouping, from: Date? = nil, to: Date? = nil,
                               calendar: ReportCalendar = ReportCalendar()) -> TalkReport {
        var weeks: [String: String] = [:]
        func key(_ r: TalkSummaryRow) -> String {
            switch grouping {
            case .total: return "total"
            case .agent: return r.agent ?? "(none)"
            case .team: return r.team ?? "(none)"
            case .department: return r.department ?? "(none)"
            case .category: return r.category ?? "(none)"
            case .queue: return "(none)"
            case .day, .week, .month, .hour:
                guard !r.day.isEmpty else { return "(no start time)" }
                switch grouping {
                case .day: return r.day
                case .month: return String(r.day.prefix(7))
                case .hour: return r.hour.map { $0 < 10 ? "0\($0)" : String($0) } ?? "(no start time)"
                default:
                    if let known = weeks[r.day] { return known }
                    let week = calendar.start(ofDay: r.day).map(calendar.week) ?? "(no start time)"
                    weeks[r.day] = week
                    return week
                }
            }
        }
        var byGroup: [String: TalkTally] = [:]
        var total = TalkTally()
        for row in rows {
            byGroup[key(row), default: TalkTally()] += row.tally
            total += row.tally
        }
        var groups = byGroup.keys.sorted().map { TalkFigures(group: $0, tally: byGroup[$0]!) }
        if grouping == .agent {
            var teamTallies: [String: TalkTally] = [:]
            var agentTeams: [String: [String: Int]] = [:]
            for row in rows {
                let team = row.team ?? "(none)"
                teamTallies[team, default: TalkTally()] += row.tally
                agentTeams[row.agent ?? "(none)", default: [:]][team, default: 0] += row.tally.calls
            }
            for i in groups.indices {
                // An agent's team: the one most of their calls had.
                let team = agentTeams[groups[i].group]!.max { ($0.value, $1.key) < ($1.value, $0.key) }!.key
                groups[i].team = team
                let (mean, deviation) = teamTallies[team]!.meanAndDeviation
                if deviation > 0 {
                    let z = (groups[i].meanHandleS - mean) / deviation
                    groups[i].deviationFromTeam = z
                    groups[i].outlier = abs(z) > 2
                }
            }
        }
        return TalkReport(grouping: grouping, from: from, to: to, groups: groups, total: TalkFigures(group: "total", tally: total),
                          outlierRule: outlierRuleText)
    }
}

extension TalkSummaryRow {
    /// One analysed call as a summary row (its local day and hour in `calendar`'s zone), for ranges the summaries do
    /// not cover (partial days, another zone). It keeps every key, so it serves every grouping.
    public init(_ sample: TalkSample, calendar: ReportCalendar) {
        self.init(day: sample.startedAt.map(calendar.day) ?? "", hour: sample.startedAt.flatMap { Int(calendar.hour($0)) },
                  agent: sample.agent, team: sample.team, department: sample.department, category: sample.category, tally: TalkTally(sample))
    }
}

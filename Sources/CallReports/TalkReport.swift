import CallModel
import Foundation

/// The talk-time report: figures per group and in total, from the stored metrics of analysed calls. Pure.
public struct TalkReport: Codable, Sendable, Equatable {
    public var grouping: ReportGrouping
    public var from: Date?
    public var to: Date?
    public var groups: [TalkFigures]
    public var total: TalkFigures
    /// How outliers are judged, for the output.
    public var outlierRule: String

    public static let outlierRuleText = "agent's mean handle time more than 2 standard deviations (of the team's calls) from the team's mean"

    public static func compute(_ samples: [TalkSample], by grouping: ReportGrouping, from: Date? = nil, to: Date? = nil,
                               calendar: ReportCalendar = ReportCalendar()) -> TalkReport {
        func key(_ s: TalkSample) -> String {
            switch grouping {
            case .total: "total"
            case .agent: s.agent ?? "(none)"
            case .team: s.team ?? "(none)"
            case .department: s.department ?? "(none)"
            case .category: s.category ?? "(none)"
            case .queue: "(none)"
            case .day, .week, .month, .hour: s.startedAt.flatMap { calendar.period(grouping, $0) } ?? "(no start time)"
            }
        }
        let grouped = Dictionary(grouping: samples, by: key)
        var groups = grouped.keys.sorted().map { TalkFigures(group: $0, samples: grouped[$0]!) }
        if grouping == .agent {
            let byTeam = Dictionary(grouping: samples, by: { $0.team ?? "(none)" })
            let teamStats = byTeam.mapValues { TalkFigures.meanAndDeviation($0.map(\.durationS)) }
            for i in groups.indices {
                // An agent's team: the one most of their calls had.
                let teams = Dictionary(grouping: grouped[groups[i].group]!, by: { $0.team ?? "(none)" })
                let team = teams.max { ($0.value.count, $1.key) < ($1.value.count, $0.key) }!.key
                groups[i].team = team
                let (mean, deviation) = teamStats[team]!
                if deviation > 0 {
                    let z = (groups[i].meanHandleS - mean) / deviation
                    groups[i].deviationFromTeam = z
                    groups[i].outlier = abs(z) > 2
                }
            }
        }
        return TalkReport(grouping: grouping, from: from, to: to, groups: groups,
                          total: TalkFigures(group: "total", samples: samples), outlierRule: outlierRuleText)
    }

    /// One agent's calls, the ones most worth listening to first: most dead air, then most hold, then longest.
    public static func callsToReview(_ samples: [TalkSample]) -> [TalkSample] {
        samples.sorted { ($1.deadAirS, $1.holdS, $1.durationS, $0.callID) < ($0.deadAirS, $0.holdS, $0.durationS, $1.callID) }
    }

    enum CodingKeys: String, CodingKey {
        case grouping = "by", from, to, groups, total, outlierRule = "outlier_rule"
    }
}

import Foundation

/// A report table: a header and rows of cells, rendered as CSV (RFC 4180, quoted where needed) or kept for text.
public struct ReportTable: Sendable, Equatable {
    public var name: String
    public var header: [String]
    public var rows: [[String]]

    public init(name: String, header: [String], rows: [[String]]) {
        self.name = name
        self.header = header
        self.rows = rows
    }

    public var csv: String {
        ([header] + rows).map { $0.map(Self.quote).joined(separator: ",") }.joined(separator: "\n") + "\n"
    }

    static func quote(_ cell: String) -> String {
        cell.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" })
            ? "\"" + cell.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : cell
    }

    /// Formats a fraction as a percentage with one decimal (`97.0%`), `-` when nil.
    public static func percent(_ value: Double?) -> String {
        value.map { String(format: "%.1f%%", $0 * 100) } ?? "-"
    }

    public static func seconds(_ value: Double?) -> String {
        value.map { String(format: "%.1f", $0) } ?? "-"
    }
}

extension QueueReport {
    public var table: ReportTable {
        let header = ["group", "offered", "answered", "abandoned", "short_abandoned", "exited", "answer_rate", "service_level",
                      "asa_s", "longest_wait_s", "transferred", "callback", "one_stop_rate", "repeat_rate", "survey_mean"]
        func row(_ f: QueueFigures) -> [String] {
            [f.group, String(f.offered), String(f.answered), String(f.abandoned), String(f.shortAbandoned), String(f.exited),
             ReportTable.percent(f.answerRate), ReportTable.percent(f.serviceLevels.first?.value), ReportTable.seconds(f.asa),
             ReportTable.seconds(f.longestWait), String(f.transferred), String(f.callback), ReportTable.percent(f.oneStopRate),
             ReportTable.percent(f.repeatRate), f.surveyMean.map { String(format: "%.2f", $0) } ?? "-"]
        }
        return ReportTable(name: "queue-by-\(grouping.rawValue)", header: header, rows: groups.map(row) + [row(total)])
    }
}

extension TalkReport {
    public var table: ReportTable {
        let header = ["group", "calls", "handled_s", "mean_handle_s", "median_handle_s", "agent_talk_share", "caller_talk_share",
                      "agent_caller_ratio", "hold_s", "holds_per_call", "non_talk_s", "silence_events", "dead_air_calls", "dead_air_s",
                      "overtalk_s", "agent_interruptions", "caller_interruptions", "outlier"]
        func row(_ f: TalkFigures) -> [String] {
            [f.group, String(f.calls), ReportTable.seconds(f.handledS), ReportTable.seconds(f.meanHandleS), ReportTable.seconds(f.medianHandleS),
             ReportTable.percent(f.agentTalkShare), ReportTable.percent(f.callerTalkShare),
             f.agentCallerRatio.map { String(format: "%.2f", $0) } ?? "-", ReportTable.seconds(f.holdS),
             String(format: "%.2f", f.holdsPerCall), ReportTable.seconds(f.nonTalkS), String(f.silenceEvents), String(f.deadAirCalls),
             ReportTable.seconds(f.deadAirS), ReportTable.seconds(f.overtalkS), String(f.agentInterruptions), String(f.callerInterruptions),
             f.outlier ? "yes" : ""]
        }
        return ReportTable(name: "talk-by-\(grouping.rawValue)", header: header, rows: groups.map(row) + [row(total)])
    }
}

import CallModel
import Foundation

/// The queue report: figures per group and for the whole range. Pure: queue calls, consultation records, survey
/// answers and the agent directory in, figures out.
public struct QueueReport: Codable, Sendable, Equatable {
    public var grouping: ReportGrouping
    public var from: Date
    public var to: Date
    public var serviceLevelSeconds: Double
    public var shortAbandonSeconds: Double
    public var repeatWindowDays: Double
    public var groups: [QueueFigures]
    public var total: QueueFigures

    public struct Input: Sendable {
        /// The calls of [from - repeat window, to): the ones before `from` only tell repeats apart.
        public var calls: [QueueCall]
        public var consultations: [String: Consultation]
        public var surveys: [String: Int]
        public var directory: AgentDirectory

        public init(calls: [QueueCall], consultations: [String: Consultation] = [:], surveys: [String: Int] = [:],
                    directory: AgentDirectory = AgentDirectory([])) {
            self.calls = calls
            self.consultations = consultations
            self.surveys = surveys
            self.directory = directory
        }
    }

    /// - Parameter admits: which calls count (a supervisor's scope); all by default.
    public static func compute(_ input: Input, from: Date, to: Date, by grouping: ReportGrouping, settings: QueueSettings = QueueSettings(),
                               calendar: ReportCalendar = ReportCalendar(), admits: (QueueCall, AgentDirectoryEntry?) -> Bool = { _, _ in true }) -> QueueReport {
        let repeats = repeatFlags(input.calls, windowSeconds: settings.repeatWindowSeconds)
        var byGroup: [String: QueueCounts] = [:]
        var total = QueueCounts()
        for (index, call) in input.calls.enumerated() where call.enteredAt >= from && call.enteredAt < to {
            let day = calendar.day(call.enteredAt)
            let agent = input.directory.entry(call.agent, on: day)
            guard admits(call, agent) else { continue }
            let consultation = input.consultations[call.callID]
            var counts = QueueCounts()
            counts.add(call, consultation: consultation, survey: input.surveys[call.callID], isRepeat: repeats[index], settings: settings)
            total += counts
            let key: String
            switch grouping {
            case .total: continue
            case .agent: key = agent?.agent ?? call.agent ?? "(none)"
            case .team: key = agent?.team ?? "(none)"
            case .department: key = consultation?.department ?? "(none)"
            case .category: key = consultation?.category ?? "(none)"
            case .queue: key = call.queue
            case .day, .week, .month, .hour: key = calendar.period(grouping, call.enteredAt)!
            }
            byGroup[key, default: QueueCounts()] += counts
        }
        return QueueReport(grouping: grouping, from: from, to: to, serviceLevelSeconds: settings.serviceLevelSeconds,
                           shortAbandonSeconds: settings.shortAbandonSeconds, repeatWindowDays: settings.repeatWindowSeconds / 86_400,
                           groups: byGroup.keys.sorted().map { QueueFigures(group: $0, counts: byGroup[$0]!, settings: settings) },
                           total: QueueFigures(group: "total", counts: total, settings: settings))
    }

    /// For each call, whether an earlier call with the same caller hash entered a queue within the window before it
    /// (0 < gap <= window). The same call entering two queues is one call, not a repeat.
    public static func repeatFlags(_ calls: [QueueCall], windowSeconds: Double) -> [Bool] {
        var flags = [Bool](repeating: false, count: calls.count)
        let indexed = calls.indices.filter { calls[$0].callerHash != nil }
            .sorted { (calls[$0].callerHash!, calls[$0].enteredAt) < (calls[$1].callerHash!, calls[$1].enteredAt) }
        var previous: (hash: String, at: Date, callID: String)?
        for i in indexed {
            let call = calls[i]
            if let p = previous, p.hash == call.callerHash!, p.callID != call.callID {
                let gap = call.enteredAt.timeIntervalSince(p.at)
                flags[i] = gap > 0 && gap <= windowSeconds
            }
            if previous?.callID != call.callID || previous?.hash != call.callerHash { previous = (call.callerHash!, call.enteredAt, call.callID) }
        }
        return flags
    }

    enum CodingKeys: String, CodingKey {
        case grouping = "by", from, to, serviceLevelSeconds = "service_level_s", shortAbandonSeconds = "short_abandon_s"
        case repeatWindowDays = "repeat_window_days", groups, total
    }
}

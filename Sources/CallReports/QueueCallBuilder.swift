import CallModel
import Foundation

/// Folds the queue-log events of calls into `QueueCall`s (one per call id and queue). Pure.
public enum QueueCallBuilder {
    /// - Parameter hashCaller: turns the ENTERQUEUE caller id into its keyed hash (nil for none).
    public static func build(_ events: [QueueLogEvent], hashCaller: (String) -> String?) -> [QueueCall] {
        var groups: [String: [QueueLogEvent]] = [:]
        var order: [String] = []
        for event in events {
            let key = event.callID + "\u{1}" + event.queue
            if groups[key] == nil { order.append(key) }
            groups[key, default: []].append(event)
        }
        return order.compactMap { fold(groups[$0]!, hashCaller: hashCaller) }
    }

    /// One call in one queue; nil when its ENTERQUEUE is missing (the log starts after the call entered).
    public static func fold(_ events: [QueueLogEvent], hashCaller: (String) -> String?) -> QueueCall? {
        let sorted = events.enumerated().sorted { ($0.element.epoch, $0.offset) < ($1.element.epoch, $1.offset) }.map(\.element)
        guard let enter = sorted.first(where: { $0.event == "ENTERQUEUE" }) else { return nil }
        var call = QueueCall(callID: enter.callID, queue: enter.queue, enteredAt: Date(timeIntervalSince1970: enter.epoch),
                             outcome: .waiting, waitSeconds: 0,
                             callerHash: enter.field(1).flatMap(hashCaller))
        func seconds(_ text: String?) -> Double? { text.flatMap(Double.init).flatMap { $0 >= 0 ? $0 : nil } }
        func elapsed(_ event: QueueLogEvent) -> Double { max(0, event.epoch - enter.epoch) }
        for event in sorted {
            switch event.event {
            case "CONNECT":
                call.outcome = .answered
                call.waitSeconds = seconds(event.field(0)) ?? elapsed(event)
                call.agent = event.agent.isEmpty || event.agent == "NONE" ? nil : event.agent
            case "COMPLETEAGENT", "COMPLETECALLER":
                call.talkSeconds = seconds(event.field(1))
                call.completedBy = event.event == "COMPLETEAGENT" ? "agent" : "caller"
            case "TRANSFER", "BLINDTRANSFER":
                call.talkSeconds = seconds(event.field(3))
                call.transferTarget = event.field(0) ?? "unknown"
            case "ATTENDEDTRANSFER":
                call.talkSeconds = seconds(event.field(3))
                call.transferTarget = event.field(1) ?? event.field(0) ?? "unknown"
            case "ABANDON", "EXITWITHTIMEOUT", "EXITEMPTY":
                guard call.outcome != .answered else { continue }
                call.outcome = event.event == "ABANDON" ? .abandoned : event.event == "EXITEMPTY" ? .empty : .timeout
                call.waitSeconds = seconds(event.field(2)) ?? elapsed(event)
            case "EXITWITHKEY":
                guard call.outcome != .answered else { continue }
                call.outcome = .key
                call.waitSeconds = seconds(event.field(3)) ?? elapsed(event)
            case "RINGNOANSWER":
                call.ringNoAnswer += 1
            default:
                continue
            }
        }
        if call.outcome == .waiting, let last = sorted.last { call.waitSeconds = elapsed(last) }
        return call
    }
}

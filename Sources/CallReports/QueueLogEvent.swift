import Foundation

/// One line of an Asterisk `queue_log` file: `epoch|callid|queue|agent|EVENT|data1|data2|...`.
public struct QueueLogEvent: Sendable, Equatable {
    public var epoch: Double
    public var callID: String
    public var queue: String
    public var agent: String
    public var event: String
    public var data: [String]
    /// 1-based line number in the file that was read.
    public var line: Int

    public init(epoch: Double, callID: String, queue: String, agent: String, event: String, data: [String], line: Int) {
        self.epoch = epoch
        self.callID = callID
        self.queue = queue
        self.agent = agent
        self.event = event
        self.data = data
        self.line = line
    }

    /// `data[i]` (0-based) or nil when absent or empty.
    public func field(_ i: Int) -> String? {
        i < data.count && !data[i].isEmpty ? data[i] : nil
    }

    /// The events that describe a caller's pass through a queue; the rest (QUEUESTART, AGENTLOGIN, ADDMEMBER,
    /// PAUSE, ...) are about agents and the queue itself and are skipped (counted, not errors).
    public static let callEvents: Set<String> = [
        "ENTERQUEUE", "CONNECT", "COMPLETEAGENT", "COMPLETECALLER", "ABANDON", "EXITWITHTIMEOUT", "EXITEMPTY",
        "EXITWITHKEY", "RINGNOANSWER", "TRANSFER", "BLINDTRANSFER", "ATTENDEDTRANSFER", "RINGCANCELED",
    ]

    public var isCallEvent: Bool { Self.callEvents.contains(event) && callID != "NONE" && !callID.isEmpty }
}

/// A line that could not be read, by number, with what was wrong (never the line itself: it may hold a number).
public struct BadLine: Codable, Sendable, Equatable, Error {
    public var line: Int
    public var reason: String

    public init(line: Int, reason: String) {
        self.line = line
        self.reason = reason
    }
}

/// Parses `queue_log` text. Pure: bytes in, events and bad lines out.
public enum QueueLogParser {
    public struct Result: Sendable {
        public var events: [QueueLogEvent] = []
        public var bad: [BadLine] = []
        /// Well-formed lines about agents or the queue, not a caller (QUEUESTART, AGENTLOGIN, PAUSE, ...).
        public var skipped = 0
    }

    /// Parses one line (without its newline); nil for a blank line.
    public static func parse(line text: Substring, number: Int) -> Swift.Result<QueueLogEvent, BadLine>? {
        let trimmed = text.hasSuffix("\r") ? text.dropLast() : text
        if trimmed.allSatisfy({ $0 == " " || $0 == "\t" }) { return nil }
        let fields = trimmed.split(separator: "|", omittingEmptySubsequences: false)
        guard fields.count >= 5 else {
            return .failure(BadLine(line: number, reason: "\(fields.count) field(s), expected at least 5 (epoch|callid|queue|agent|event)"))
        }
        guard let epoch = Double(fields[0]), epoch.isFinite, epoch >= 0 else {
            return .failure(BadLine(line: number, reason: "the time is not a Unix epoch"))
        }
        let event = String(fields[4])
        guard !event.isEmpty, event.allSatisfy({ $0.isUppercase || $0 == "_" || $0.isNumber }) else {
            return .failure(BadLine(line: number, reason: "no event name in the fifth field"))
        }
        return .success(QueueLogEvent(epoch: epoch, callID: String(fields[1]), queue: String(fields[2]), agent: String(fields[3]),
                                      event: event, data: fields.dropFirst(5).map(String.init), line: number))
    }

    /// Parses whole lines of `text`; `firstLine` is the number of its first line in the file.
    public static func parse(_ text: String, firstLine: Int = 1) -> Result {
        var result = Result()
        var number = firstLine - 1
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            number += 1
            switch parse(line: line, number: number) {
            case nil: continue
            case .failure(let bad): result.bad.append(bad)
            case .success(let event):
                if event.isCallEvent {
                    if event.event == "CONNECT" || event.event.hasPrefix("COMPLETE") || event.event.hasSuffix("TRANSFER"),
                       event.field(0).flatMap(Double.init) == nil {
                        result.bad.append(BadLine(line: number, reason: "\(event.event) without its hold time in data1"))
                    } else {
                        result.events.append(event)
                    }
                } else {
                    result.skipped += 1
                }
            }
        }
        return result
    }
}

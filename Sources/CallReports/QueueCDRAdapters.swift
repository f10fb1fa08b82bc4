import CallModel
import Foundation

/// Queue calls from CDRs: Asterisk `Master.csv` rows of calls never recorded (NO ANSWER, BUSY, FAILED), and
/// FreeSWITCH CDR JSON of mod_callcenter calls (`cc_queue_*` variables). Pure: text in, queue calls out.
public enum QueueCDRAdapters {
    /// Asterisk cdr-csv without a header: accountcode, src, dst, dcontext, clid, channel, dstchannel, lastapp,
    /// lastdata, start, answer, end, duration, billsec, disposition, amaflags[, uniqueid, userfield] (`loguniqueid`).
    /// ANSWERED rows are skipped (the recording and the queue log have them); NO ANSWER counts as abandoned, BUSY and
    /// FAILED as failed. The queue is the destination context; the wait is duration - billsec.
    public static func asteriskUnanswered(_ text: String, firstLine: Int = 1, zone: TimeZone = CenterTime.defaultZone,
                                          hashCaller: (String) -> String?) -> (calls: [QueueCall], bad: [BadLine], skipped: Int) {
        var calls: [QueueCall] = [], bad: [BadLine] = [], skipped = 0
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = zone
        formatter.dateFormat = "yyyy-MM-dd HH:mm:ss"
        var number = firstLine - 1
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            number += 1
            if line.allSatisfy({ $0 == " " || $0 == "\r" }) { continue }
            guard let f = RecordCSV.fields(line), f.count >= 15 else {
                bad.append(BadLine(line: number, reason: "not an Asterisk CDR row (at least 15 fields, disposition in the 15th)")); continue
            }
            let disposition = f[14].uppercased()
            let outcome: QueueCall.Outcome
            switch disposition {
            case "ANSWERED": skipped += 1; continue
            case "NO ANSWER": outcome = .abandoned
            case "BUSY", "FAILED", "CONGESTION": outcome = .failed
            default: bad.append(BadLine(line: number, reason: "unknown disposition")); continue
            }
            guard let start = formatter.date(from: f[9]), let duration = Double(f[12]), let billsec = Double(f[13]) else {
                bad.append(BadLine(line: number, reason: "start, duration or billsec unreadable")); continue
            }
            let id = f.count > 16 && !f[16].isEmpty ? f[16] : "\(Int(start.timeIntervalSince1970)).\(f[5])"
            calls.append(QueueCall(callID: id, queue: f[3].isEmpty ? f[2] : f[3], enteredAt: start, outcome: outcome,
                                   waitSeconds: max(0, duration - billsec), callerHash: hashCaller(f[1])))
        }
        return (calls, bad, skipped)
    }

    /// A FreeSWITCH CDR (JSON) of a mod_callcenter call; nil when it has no `cc_queue_joined_epoch` (not a queue
    /// call). Answered when `cc_queue_answered_epoch` is set; otherwise `cc_cancel_reason` says how the caller left
    /// (BREAK_OUT: abandoned, TIMEOUT: timeout, NO_AGENT_TIMEOUT: empty, EXIT_WITH_KEY: key).
    public static func freeswitchCallcenter(_ json: Data, hashCaller: (String) -> String?) throws -> QueueCall? {
        guard let root = try JSONSerialization.jsonObject(with: json) as? [String: Any] else {
            throw ReportError(.badFile, "the CDR is not a JSON object")
        }
        let v = root["variables"] as? [String: Any] ?? [:]
        func string(_ key: String) -> String? {
            (v[key] as? String).map { $0.removingPercentEncoding ?? $0 } ?? (v[key] as? NSNumber)?.stringValue
        }
        func epoch(_ key: String) -> Double? { string(key).flatMap(Double.init).flatMap { $0 > 0 ? $0 : nil } }
        guard let joined = epoch("cc_queue_joined_epoch") else { return nil }
        guard let id = string("uuid") ?? string("call_uuid") else { throw ReportError(.badFile, "a callcenter CDR without a uuid") }
        let queue = string("cc_queue") ?? "unknown"
        let caller = string("cc_member_cid_number") ?? string("caller_id_number")
        var call = QueueCall(callID: id, queue: queue, enteredAt: Date(timeIntervalSince1970: joined), outcome: .waiting, waitSeconds: 0,
                             callerHash: caller.flatMap(hashCaller))
        let terminated = epoch("cc_queue_terminated_epoch") ?? epoch("end_epoch")
        if let answered = epoch("cc_queue_answered_epoch") {
            call.outcome = .answered
            call.waitSeconds = max(0, answered - joined)
            call.agent = string("cc_agent")
            call.talkSeconds = terminated.map { max(0, $0 - answered) }
        } else {
            switch string("cc_cancel_reason")?.uppercased() {
            case "TIMEOUT": call.outcome = .timeout
            case "NO_AGENT_TIMEOUT": call.outcome = .empty
            case "EXIT_WITH_KEY": call.outcome = .key
            default: call.outcome = .abandoned
            }
            call.waitSeconds = terminated.map { max(0, $0 - joined) } ?? 0
        }
        return call
    }
}

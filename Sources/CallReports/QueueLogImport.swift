import CallCatalog
import CallModel
import Crypto
import Foundation

/// What an import did, for the command's output.
public struct ImportSummary: Codable, Sendable, Equatable {
    public var kind: String
    public var file: String
    public var firstLine: Int
    public var linesRead: Int
    public var added: Int
    public var callsUpdated: Int
    /// Well-formed lines that are not about a caller (queue log: QUEUESTART, AGENTLOGIN, ...).
    public var skipped: Int
    public var bad: [BadLine]
    /// The file changed before the point read last time: it was read again from the start.
    public var restarted: Bool

    public init(kind: String, file: String, firstLine: Int, linesRead: Int, added: Int, callsUpdated: Int, skipped: Int, bad: [BadLine], restarted: Bool) {
        self.kind = kind
        self.file = file
        self.firstLine = firstLine
        self.linesRead = linesRead
        self.added = added
        self.callsUpdated = callsUpdated
        self.skipped = skipped
        self.bad = bad
        self.restarted = restarted
    }

    enum CodingKeys: String, CodingKey {
        case kind, file, firstLine = "first_line", linesRead = "lines_read", added, callsUpdated = "calls_updated", skipped, bad, restarted
    }
}

/// Queue-log events to stored rows and back. The caller id of ENTERQUEUE is replaced by its keyed hash before
/// anything is stored; a row's id is a hash of the stored form, so the same line read twice is stored once.
public enum QueueLogImport {
    public static func records(_ events: [QueueLogEvent], hasher: CallerHasher) -> [QueueEventRecord] {
        events.map { e in
            var data = e.data
            if e.event == "ENTERQUEUE", data.count > 1 { data[1] = hasher.hash(data[1]) ?? "" }
            let joined = data.joined(separator: "|")
            let stored = "\(e.epoch)|\(e.callID)|\(e.queue)|\(e.agent)|\(e.event)|\(joined)"
            let digest = Array(SHA256.hash(data: Data(stored.utf8)).prefix(8))
            let id = digest.reduce(Int64(0)) { ($0 << 8) | Int64($1) } & Int64.max
            return QueueEventRecord(id: id, callID: e.callID, queue: e.queue, at: e.epoch, agent: e.agent, event: e.event, data: joined)
        }
    }

    /// Folds stored rows (already hashed) into queue calls.
    public static func fold(_ records: [QueueEventRecord]) -> [QueueCall] {
        let events = records.map {
            QueueLogEvent(epoch: $0.at, callID: $0.callID, queue: $0.queue, agent: $0.agent, event: $0.event,
                          data: $0.data.split(separator: "|", omittingEmptySubsequences: false).map(String.init), line: 0)
        }
        return QueueCallBuilder.build(events, hashCaller: { $0.isEmpty ? nil : $0 })
    }
}

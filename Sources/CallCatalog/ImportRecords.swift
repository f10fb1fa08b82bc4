import CallModel
import Foundation
import GRDB

/// Where an incremental import stopped reading a file: the file's identity, the bytes consumed (whole lines),
/// the SHA-256 of those bytes (a replaced or rotated file no longer matches), the lines read and the CSV header.
public struct ImportOffset: Codable, FetchableRecord, PersistableRecord, Sendable, Equatable {
    public static let databaseTableName = "import_source"
    public var kind: String
    public var path: String
    public var device: Int64
    public var inode: Int64
    public var byteOffset: Int64
    public var prefixSHA256: String
    public var lines: Int
    public var header: String?
    public var updatedAt: String

    public init(kind: String, path: String, device: Int64, inode: Int64, byteOffset: Int64, prefixSHA256: String, lines: Int,
                header: String?, updatedAt: Date) {
        self.kind = kind
        self.path = path
        self.device = device
        self.inode = inode
        self.byteOffset = byteOffset
        self.prefixSHA256 = prefixSHA256
        self.lines = lines
        self.header = header
        self.updatedAt = CatalogDates.string(updatedAt)
    }

    enum CodingKeys: String, CodingKey {
        case kind, path, device, inode, byteOffset = "byte_offset", prefixSHA256 = "prefix_sha256", lines, header
        case updatedAt = "updated_at"
    }
}

/// One queue-log event as stored: the caller id of ENTERQUEUE already replaced by its keyed hash.
public struct QueueEventRecord: Codable, FetchableRecord, PersistableRecord, Sendable, Equatable {
    public static let databaseTableName = "queue_event"
    public var id: Int64
    public var callID: String
    public var queue: String
    public var at: Double
    public var agent: String
    public var event: String
    /// data1|data2|...
    public var data: String

    public init(id: Int64, callID: String, queue: String, at: Double, agent: String, event: String, data: String) {
        self.id = id
        self.callID = callID
        self.queue = queue
        self.at = at
        self.agent = agent
        self.event = event
        self.data = data
    }

    enum CodingKeys: String, CodingKey { case id, callID = "call_id", queue, at, agent, event, data }
}

/// A folded queue call as stored (`QueueCall`).
struct QueueCallRecord: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "queue_call"
    var callID: String
    var queue: String
    var enteredAt: Double
    var outcome: String
    var waitS: Double
    var agent: String?
    var talkS: Double?
    var completedBy: String?
    var transferTarget: String?
    var ringNoAnswer: Int
    var callerHash: String?

    init(_ c: QueueCall) {
        callID = c.callID
        queue = c.queue
        enteredAt = c.enteredAt.timeIntervalSince1970
        outcome = c.outcome.rawValue
        waitS = c.waitSeconds
        agent = c.agent
        talkS = c.talkSeconds
        completedBy = c.completedBy
        transferTarget = c.transferTarget
        ringNoAnswer = c.ringNoAnswer
        callerHash = c.callerHash
    }

    var call: QueueCall {
        QueueCall(callID: callID, queue: queue, enteredAt: Date(timeIntervalSince1970: enteredAt),
                  outcome: QueueCall.Outcome(rawValue: outcome) ?? .waiting, waitSeconds: waitS, agent: agent, talkSeconds: talkS,
                  completedBy: completedBy, transferTarget: transferTarget, ringNoAnswer: ringNoAnswer, callerHash: callerHash)
    }

    enum CodingKeys: String, CodingKey {
        case callID = "call_id", queue, enteredAt = "entered_at", outcome, waitS = "wait_s", agent, talkS = "talk_s"
        case completedBy = "completed_by", transferTarget = "transfer_target", ringNoAnswer = "ring_no_answer"
        case callerHash = "caller_hash"
    }
}

struct ConsultationRecord: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "consultation"
    var callID: String
    var category: String?
    var department: String?
    var outcome: String

    init(_ c: Consultation) {
        callID = c.callID
        category = c.category
        department = c.department
        outcome = c.outcome.rawValue
    }

    var consultation: Consultation {
        Consultation(callID: callID, category: category, department: department, outcome: Consultation.Outcome(rawValue: outcome) ?? .direct)
    }

    enum CodingKeys: String, CodingKey { case callID = "call_id", category, department, outcome }
}

struct SurveyRecord: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "survey_result"
    var callID: String
    var score: Int

    enum CodingKeys: String, CodingKey { case callID = "call_id", score }
}

struct AgentDirectoryRecord: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "agent_directory"
    var recorderKey: String
    var recorderID: String
    var agent: String
    var displayName: String?
    var team: String?
    var department: String?
    var validFrom: String
    var validTo: String?

    var entry: AgentDirectoryEntry {
        AgentDirectoryEntry(agent: agent, recorderID: recorderID, displayName: displayName, team: team, department: department,
                            validFrom: validFrom, validTo: validTo)
    }

    enum CodingKeys: String, CodingKey {
        case recorderKey = "recorder_key", recorderID = "recorder_id", agent, displayName = "display_name", team, department
        case validFrom = "valid_from", validTo = "valid_to"
    }
}

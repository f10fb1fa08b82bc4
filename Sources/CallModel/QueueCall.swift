import Foundation

/// One caller's pass through an ACD queue, folded from the queue log (Asterisk `queue_log`, FreeSWITCH
/// mod_callcenter CDR variables, or a CDR row without a recording). Never carries the caller number: only its
/// keyed hash (HMAC under the catalog's secret), for counting repeat calls.
public struct QueueCall: Codable, Sendable, Equatable {
    /// How the caller left the queue.
    public enum Outcome: String, Codable, Sendable, CaseIterable {
        /// An agent answered (CONNECT).
        case answered
        /// The caller hung up while waiting (ABANDON; FreeSWITCH `cc_cancel_reason=BREAK_OUT`; CDR `NO ANSWER`).
        case abandoned
        /// The queue's timeout sent the caller on (EXITWITHTIMEOUT; FreeSWITCH TIMEOUT).
        case timeout
        /// The queue had no agent able to answer (EXITEMPTY; FreeSWITCH NO_AGENT_TIMEOUT).
        case empty
        /// The caller pressed a key to leave (EXITWITHKEY).
        case key
        /// The line was busy or the call failed before it reached the queue (CDR `BUSY`, `FAILED`).
        case failed
        /// The log ends before the call left the queue (a later import may finish it).
        case waiting
    }

    /// The PBX's id of the call (Asterisk uniqueid, FreeSWITCH uuid); joins recorded calls' `external_id`.
    public var callID: String
    public var queue: String
    public var enteredAt: Date
    public var outcome: Outcome
    /// Seconds from entering the queue to the answer (answered) or to leaving it (otherwise).
    public var waitSeconds: Double
    /// The agent as the ACD names it (`SIP/8007`, `Local/1001@agents`, ...), when one answered.
    public var agent: String?
    /// Seconds the agent and caller were connected (COMPLETEAGENT/COMPLETECALLER/TRANSFER calltime).
    public var talkSeconds: Double?
    /// Who hung up: `agent` or `caller` (COMPLETEAGENT / COMPLETECALLER).
    public var completedBy: String?
    /// Where the agent transferred the caller (extension, or the attended transfer's target), when transferred.
    public var transferTarget: String?
    /// Times agents let the call ring without answering (RINGNOANSWER).
    public var ringNoAnswer: Int
    /// HMAC-SHA256 (hex) of the caller number's digits under the catalog's secret; nil when the log has no number.
    public var callerHash: String?

    public init(callID: String, queue: String, enteredAt: Date, outcome: Outcome, waitSeconds: Double, agent: String? = nil,
                talkSeconds: Double? = nil, completedBy: String? = nil, transferTarget: String? = nil, ringNoAnswer: Int = 0,
                callerHash: String? = nil) {
        self.callID = callID
        self.queue = queue
        self.enteredAt = enteredAt
        self.outcome = outcome
        self.waitSeconds = waitSeconds
        self.agent = agent
        self.talkSeconds = talkSeconds
        self.completedBy = completedBy
        self.transferTarget = transferTarget
        self.ringNoAnswer = ringNoAnswer
        self.callerHash = callerHash
    }

    enum CodingKeys: String, CodingKey {
        case callID = "call_id", queue, enteredAt = "entered_at", outcome, waitSeconds = "wait_s", agent
        case talkSeconds = "talk_s", completedBy = "completed_by", transferTarget = "transfer_target"
        case ringNoAnswer = "ring_no_answer", callerHash = "caller_hash"
    }
}

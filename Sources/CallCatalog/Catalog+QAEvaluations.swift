import CallModel
import Foundation
import GRDB

/// An evaluation: a draft while the evaluator works, then submitted (immutable: a trigger refuses any change) with its
/// score and the rubric version it was made with. Answers and the score breakdown are JSON (CallReview's types).
public struct QAEvaluationRecord: Codable, Sendable, Equatable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "qa_evaluation"
    public enum Kind: String, Codable, Sendable { case queue, calibration, expert, amendment }
    public enum Status: String, Codable, Sendable { case draft, submitted }

    public var id: Int64?
    public var sampleID: Int64?
    public var callID: String
    public var agentID: String?
    public var team: String?
    public var evaluator: String
    public var rubricVersion: String
    public var kind: Kind
    public var status: Status
    public var answersJSON: String
    public var score: Double?
    public var scoreJSON: String?
    public var criticalFailures: Int
    public var fatalFailures: Int
    public var createdAt: String
    public var updatedAt: String
    public var submittedAt: String?
    public var calibrationID: Int64?
    public var amends: Int64?

    public init(sampleID: Int64?, callID: String, agentID: String?, team: String?, evaluator: String, rubricVersion: String,
                kind: Kind, status: Status, answersJSON: String, score: Double?, scoreJSON: String?, criticalFailures: Int,
                fatalFailures: Int, at: Date, calibrationID: Int64? = nil, amends: Int64? = nil) {
        self.sampleID = sampleID
        self.callID = callID
        self.agentID = agentID
        self.team = team
        self.evaluator = evaluator
        self.rubricVersion = rubricVersion
        self.kind = kind
        self.status = status
        self.answersJSON = answersJSON
        self.score = score
        self.scoreJSON = scoreJSON
        self.criticalFailures = criticalFailures
        self.fatalFailures = fatalFailures
        self.createdAt = CatalogDates.string(at)
        self.updatedAt = createdAt
        self.submittedAt = status == .submitted ? createdAt : nil
        self.calibrationID = calibrationID
        self.amends = amends
    }

    public var submitted: Date? { CatalogDates.date(submittedAt) }

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }

    enum CodingKeys: String, CodingKey {
        case id, sampleID = "sample_id", callID = "call_id", agentID = "agent_id", team, evaluator
        case rubricVersion = "rubric_version", kind, status, answersJSON = "answers_json", score, scoreJSON = "score_json"
        case criticalFailures = "critical_failures", fatalFailures = "fatal_failures", createdAt = "created_at"
        case updatedAt = "updated_at", submittedAt = "submitted_at", calibrationID = "calibration_id", amends
    }
}

/// One submitted answer, kept for the reports' item failure rates.
public struct QAItemResultRecord: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "qa_item_result"
    public var evaluationID: Int64
    public var itemID: String
    public var sectionID: String
    public var answer: String
    public var fraction: Double?
    public var failed: Bool
    public var severity: String

    public init(evaluationID: Int64 = 0, itemID: String, sectionID: String, answer: String, fraction: Double?, failed: Bool, severity: String) {
        self.evaluationID = evaluationID
        self.itemID = itemID
        self.sectionID = sectionID
        self.answer = answer
        self.fraction = fraction
        self.failed = failed
        self.severity = severity
    }

    enum CodingKeys: String, CodingKey {
        case evaluationID = "evaluation_id", itemID = "item_id", sectionID = "section_id", answer, fraction, failed, severity
    }
}

extension Catalog {
    /// Saves a queue evaluation for the call the evaluator holds: replaces their draft, or submits it (item results,
    /// the sample marked submitted, the lease ended) with its audit entry, in one transaction. Refused when the
    /// evaluator does not hold the call (`qa next` first) or already submitted it.
    @discardableResult
    public func saveQueueEvaluation(_ evaluation: QAEvaluationRecord, items: [QAItemResultRecord], audit: AuditDraft) throws -> QAEvaluationRecord {
        try write { db in
            guard var sample = try QASampleRecord.filter(Column("call_id") == evaluation.callID && Column("claimed_by") == evaluation.evaluator)
                .order(Column("id").desc).fetchOne(db) else {
                throw CatalogError(.conflict, "you have not claimed this call: `nokchwi qa next` hands out calls to score")
            }
            if sample.state == .submitted {
                throw CatalogError(.conflict, "you submitted this call's evaluation already; a submitted evaluation cannot change (a supervisor may dispute it)")
            }
            var record = evaluation
            record.sampleID = sample.id
            record.agentID = sample.agentID
            record.team = sample.team
            if let draft = try QAEvaluationRecord.filter(Column("sample_id") == sample.id && Column("evaluator") == evaluation.evaluator
                                                         && Column("status") == "draft").fetchOne(db) {
                record.id = draft.id
                record.createdAt = draft.createdAt
                try record.update(db)
            } else {
                try record.insert(db)
            }
            if record.status == .submitted {
                for var item in items {
                    item.evaluationID = record.id!
                    try item.insert(db)
                }
                sample.state = .submitted
                sample.leaseExpiresAt = nil
                try sample.update(db)
            }
            var draft = audit
            draft.detail["evaluation"] = "\(record.id!)"
            try appendAudit(draft, in: db)
            return record
        }
    }

    public func qaEvaluation(id: Int64) throws -> QAEvaluationRecord? {
        try read { db in try QAEvaluationRecord.fetchOne(db, key: id) }
    }

    /// Evaluations of a call, oldest first (drafts only the given evaluator's).
    public func qaEvaluations(callID: String, draftsOf evaluator: String? = nil) throws -> [QAEvaluationRecord] {
        try read { db in
            try QAEvaluationRecord.filter(Column("call_id") == callID
                                          && (Column("status") == "submitted" || Column("evaluator") == evaluator))
                .order(Column("id")).fetchAll(db)
        }
    }

    /// The rubric version bound to a call's sample (the plan's version when the call was sampled).
    public func qaItemResults(evaluationID: Int64) throws -> [QAItemResultRecord] {
        try read { db in try QAItemResultRecord.filter(Column("evaluation_id") == evaluationID).fetchAll(db) }
    }
}

import CallModel
import Foundation
import GRDB

/// A calibration session: one call scored blind by several evaluators and an expert (docs/qa.md, "Calibration").
public struct QACalibrationRecord: Codable, Sendable, Equatable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "qa_calibration"
    public var id: Int64?
    public var callID: String
    public var rubricVersion: String
    public var expert: String
    public var createdBy: String
    public var createdAt: String

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }

    enum CodingKeys: String, CodingKey {
        case id, callID = "call_id", rubricVersion = "rubric_version", expert, createdBy = "created_by", createdAt = "created_at"
    }
}

/// A session and who has submitted (never the answers: a session is blind until every participant submitted).
public struct QACalibrationStatus: Sendable, Equatable {
    public var session: QACalibrationRecord
    /// Every participant, the expert included, sorted.
    public var participants: [String]
    public var submitted: Set<String>
    /// When the last participant submitted (nil while the session is open).
    public var completedAt: String?

    public var complete: Bool { participants.allSatisfy(submitted.contains) }
    public var id: Int64 { session.id ?? 0 }
}

extension Catalog {
    /// The `assigned_by` of the assignments a calibration session makes (so its participants may open and play the call).
    public static let calibrationAssigner = "qa-calibration"

    /// Opens a calibration session on `callID` for `evaluators` and `expert` with a rubric version, in one transaction:
    /// the session, its participants, an assignment of the call to each of them, and the audit entries. Refused when
    /// the call or the version is unknown, a participant is not an active evaluator or qa-lead, the expert is also
    /// listed as an evaluator, or there is no evaluator.
    public func openQACalibration(callID: String, rubricVersion: String, expert: String, evaluators: [String], now: Date,
                                  actor: AuditActor) throws -> QACalibrationStatus {
        let evaluators = Array(Set(evaluators)).sorted()
        guard !evaluators.isEmpty else { throw CatalogError(.invalidValue, "a calibration session needs at least one evaluator besides the expert") }
        guard !evaluators.contains(expert) else {
            throw CatalogError(.invalidValue, "\(expert) is the expert; list them once, as --expert, not among the evaluators")
        }
        return try write { db in
            guard try Bool.fetchOne(db, sql: "SELECT 1 FROM call WHERE id = ?", arguments: [callID]) ?? false else {
                throw CatalogError(.notFound, "no call \(callID) in the catalog; check the id with `nokchwi calls list`")
            }
            guard try RubricVersionRecord.exists(db, key: rubricVersion) else {
                throw CatalogError(.notFound, "no rubric version \(rubricVersion); import it with `nokchwi rubrics import FILE`")
            }
            let participants = evaluators + [expert]
            let able = Set(try String.fetchAll(db, sql: """
                SELECT DISTINCT r.username FROM user_role r JOIN user_account u ON u.username = r.username
                WHERE r.role IN ('evaluator', 'qa-lead') AND u.disabled = 0 AND r.username IN (\(participants.map { _ in "?" }.joined(separator: ",")))
                """, arguments: StatementArguments(participants)))
            let unable = participants.filter { !able.contains($0) }
            guard unable.isEmpty else {
                throw CatalogError(.invalidValue, "not an active evaluator or qa-lead: \(unable.joined(separator: ", ")); only they score calls")
            }
            let nowText = CatalogDates.string(now)
            var session = QACalibrationRecord(callID: callID, rubricVersion: rubricVersion, expert: expert, createdBy: actor.account, createdAt: nowText)
            try session.insert(db)
            for name in participants {
                try db.execute(sql: "INSERT INTO qa_calibration_member (calibration_id, username) VALUES (?, ?)", arguments: [session.id, name])
                try db.execute(sql: "INSERT OR IGNORE INTO call_assignment (call_id, username, assigned_at, assigned_by) VALUES (?, ?, ?, ?)",
                               arguments: [callID, name, nowText, Catalog.calibrationAssigner])
                if db.changesCount > 0 {
                    try appendAudit(AuditDraft(at: now, account: actor.account, sourceAddress: actor.sourceAddress, action: .assignCall,
                                               callID: CallID(rawValue: callID), detail: ["username": name, "by": Catalog.calibrationAssigner]), in: db)
                }
            }
            try appendAudit(AuditDraft(at: now, account: actor.account, sourceAddress: actor.sourceAddress, action: .qaCalibrate,
                                       callID: CallID(rawValue: callID),
                                       detail: ["session": "\(session.id!)", "step": "open", "expert": expert,
                                                "evaluators": evaluators.joined(separator: ","), "rubric_version": rubricVersion]), in: db)
            return try Self.calibrationStatus(session, db)!
        }
    }

    /// Saves a participant's calibration evaluation: replaces their draft, or submits it (immutable, with its item
    /// results) with the audit entry, in one transaction. The kind is `expert` for the session's expert, else
    /// `calibration`; these never count in the agents' QA scores. Refused for a non-participant or a second submission.
    @discardableResult
    public func saveQACalibrationEvaluation(session id: Int64, _ evaluation: QAEvaluationRecord, items: [QAItemResultRecord],
                                            audit: AuditDraft) throws -> QAEvaluationRecord {
        try write { db in
            guard let session = try QACalibrationRecord.fetchOne(db, key: id) else {
                throw CatalogError(.notFound, "no calibration session \(id); `nokchwi qa calibrate list` shows yours")
            }
            guard try Bool.fetchOne(db, sql: "SELECT 1 FROM qa_calibration_member WHERE calibration_id = ? AND username = ?",
                                    arguments: [id, evaluation.evaluator]) ?? false else {
                throw CatalogError(.conflict, "you are not a participant of calibration session \(id)")
            }
            let mine = try QAEvaluationRecord.filter(Column("calibration_id") == id && Column("evaluator") == evaluation.evaluator).fetchAll(db)
            if mine.contains(where: { $0.status == .submitted }) {
                throw CatalogError(.conflict, "you submitted your evaluation for calibration session \(id) already; it cannot change")
            }
            var record = evaluation
            let call = try Row.fetchOne(db, sql: "SELECT agent_id, team FROM call WHERE id = ?", arguments: [session.callID])
            record.callID = session.callID
            record.agentID = call?["agent_id"]
            record.team = call?["team"]
            record.sampleID = nil
            record.calibrationID = id
            record.rubricVersion = session.rubricVersion
            record.kind = evaluation.evaluator == session.expert ? .expert : .calibration
            if let draft = mine.first {
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
            }
            var draft = audit
            draft.detail["evaluation"] = "\(record.id!)"
            draft.detail["session"] = "\(id)"
            try appendAudit(draft, in: db)
            return record
        }
    }

    /// One session's state, nil when unknown.
    public func qaCalibration(id: Int64) throws -> QACalibrationStatus? {
        try read { db in try QACalibrationRecord.fetchOne(db, key: id).flatMap { try Self.calibrationStatus($0, db) } }
    }

    /// Sessions, newest first: every session, or those `participant` takes part in.
    public func qaCalibrations(participant: String? = nil, limit: Int = 200) throws -> [QACalibrationStatus] {
        try read { db in
            let sessions = try participant.map {
                try QACalibrationRecord.fetchAll(db, sql: """
                    SELECT c.* FROM qa_calibration c JOIN qa_calibration_member m ON m.calibration_id = c.id
                    WHERE m.username = ? ORDER BY c.id DESC LIMIT ?
                    """, arguments: [$0, limit])
            } ?? QACalibrationRecord.order(Column("id").desc).limit(limit).fetchAll(db)
            return try sessions.compactMap { try Self.calibrationStatus($0, db) }
        }
    }

    /// The submitted evaluations of a session, in participant order. Callers show them only once the session is
    /// complete (blind scoring).
    public func qaCalibrationEvaluations(session id: Int64) throws -> [QAEvaluationRecord] {
        try read { db in
            try QAEvaluationRecord.filter(Column("calibration_id") == id && Column("status") == "submitted").order(Column("evaluator")).fetchAll(db)
        }
    }

    /// A participant's draft of a session, if any.
    public func qaCalibrationDraft(session id: Int64, evaluator: String) throws -> QAEvaluationRecord? {
        try read { db in
            try QAEvaluationRecord.filter(Column("calibration_id") == id && Column("evaluator") == evaluator && Column("status") == "draft").fetchOne(db)
        }
    }

    /// Sessions completed (last submission) in [from, to), with their submitted evaluations; optionally only sessions
    /// on calls of some teams (a supervisor's report).
    public func qaCompletedCalibrations(from: Date, to: Date, teams: Set<String>? = nil) throws -> [(QACalibrationStatus, [QAEvaluationRecord])] {
        try read { db in
            var teamSQL = ""
            var args: StatementArguments = []
            if let teams {
                teamSQL = teams.isEmpty ? " AND 0" : " AND c.call_id IN (SELECT id FROM call WHERE team IN (\(teams.map { _ in "?" }.joined(separator: ","))))"
                args = StatementArguments(teams.sorted())
            }
            let sessions = try QACalibrationRecord.fetchAll(db, sql: "SELECT c.* FROM qa_calibration c WHERE 1\(teamSQL) ORDER BY c.id", arguments: args)
            return try sessions.compactMap { session -> (QACalibrationStatus, [QAEvaluationRecord])? in
                guard let status = try Self.calibrationStatus(session, db), status.complete, let done = CatalogDates.date(status.completedAt),
                      done >= from, done < to else { return nil }
                let evaluations = try QAEvaluationRecord.filter(Column("calibration_id") == session.id && Column("status") == "submitted")
                    .order(Column("evaluator")).fetchAll(db)
                return (status, evaluations)
            }
        }
    }

    static func calibrationStatus(_ session: QACalibrationRecord, _ db: Database) throws -> QACalibrationStatus? {
        guard let id = session.id else { return nil }
        let participants = try String.fetchAll(db, sql: "SELECT username FROM qa_calibration_member WHERE calibration_id = ? ORDER BY username", arguments: [id])
        let rows = try Row.fetchAll(db, sql: "SELECT evaluator, submitted_at FROM qa_evaluation WHERE calibration_id = ? AND status = 'submitted'", arguments: [id])
        let submitted = Set(rows.map { $0["evaluator"] as String })
        let complete = participants.allSatisfy(submitted.contains)
        let last = rows.compactMap { $0["submitted_at"] as String? }.max()
        return QACalibrationStatus(session: session, participants: participants, submitted: submitted, completedAt: complete ? last : nil)
    }
}

import CallModel
import Foundation
import GRDB

/// The answer of `claimNextQASample`: the sample now leased to the evaluator.
public struct QAClaim: Sendable, Equatable {
    public var sample: QASampleRecord
    /// True when the evaluator already held this call (the lease was renewed, nothing new was handed out).
    public var resumed: Bool
    /// The evaluator whose lease had expired, when the call came back from them.
    public var takenFrom: String?
}

extension Catalog {
    /// The `assigned_by` of assignments the QA queue makes (removed again when the call is released or expires).
    public static let queueAssigner = "qa-queue"

    /// Claims the next sampled call for `evaluator` in one IMMEDIATE write transaction (SQLite's write lock makes two
    /// processes take different rows): first the evaluator's own unexpired claim (lease renewed), else a call whose
    /// lease expired, else the oldest queued call; never a call of `excludedTeams` nor one the evaluator submitted.
    /// Assigns the call to the evaluator (so they may open and play it) and appends the audit entries, all in the
    /// same transaction. Nil when the queue is empty for them.
    public func claimNextQASample(evaluator: String, excludedTeams: Set<String>, now: Date, lease: TimeInterval,
                                  actor: AuditActor) throws -> QAClaim? {
        try write { db in
            let nowText = CatalogDates.string(now), until = CatalogDates.string(now.addingTimeInterval(lease))
            if var own = try QASampleRecord.fetchOne(db, sql: """
                SELECT * FROM qa_sample WHERE claimed_by = ? AND state = 'claimed' AND lease_expires_at > ? ORDER BY id LIMIT 1
                """, arguments: [evaluator, nowText]) {
                own.leaseExpiresAt = until
                try own.update(db)
                return QAClaim(sample: own, resumed: true, takenFrom: nil)
            }
            let teamFilter = excludedTeams.isEmpty ? "" :
                " AND (team IS NULL OR team NOT IN (\(excludedTeams.map { _ in "?" }.joined(separator: ","))))"
            let teamArgs = StatementArguments(excludedTeams.sorted())
            let notMine = " AND NOT EXISTS (SELECT 1 FROM qa_evaluation e WHERE e.call_id = qa_sample.call_id AND e.evaluator = ? AND e.status = 'submitted')"
            var found = try QASampleRecord.fetchOne(db, sql: """
                SELECT * FROM qa_sample INDEXED BY qa_sample_lease WHERE state = 'claimed' AND lease_expires_at <= ?\(teamFilter)\(notMine)
                ORDER BY lease_expires_at LIMIT 1
                """, arguments: [nowText] + teamArgs + [evaluator])
            if found == nil {
                found = try QASampleRecord.fetchOne(db, sql: """
                    SELECT * FROM qa_sample INDEXED BY qa_sample_queue WHERE state = 'queued'\(teamFilter)\(notMine) ORDER BY id LIMIT 1
                    """, arguments: teamArgs + [evaluator])
            }
            guard var sample = found else { return nil }
            let previous = sample.claimedBy
            if let previous, previous != evaluator {
                try db.execute(sql: "DELETE FROM call_assignment WHERE call_id = ? AND username = ? AND assigned_by = ?",
                               arguments: [sample.callID, previous, Catalog.queueAssigner])
            }
            sample.state = .claimed
            sample.claimedBy = evaluator
            sample.leaseExpiresAt = until
            try sample.update(db)
            try db.execute(sql: """
                INSERT OR IGNORE INTO call_assignment (call_id, username, assigned_at, assigned_by) VALUES (?, ?, ?, ?)
                """, arguments: [sample.callID, evaluator, nowText, Catalog.queueAssigner])
            var detail = ["sample": "\(sample.id ?? 0)", "plan": sample.plan, "period": sample.period, "lease_until": until]
            if let previous, previous != evaluator { detail["lease_expired_for"] = previous }
            try appendAudit(AuditDraft(at: now, account: actor.account, sourceAddress: actor.sourceAddress, action: .qaClaim,
                                       callID: CallID(rawValue: sample.callID), detail: detail), in: db)
            try appendAudit(AuditDraft(at: now, account: actor.account, sourceAddress: actor.sourceAddress, action: .assignCall,
                                       callID: CallID(rawValue: sample.callID), detail: ["username": evaluator, "by": Catalog.queueAssigner]), in: db)
            return QAClaim(sample: sample, resumed: false, takenFrom: previous == evaluator ? nil : previous)
        }
    }

    /// Gives a claimed call back to the queue and removes the queue's assignment. False when the evaluator did not
    /// hold it.
    @discardableResult
    public func releaseQASample(callID: String, evaluator: String, now: Date, actor: AuditActor) throws -> Bool {
        try write { db in
            try db.execute(sql: """
                UPDATE qa_sample SET state = 'queued', claimed_by = NULL, lease_expires_at = NULL
                WHERE call_id = ? AND claimed_by = ? AND state = 'claimed'
                """, arguments: [callID, evaluator])
            guard db.changesCount > 0 else { return false }
            try db.execute(sql: "DELETE FROM call_assignment WHERE call_id = ? AND username = ? AND assigned_by = ?",
                           arguments: [callID, evaluator, Catalog.queueAssigner])
            try appendAudit(AuditDraft(at: now, account: actor.account, sourceAddress: actor.sourceAddress, action: .qaRelease,
                                       callID: CallID(rawValue: callID), detail: ["username": evaluator]), in: db)
            try appendAudit(AuditDraft(at: now, account: actor.account, sourceAddress: actor.sourceAddress, action: .unassignCall,
                                       callID: CallID(rawValue: callID), detail: ["username": evaluator, "by": Catalog.queueAssigner]), in: db)
            return true
        }
    }

    /// The sample `evaluator` holds for `callID` (state claimed, any lease), nil when they do not hold it.
    public func qaClaimedSample(callID: String, evaluator: String) throws -> QASampleRecord? {
        try read { db in
            try QASampleRecord.filter(Column("call_id") == callID && Column("claimed_by") == evaluator && Column("state") == "claimed")
                .fetchOne(db)
        }
    }

    /// Queue counts: queued, claimed (unexpired), expired leases, submitted.
    public func qaQueueCounts(now: Date) throws -> [String: Int] {
        try read { db in
            let nowText = CatalogDates.string(now)
            var counts: [String: Int] = ["queued": 0, "claimed": 0, "expired": 0, "submitted": 0]
            for row in try Row.fetchAll(db, sql: """
                SELECT CASE WHEN state = 'claimed' AND lease_expires_at <= ? THEN 'expired' ELSE state END AS s, COUNT(*) AS n
                FROM qa_sample GROUP BY s
                """, arguments: [nowText]) {
                counts[row["s"]] = row["n"]
            }
            return counts
        }
    }
}

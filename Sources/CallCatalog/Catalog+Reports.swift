import CallModel
import Foundation
import GRDB

extension Catalog {
    /// Stores consultation records (a record for a call already stored replaces it: the agent corrected it) and
    /// the file's read position, in one transaction.
    public func storeConsultations(_ records: [Consultation], offset: ImportOffset, audit: AuditDraft?) throws -> ImportStoreResult {
        try storeRecords(records.map(ConsultationRecord.init), offset: offset, audit: audit)
    }

    /// Stores survey answers (one per call; a later answer for the same call replaces it) and the read position.
    public func storeSurveys(_ records: [SurveyResult], offset: ImportOffset, audit: AuditDraft?) throws -> ImportStoreResult {
        try storeRecords(records.map { SurveyRecord(callID: $0.callID, score: $0.score) }, offset: offset, audit: audit)
    }

    private func storeRecords<R: PersistableRecord & FetchableRecord>(_ records: [R], offset: ImportOffset, audit: AuditDraft?) throws -> ImportStoreResult {
        try write { db in
            var added = 0
            for record in records {
                if try !record.exists(db) { added += 1 }
                try record.save(db)
            }
            try offset.save(db)
            if var audit, !records.isEmpty {
                audit.detail["added"] = String(added)
                audit.detail["records"] = String(records.count)
                try appendAudit(audit, in: db)
            }
            return ImportStoreResult(added: added, callsUpdated: 0)
        }
    }

    /// Analysed calls that started in [from, to) (all when nil), with their summary metrics; `agent` narrows to one
    /// agent id. Team and department are the call's own; the reports fill the gaps from the agent directory.
    public func talkSamples(from: Date?, to: Date?, agent: String? = nil) throws -> [TalkSample] {
        try read { db in
            var clauses = ["c.purged_at IS NULL"]
            var arguments: StatementArguments = []
            if let from { clauses.append("c.started_at >= ?"); arguments += [CatalogDates.string(from)] }
            if let to { clauses.append("c.started_at < ?"); arguments += [CatalogDates.string(to)] }
            if let agent { clauses.append("c.agent_id = ?"); arguments += [agent] }
            let cursor = try Row.fetchCursor(db, sql: """
                SELECT c.id, c.started_at, c.agent_id, c.team, c.department, c.category, c.duration_s,
                       m.agent_talk_s, m.caller_talk_s, m.hold_s, m.hold_count, m.non_talk_s, m.silence_count, m.dead_air_s,
                       m.dead_air_count, m.overtalk_s, m.agent_interruptions, m.caller_interruptions
                FROM call c JOIN call_metrics m ON m.call_id = c.id
                WHERE \(clauses.joined(separator: " AND "))
                """, arguments: arguments)
            var samples: [TalkSample] = []
            while let r = try cursor.next() {
                samples.append(TalkSample(
                    callID: r[0], startedAt: CatalogDates.date(r[1]), agent: r[2], team: r[3], department: r[4], category: r[5],
                    durationS: r[6], agentTalkS: r[7], callerTalkS: r[8], holdS: r[9], holdCount: r[10], nonTalkS: r[11],
                    silenceCount: r[12], deadAirS: r[13], deadAirCount: r[14], overtalkS: r[15], agentInterruptions: r[16],
                    callerInterruptions: r[17]))
            }
            return samples
        }
    }
}

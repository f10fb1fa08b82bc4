import CallModel
import Foundation
import GRDB

extension Catalog {
    /// Stores agent directory rows (`recorderKey`: the recorder id as the reports compare it), replacing a row with
    /// the same key and first day, in one transaction with its audit entry. Returns how many were new.
    public func storeAgentDirectory(_ entries: [(recorderKey: String, entry: AgentDirectoryEntry)], audit: AuditDraft?) throws -> Int {
        try write { db in
            var added = 0
            for (key, e) in entries {
                let record = AgentDirectoryRecord(recorderKey: key, recorderID: e.recorderID, agent: e.agent, displayName: e.displayName,
                                                  team: e.team, department: e.department, validFrom: e.validFrom, validTo: e.validTo)
                if try !record.exists(db) { added += 1 }
                try record.save(db)
            }
            if var audit {
                audit.detail["rows"] = String(entries.count)
                audit.detail["added"] = String(added)
                try appendAudit(audit, in: db)
            }
            return added
        }
    }

    public func agentDirectory() throws -> [AgentDirectoryEntry] {
        try read { db in try AgentDirectoryRecord.fetchAll(db, sql: "SELECT * FROM agent_directory ORDER BY agent, valid_from").map(\.entry) }
    }

    /// Stored calls with an agent id but no team, for the directory to fill: (call id, agent id, start).
    public func callsWithoutTeam() throws -> [(callID: CallID, agentID: String, startedAt: Date?)] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT id, agent_id, started_at FROM call WHERE team IS NULL AND agent_id IS NOT NULL AND purged_at IS NULL")
                .map { ($0[0], $0[1], CatalogDates.date($0[2])) }
        }
    }

    /// Gives stored calls the team (and department, when the metadata had none) the agent directory says the agent
    /// had on the call's date; each call changed gets its own audit entry (`agent-directory-team`), in the same
    /// transaction. Only calls whose team is still unset are changed. Returns the number changed.
    public func applyDirectoryTeams(_ assignments: [(callID: CallID, team: String, department: String?)], audit: AuditDraft) throws -> Int {
        try write { db in
            var changed = 0
            for a in assignments {
                try db.execute(sql: "UPDATE call SET team = ?, department = COALESCE(department, ?) WHERE id = ? AND team IS NULL",
                               arguments: [a.team, a.department, a.callID])
                guard db.changesCount > 0 else { continue }
                changed += 1
                var entry = audit
                entry.callID = a.callID
                entry.detail["team"] = a.team
                entry.detail["source"] = "agent-directory"
                try appendAudit(entry, in: db)
            }
            return changed
        }
    }
}

extension Catalog {
    /// The team and department the directory gives a call's agent on the call's local day, when the call has an
    /// agent and a start but no team (nil otherwise, or when the directory has no row for that day).
    static func directoryTeam(for record: CallRecord, zone: TimeZone, in db: Database) throws -> (team: String, department: String?)? {
        guard record.team == nil, let agent = record.agentID, let start = CatalogDates.date(record.startedAt) else { return nil }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let c = calendar.dateComponents([.year, .month, .day], from: start)
        let day = String(format: "%04d-%02d-%02d", c.year ?? 0, c.month ?? 0, c.day ?? 0)
        guard let row = try Row.fetchOne(db, sql: """
            SELECT team, department FROM agent_directory
            WHERE recorder_key = ? AND valid_from <= ? AND (valid_to IS NULL OR ? < valid_to) AND team IS NOT NULL
            ORDER BY valid_from DESC LIMIT 1
            """, arguments: [AgentDirectoryEntry.recorderKey(agent), day, day]) else { return nil }
        return (row["team"], row["department"])
    }
}

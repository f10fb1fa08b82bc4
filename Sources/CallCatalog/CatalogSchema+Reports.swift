import GRDB

extension CatalogSchema {
    /// "v-reports": the ACD's queue log (raw events and one folded row per call and queue), consultation records,
    /// survey answers, the agent directory, and the read positions of incremental imports. Caller numbers are never
    /// stored here: queue rows carry their keyed hash only (HMAC under keys/caller-hash.key).
    static func migrateReports(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE queue_event (
                id INTEGER PRIMARY KEY,  -- 63 bits of the SHA-256 of the stored line: a line read twice is stored once
                call_id TEXT NOT NULL,
                queue TEXT NOT NULL,
                at REAL NOT NULL,
                agent TEXT NOT NULL,
                event TEXT NOT NULL,
                data TEXT NOT NULL
            );
            CREATE INDEX queue_event_call ON queue_event(call_id);
            CREATE TABLE queue_call (
                call_id TEXT NOT NULL,
                queue TEXT NOT NULL,
                entered_at REAL NOT NULL,
                outcome TEXT NOT NULL,
                wait_s REAL NOT NULL,
                agent TEXT,
                talk_s REAL,
                completed_by TEXT,
                transfer_target TEXT,
                ring_no_answer INTEGER NOT NULL,
                caller_hash TEXT,
                PRIMARY KEY (call_id, queue)
            ) WITHOUT ROWID;
            CREATE INDEX queue_call_entered ON queue_call(entered_at);
            CREATE INDEX queue_call_caller ON queue_call(caller_hash, entered_at) WHERE caller_hash IS NOT NULL;
            CREATE TABLE consultation (
                call_id TEXT PRIMARY KEY NOT NULL,
                category TEXT,
                department TEXT,
                outcome TEXT NOT NULL CHECK (outcome IN ('direct', 'transferred', 'callback'))
            );
            CREATE TABLE survey_result (
                call_id TEXT PRIMARY KEY NOT NULL,
                score INTEGER NOT NULL CHECK (score BETWEEN 1 AND 5)
            );
            CREATE TABLE agent_directory (
                recorder_key TEXT NOT NULL,
                recorder_id TEXT NOT NULL,
                agent TEXT NOT NULL,
                display_name TEXT,
                team TEXT,
                department TEXT,
                valid_from TEXT NOT NULL,
                valid_to TEXT,
                PRIMARY KEY (recorder_key, valid_from)
            );
            CREATE INDEX agent_directory_agent ON agent_directory(agent);
            CREATE INDEX call_department ON call(department, started_at);
            CREATE INDEX call_category ON call(category, started_at);
            CREATE TABLE import_source (
                kind TEXT NOT NULL,
                path TEXT NOT NULL,
                device INTEGER NOT NULL,
                inode INTEGER NOT NULL,
                byte_offset INTEGER NOT NULL,
                prefix_sha256 TEXT NOT NULL,
                lines INTEGER NOT NULL,
                header TEXT,
                updated_at TEXT NOT NULL,
                PRIMARY KEY (kind, path)
            );
            """)
    }
}

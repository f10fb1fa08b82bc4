import GRDB

/// Schema migrations, run on every open. Append new migrations; never edit a shipped one.
enum CatalogSchema {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-calls") { db in
            try db.execute(sql: """
                CREATE TABLE pipeline_run (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    started_at TEXT NOT NULL,
                    finished_at TEXT,
                    pipeline_name TEXT NOT NULL,
                    pipeline_sha256 TEXT NOT NULL,
                    tool_version TEXT NOT NULL,
                    source_directory TEXT NOT NULL,
                    jobs INTEGER NOT NULL,
                    status TEXT NOT NULL,
                    archived INTEGER NOT NULL DEFAULT 0,
                    skipped INTEGER NOT NULL DEFAULT 0,
                    quarantined INTEGER NOT NULL DEFAULT 0,
                    failed INTEGER NOT NULL DEFAULT 0,
                    audio_seconds REAL NOT NULL DEFAULT 0,
                    archive_bytes INTEGER NOT NULL DEFAULT 0
                );
                CREATE TABLE call (
                    id TEXT PRIMARY KEY NOT NULL,
                    source_sha256 TEXT NOT NULL UNIQUE,
                    run_id INTEGER REFERENCES pipeline_run(id),
                    external_id TEXT,
                    started_at TEXT,
                    ended_at TEXT,
                    agent_id TEXT,
                    team TEXT,
                    department TEXT,
                    category TEXT,
                    tags TEXT NOT NULL,
                    direction TEXT NOT NULL,
                    caller_number TEXT,
                    reported_hold_s REAL,
                    metadata_format TEXT NOT NULL,
                    metadata_warnings TEXT NOT NULL,
                    metadata_files TEXT NOT NULL,
                    layout TEXT NOT NULL,
                    agent_channel INTEGER,
                    source_agent_channel INTEGER,
                    flags TEXT NOT NULL,
                    duration_s REAL NOT NULL,
                    ingested_at TEXT NOT NULL,
                    archive_path TEXT NOT NULL UNIQUE,
                    archive_sha256 TEXT NOT NULL,
                    archive_bytes INTEGER NOT NULL,
                    archive_rate INTEGER NOT NULL,
                    archive_channels INTEGER NOT NULL,
                    archive_frames INTEGER NOT NULL,
                    bitrate_per_channel INTEGER NOT NULL
                );
                CREATE INDEX call_started_at ON call(started_at);
                CREATE INDEX call_agent ON call(agent_id, started_at);
                CREATE INDEX call_team ON call(team, started_at);
                CREATE TABLE leg (
                    call_id TEXT NOT NULL REFERENCES call(id) ON DELETE CASCADE,
                    leg_index INTEGER NOT NULL,
                    party TEXT,
                    source_path TEXT NOT NULL,
                    source_sha256 TEXT NOT NULL,
                    source_bytes INTEGER NOT NULL,
                    container TEXT NOT NULL,
                    encoding TEXT NOT NULL,
                    sample_rate INTEGER NOT NULL,
                    channels INTEGER NOT NULL,
                    frames INTEGER NOT NULL,
                    PRIMARY KEY (call_id, leg_index)
                );
                CREATE INDEX leg_source ON leg(source_sha256);
                CREATE TABLE call_event (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    call_id TEXT NOT NULL REFERENCES call(id) ON DELETE CASCADE,
                    kind TEXT NOT NULL,
                    start_s REAL NOT NULL,
                    end_s REAL,
                    detail TEXT
                );
                CREATE INDEX call_event_call ON call_event(call_id);
                CREATE TABLE quarantine (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    path TEXT NOT NULL,
                    drop_folder TEXT NOT NULL,
                    source_sha256 TEXT NOT NULL,
                    bytes INTEGER NOT NULL,
                    reason_code TEXT NOT NULL,
                    reason TEXT NOT NULL,
                    detected_at TEXT NOT NULL,
                    run_id INTEGER REFERENCES pipeline_run(id),
                    UNIQUE (drop_folder, path, source_sha256, reason)
                );
                """)
        }
        migrator.registerMigration("v2-call-metrics") { db in
            // Per-call talk metrics: summary columns for reports, the whole analysis (segment timeline) as JSON
            // for the player. Committed in the same transaction as the call.
            try db.execute(sql: """
                CREATE TABLE call_metrics (
                    call_id TEXT PRIMARY KEY NOT NULL REFERENCES call(id) ON DELETE CASCADE,
                    analyzer_version TEXT NOT NULL,
                    mono INTEGER NOT NULL,
                    agent_talk_s REAL,
                    caller_talk_s REAL,
                    talk_s REAL NOT NULL,
                    agent_interruptions INTEGER,
                    caller_interruptions INTEGER,
                    overtalk_s REAL,
                    overtalk_count INTEGER,
                    silence_s REAL NOT NULL,
                    silence_count INTEGER NOT NULL,
                    dead_air_s REAL NOT NULL,
                    dead_air_count INTEGER NOT NULL,
                    hold_s REAL NOT NULL,
                    hold_count INTEGER NOT NULL,
                    non_talk_s REAL NOT NULL,
                    analysis_json TEXT NOT NULL
                );
                """)
        }
        migrator.registerMigration("v3-access-audit") { db in
            // Users, roles, teams, QA assignments, API tokens and the hash-chained audit trail.
            // Users are never deleted (audit entries name them), so their references do not cascade.
            // audit_entry has no foreign key at all: entries outlive the calls and users they mention. Triggers
            // refuse UPDATE, DELETE and any INSERT that is not the next link of the chain (INSERT OR REPLACE
            // would otherwise replace a row without firing a DELETE trigger); the chain (AuditChainHash) and the
            // signed checkpoints catch what gets past them.
            try db.execute(sql: """
                CREATE TABLE user_account (
                    username TEXT PRIMARY KEY NOT NULL,
                    password_hash TEXT,
                    disabled INTEGER NOT NULL DEFAULT 0,
                    created_at TEXT NOT NULL
                );
                CREATE TABLE user_role (
                    username TEXT NOT NULL REFERENCES user_account(username),
                    role TEXT NOT NULL CHECK (role IN ('evaluator', 'supervisor', 'archivist', 'admin')),
                    PRIMARY KEY (username, role)
                );
                CREATE TABLE user_team (
                    username TEXT NOT NULL REFERENCES user_account(username),
                    team TEXT NOT NULL,
                    PRIMARY KEY (username, team)
                );
                CREATE TABLE call_assignment (
                    call_id TEXT NOT NULL REFERENCES call(id) ON DELETE CASCADE,
                    username TEXT NOT NULL REFERENCES user_account(username),
                    assigned_at TEXT NOT NULL,
                    assigned_by TEXT NOT NULL,
                    PRIMARY KEY (call_id, username)
                );
                CREATE INDEX call_assignment_user ON call_assignment(username, assigned_at);
                CREATE TABLE api_token (
                    token_sha256 TEXT PRIMARY KEY NOT NULL,
                    username TEXT NOT NULL REFERENCES user_account(username),
                    created_at TEXT NOT NULL,
                    expires_at TEXT NOT NULL,
                    revoked INTEGER NOT NULL DEFAULT 0
                );
                CREATE INDEX api_token_user ON api_token(username);
                CREATE TABLE audit_entry (
                    seq INTEGER PRIMARY KEY,
                    at TEXT NOT NULL,
                    account TEXT NOT NULL,
                    source_address TEXT NOT NULL,
                    action TEXT NOT NULL,
                    call_id TEXT,
                    reason TEXT,
                    detail TEXT NOT NULL,
                    prev_hash TEXT NOT NULL,
                    hash TEXT NOT NULL
                );
                CREATE INDEX audit_entry_account ON audit_entry(account, seq);
                CREATE INDEX audit_entry_call ON audit_entry(call_id, seq);
                CREATE INDEX audit_entry_action ON audit_entry(action, seq);
                CREATE INDEX audit_entry_at ON audit_entry(at);
                CREATE TRIGGER audit_entry_append_only BEFORE INSERT ON audit_entry
                WHEN NEW.seq IS NOT (SELECT COALESCE(MAX(seq), 0) + 1 FROM audit_entry)
                  OR NEW.prev_hash IS NOT COALESCE((SELECT hash FROM audit_entry ORDER BY seq DESC LIMIT 1),
                                                   '0000000000000000000000000000000000000000000000000000000000000000')
                BEGIN SELECT RAISE(ABORT, 'audit entries are appended at the head of the chain only'); END;
                CREATE TRIGGER audit_entry_no_update BEFORE UPDATE ON audit_entry
                BEGIN SELECT RAISE(ABORT, 'audit entries are append-only'); END;
                CREATE TRIGGER audit_entry_no_delete BEFORE DELETE ON audit_entry
                BEGIN SELECT RAISE(ABORT, 'audit entries are append-only'); END;
                """)
        }
        migrator.registerMigration("v4-archive-keys") { db in
            // Envelope encryption: each archive's data key, wrapped by a key-encryption key kept outside the
            // database. The wrapped key lives only here (never in the file), so deleting its row crypto-shreds the
            // archive and every copy of it. No cascade: a call row outlives its key (purge keeps a tombstone).
            try db.execute(sql: """
                ALTER TABLE call ADD COLUMN archive_format TEXT NOT NULL DEFAULT 'ogg-opus';
                CREATE TABLE archive_key (
                    call_id TEXT PRIMARY KEY NOT NULL REFERENCES call(id),
                    kek_id TEXT NOT NULL,
                    wrapped_key BLOB NOT NULL,
                    file_id BLOB NOT NULL,
                    created_at TEXT NOT NULL,
                    rewrapped_at TEXT
                );
                CREATE INDEX archive_key_kek ON archive_key(kek_id);
                """)
        }
        migrator.registerMigration("v5-retention") { db in
            // Retention, legal holds and purge (crypto-shredding). A call row is never deleted: a purge erases its
            // personal fields and its wrapped data key, sets purged_at and writes a tombstone. purge_item tracks each
            // call's destruction through its states (PurgeItemState) so a killed purge resumes. Holds are never
            // deleted either, only released.
            try db.execute(sql: """
                ALTER TABLE call ADD COLUMN retention_class TEXT;
                ALTER TABLE call ADD COLUMN expires_at TEXT;
                ALTER TABLE call ADD COLUMN purged_at TEXT;
                CREATE INDEX call_expires_at ON call(expires_at);
                CREATE TABLE legal_hold (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    holder TEXT NOT NULL,
                    reason TEXT NOT NULL,
                    scope TEXT NOT NULL,
                    placed_by TEXT NOT NULL,
                    placed_at TEXT NOT NULL,
                    released_at TEXT,
                    released_by TEXT,
                    release_reason TEXT
                );
                CREATE TABLE legal_hold_call (
                    hold_id INTEGER NOT NULL REFERENCES legal_hold(id),
                    call_id TEXT NOT NULL REFERENCES call(id),
                    PRIMARY KEY (hold_id, call_id)
                );
                CREATE INDEX legal_hold_call_call ON legal_hold_call(call_id);
                CREATE TABLE purge_run (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    started_at TEXT NOT NULL,
                    finished_at TEXT,
                    as_of TEXT NOT NULL,
                    operator TEXT NOT NULL,
                    source_address TEXT NOT NULL,
                    status TEXT NOT NULL CHECK (status IN ('running', 'completed', 'incomplete')),
                    policy_sha256 TEXT NOT NULL,
                    policy_json TEXT,
                    certificate_json_path TEXT,
                    certificate_text_path TEXT
                );
                CREATE TABLE purge_item (
                    run_id INTEGER NOT NULL REFERENCES purge_run(id),
                    call_id TEXT NOT NULL REFERENCES call(id),
                    state TEXT NOT NULL
                        CHECK (state IN ('pending', 'file-deleting', 'key-erased', 'destroyed', 'skipped')),
                    skip_reason TEXT,
                    last_error TEXT,
                    updated_at TEXT NOT NULL,
                    PRIMARY KEY (run_id, call_id)
                );
                CREATE INDEX purge_item_call ON purge_item(call_id, state);
                CREATE TABLE tombstone (
                    call_id TEXT PRIMARY KEY NOT NULL REFERENCES call(id),
                    run_id INTEGER NOT NULL REFERENCES purge_run(id),
                    source_sha256 TEXT NOT NULL,
                    archive_sha256 TEXT NOT NULL,
                    archive_path TEXT NOT NULL,
                    archive_format TEXT NOT NULL,
                    archive_bytes INTEGER NOT NULL,
                    started_at TEXT,
                    ingested_at TEXT NOT NULL,
                    expires_at TEXT NOT NULL,
                    retention_class TEXT NOT NULL,
                    kek_id TEXT,
                    data_key_file_id TEXT,
                    key_erased INTEGER NOT NULL,
                    purged_at TEXT NOT NULL,
                    purged_by TEXT NOT NULL,
                    file_deleted_at TEXT,
                    policy_sha256 TEXT NOT NULL
                );
                CREATE INDEX tombstone_run ON tombstone(run_id);
                """)
        }
        migrator.registerMigration("v6-run-lock") { db in
            // The lock file a running ingest holds (`RunLock`): a later run that can take it marks the run interrupted.
            try db.execute(sql: "ALTER TABLE pipeline_run ADD COLUMN lock_name TEXT")
        }
        migrator.registerMigration("v-reports", migrate: migrateReports)
        registerQA(&migrator)
        migrator.registerMigration("v7-login-throttle") { db in
            // Failed sign-ins per account and per source address (`LoginThrottle`): a growing delay, then a lockout
            // that only an admin lifts.
            try db.execute(sql: """
                CREATE TABLE login_throttle (
                    key TEXT PRIMARY KEY,
                    failures INTEGER NOT NULL,
                    last_failure TEXT NOT NULL,
                    locked INTEGER NOT NULL DEFAULT 0
                )
                """)
        }
        registerQASummary(&migrator)
        registerSecurity(&migrator)
        registerHoldAudio(&migrator)
        registerSealedPersonal(&migrator)
        registerTalkSummary(&migrator)
        return migrator
    }
}

import GRDB

extension CatalogSchema {
    /// "v-qa": the QA tables (docs/qa.md) and the qa-lead role.
    /// - qa_rubric_version: each imported rubric file by content hash; evaluations name the version they used.
    /// - qa_sample: a call a sampling plan picked (once per plan), its state in the queue and the evaluator's lease.
    ///   A claim is one UPDATE in an IMMEDIATE transaction, so two processes never take the same row.
    /// - qa_evaluation: drafts and submitted evaluations (a trigger makes a submitted row immutable) with the score
    ///   and the rubric version; qa_item_result keeps each submitted answer for the reports' failure rates.
    /// - qa_dispute: a supervisor's dispute and its resolution (upheld or amended by another evaluator).
    /// - qa_calibration / qa_calibration_member: one call scored blind by several evaluators and an expert.
    static func registerQA(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v-qa") { db in
            try db.execute(sql: """
                CREATE TABLE user_role_qa (
                    username TEXT NOT NULL REFERENCES user_account(username),
                    role TEXT NOT NULL CHECK (role IN ('evaluator', 'supervisor', 'archivist', 'admin', 'qa-lead')),
                    PRIMARY KEY (username, role)
                );
                INSERT INTO user_role_qa (username, role) SELECT username, role FROM user_role;
                DROP TABLE user_role;
                ALTER TABLE user_role_qa RENAME TO user_role;
                CREATE TABLE qa_rubric_version (
                    id TEXT PRIMARY KEY NOT NULL,
                    rubric TEXT NOT NULL,
                    title TEXT NOT NULL,
                    source_file TEXT NOT NULL,
                    content TEXT NOT NULL,
                    imported_at TEXT NOT NULL,
                    imported_by TEXT NOT NULL
                );
                CREATE INDEX qa_rubric_version_rubric ON qa_rubric_version(rubric, imported_at);
                CREATE TABLE qa_sample (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    plan TEXT NOT NULL,
                    period TEXT NOT NULL,
                    call_id TEXT NOT NULL REFERENCES call(id),
                    agent_id TEXT NOT NULL,
                    team TEXT,
                    targeted INTEGER NOT NULL,
                    reason TEXT NOT NULL,
                    rubric_version TEXT NOT NULL REFERENCES qa_rubric_version(id),
                    sampled_at TEXT NOT NULL,
                    sampled_by TEXT NOT NULL,
                    state TEXT NOT NULL CHECK (state IN ('queued', 'claimed', 'submitted')),
                    claimed_by TEXT,
                    lease_expires_at TEXT,
                    UNIQUE (plan, call_id)
                );
                CREATE INDEX qa_sample_queue ON qa_sample(state, id);
                CREATE INDEX qa_sample_claimed ON qa_sample(claimed_by, state);
                CREATE INDEX qa_sample_lease ON qa_sample(state, lease_expires_at);
                CREATE INDEX qa_sample_period ON qa_sample(plan, period, agent_id);
                CREATE INDEX qa_sample_call ON qa_sample(call_id);
                CREATE TABLE qa_evaluation (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    sample_id INTEGER REFERENCES qa_sample(id),
                    call_id TEXT NOT NULL REFERENCES call(id),
                    agent_id TEXT,
                    team TEXT,
                    evaluator TEXT NOT NULL,
                    rubric_version TEXT NOT NULL REFERENCES qa_rubric_version(id),
                    kind TEXT NOT NULL CHECK (kind IN ('queue', 'calibration', 'expert', 'amendment')),
                    status TEXT NOT NULL CHECK (status IN ('draft', 'submitted')),
                    answers_json TEXT NOT NULL,
                    score REAL,
                    score_json TEXT,
                    critical_failures INTEGER NOT NULL DEFAULT 0,
                    fatal_failures INTEGER NOT NULL DEFAULT 0,
                    created_at TEXT NOT NULL,
                    updated_at TEXT NOT NULL,
                    submitted_at TEXT,
                    calibration_id INTEGER,
                    amends INTEGER REFERENCES qa_evaluation(id)
                );
                CREATE INDEX qa_evaluation_sample ON qa_evaluation(sample_id, evaluator);
                CREATE INDEX qa_evaluation_call ON qa_evaluation(call_id, evaluator);
                CREATE INDEX qa_evaluation_submitted ON qa_evaluation(status, submitted_at);
                CREATE INDEX qa_evaluation_calibration ON qa_evaluation(calibration_id);
                CREATE TRIGGER qa_evaluation_immutable BEFORE UPDATE ON qa_evaluation WHEN OLD.status = 'submitted'
                BEGIN SELECT RAISE(ABORT, 'a submitted evaluation is immutable'); END;
                CREATE TRIGGER qa_evaluation_kept BEFORE DELETE ON qa_evaluation WHEN OLD.status = 'submitted'
                BEGIN SELECT RAISE(ABORT, 'a submitted evaluation is kept'); END;
                CREATE TABLE qa_item_result (
                    evaluation_id INTEGER NOT NULL REFERENCES qa_evaluation(id),
                    item_id TEXT NOT NULL,
                    section_id TEXT NOT NULL,
                    answer TEXT NOT NULL,
                    fraction REAL,
                    failed INTEGER NOT NULL,
                    severity TEXT NOT NULL,
                    PRIMARY KEY (evaluation_id, item_id)
                );
                CREATE TABLE qa_dispute (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    evaluation_id INTEGER NOT NULL REFERENCES qa_evaluation(id),
                    raised_by TEXT NOT NULL,
                    raised_at TEXT NOT NULL,
                    reason TEXT NOT NULL,
                    resolver TEXT,
                    resolved_at TEXT,
                    outcome TEXT CHECK (outcome IN ('upheld', 'amended')),
                    resolution_note TEXT,
                    amended_evaluation_id INTEGER REFERENCES qa_evaluation(id)
                );
                CREATE INDEX qa_dispute_evaluation ON qa_dispute(evaluation_id);
                CREATE TABLE qa_calibration (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    call_id TEXT NOT NULL REFERENCES call(id),
                    rubric_version TEXT NOT NULL REFERENCES qa_rubric_version(id),
                    expert TEXT NOT NULL,
                    created_by TEXT NOT NULL,
                    created_at TEXT NOT NULL
                );
                CREATE TABLE qa_calibration_member (
                    calibration_id INTEGER NOT NULL REFERENCES qa_calibration(id),
                    username TEXT NOT NULL REFERENCES user_account(username),
                    PRIMARY KEY (calibration_id, username)
                );
                """)
        }
    }
}

import GRDB

extension CatalogSchema {
    /// The centre's month of a submission, as the summaries key it: Asia/Seoul (UTC+9 all year, no daylight saving).
    /// Reports in another zone read the evaluations themselves (`Catalog.qaReportAggregates`).
    static let qaSummaryOffsetSeconds = 9 * 3600

    /// "v-qa-summary": what a year's `report qa` reads instead of every evaluation and item result (docs/qa.md, "Speed").
    /// - qa_month_summary: per (month, team, agent, evaluator): evaluations, scored ones, the sum of their scores,
    ///   critical and fatal failures, of the submitted queue and amendment evaluations no amendment replaced.
    /// - qa_item_month_summary: per (month, team, item): answers, N/A and failures of the same evaluations.
    /// Kept by triggers in the transaction that submits, amends or disputes (a submission adds; a dispute resolved as
    /// amended takes the replaced evaluation out), and filled from the stored evaluations when the migration runs.
    static func registerQASummary(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v-qa-summary") { db in
            let month = "strftime('%Y-%m', e.submitted_at, '+\(qaSummaryOffsetSeconds) seconds')"
            let newMonth = "strftime('%Y-%m', NEW.submitted_at, '+\(qaSummaryOffsetSeconds) seconds')"
            try db.execute(sql: """
                CREATE TABLE qa_month_summary (
                    month TEXT NOT NULL,
                    team TEXT NOT NULL,
                    agent_id TEXT NOT NULL,
                    evaluator TEXT NOT NULL,
                    evaluations INTEGER NOT NULL,
                    scored INTEGER NOT NULL,
                    score_sum REAL NOT NULL,
                    critical_failures INTEGER NOT NULL,
                    fatal_failures INTEGER NOT NULL,
                    PRIMARY KEY (month, team, agent_id, evaluator)
                ) WITHOUT ROWID;
                CREATE TABLE qa_item_month_summary (
                    month TEXT NOT NULL,
                    team TEXT NOT NULL,
                    item_id TEXT NOT NULL,
                    section_id TEXT NOT NULL,
                    severity TEXT NOT NULL,
                    answered INTEGER NOT NULL,
                    not_applicable INTEGER NOT NULL,
                    failed INTEGER NOT NULL,
                    PRIMARY KEY (month, team, item_id, section_id, severity)
                ) WITHOUT ROWID;

                INSERT INTO qa_month_summary
                SELECT \(month), COALESCE(e.team, ''), COALESCE(e.agent_id, ''), e.evaluator, COUNT(*), COUNT(e.score), COALESCE(SUM(e.score), 0),
                       SUM(e.critical_failures), SUM(e.fatal_failures)
                FROM qa_evaluation e
                WHERE e.status = 'submitted' AND e.kind IN ('queue', 'amendment')
                  AND NOT EXISTS (SELECT 1 FROM qa_dispute d WHERE d.evaluation_id = e.id AND d.outcome = 'amended')
                GROUP BY 1, 2, 3, 4;
                INSERT INTO qa_item_month_summary
                SELECT \(month), COALESCE(e.team, ''), i.item_id, i.section_id, i.severity, COUNT(*), SUM(i.fraction IS NULL), SUM(i.failed)
                FROM qa_evaluation e JOIN qa_item_result i ON i.evaluation_id = e.id
                WHERE e.status = 'submitted' AND e.kind IN ('queue', 'amendment')
                  AND NOT EXISTS (SELECT 1 FROM qa_dispute d WHERE d.evaluation_id = e.id AND d.outcome = 'amended')
                GROUP BY 1, 2, 3, 4, 5;

                CREATE TRIGGER qa_summary_insert AFTER INSERT ON qa_evaluation
                WHEN NEW.status = 'submitted' AND NEW.kind IN ('queue', 'amendment')
                BEGIN
                    INSERT INTO qa_month_summary VALUES (\(newMonth), COALESCE(NEW.team, ''), COALESCE(NEW.agent_id, ''), NEW.evaluator, 1,
                        NEW.score IS NOT NULL, COALESCE(NEW.score, 0), NEW.critical_failures, NEW.fatal_failures)
                    ON CONFLICT DO UPDATE SET evaluations = evaluations + 1, scored = scored + excluded.scored,
                        score_sum = score_sum + excluded.score_sum, critical_failures = critical_failures + excluded.critical_failures,
                        fatal_failures = fatal_failures + excluded.fatal_failures;
                END;
                CREATE TRIGGER qa_summary_submit AFTER UPDATE OF status ON qa_evaluation
                WHEN OLD.status = 'draft' AND NEW.status = 'submitted' AND NEW.kind IN ('queue', 'amendment')
                BEGIN
                    INSERT INTO qa_month_summary VALUES (\(newMonth), COALESCE(NEW.team, ''), COALESCE(NEW.agent_id, ''), NEW.evaluator, 1,
                        NEW.score IS NOT NULL, COALESCE(NEW.score, 0), NEW.critical_failures, NEW.fatal_failures)
                    ON CONFLICT DO UPDATE SET evaluations = evaluations + 1, scored = scored + excluded.scored,
                        score_sum = score_sum + excluded.score_sum, critical_failures = critical_failures + excluded.critical_failures,
                        fatal_failures = fatal_failures + excluded.fatal_failures;
                END;
                CREATE TRIGGER qa_item_summary_insert AFTER INSERT ON qa_item_result
                BEGIN
                    INSERT INTO qa_item_month_summary
                    SELECT \(month), COALESCE(e.team, ''), NEW.item_id, NEW.section_id, NEW.severity, 1, NEW.fraction IS NULL, NEW.failed
                    FROM qa_evaluation e WHERE e.id = NEW.evaluation_id AND e.status = 'submitted' AND e.kind IN ('queue', 'amendment')
                    ON CONFLICT DO UPDATE SET answered = answered + 1, not_applicable = not_applicable + excluded.not_applicable,
                        failed = failed + excluded.failed;
                END;
                CREATE TRIGGER qa_summary_amended AFTER UPDATE OF outcome ON qa_dispute
                WHEN NEW.outcome = 'amended' AND OLD.outcome IS NOT 'amended'
                  AND NOT EXISTS (SELECT 1 FROM qa_dispute d WHERE d.evaluation_id = NEW.evaluation_id AND d.outcome = 'amended' AND d.id != NEW.id)
                BEGIN
                    UPDATE qa_month_summary SET evaluations = qa_month_summary.evaluations - 1,
                        scored = qa_month_summary.scored - (e.score IS NOT NULL), score_sum = qa_month_summary.score_sum - COALESCE(e.score, 0),
                        critical_failures = qa_month_summary.critical_failures - e.critical_failures,
                        fatal_failures = qa_month_summary.fatal_failures - e.fatal_failures
                    FROM (SELECT * FROM qa_evaluation WHERE id = NEW.evaluation_id AND status = 'submitted' AND kind IN ('queue', 'amendment')) AS e
                    WHERE qa_month_summary.month = \(month) AND qa_month_summary.team = COALESCE(e.team, '')
                      AND qa_month_summary.agent_id = COALESCE(e.agent_id, '') AND qa_month_summary.evaluator = e.evaluator;
                    UPDATE qa_item_month_summary SET answered = qa_item_month_summary.answered - 1,
                        not_applicable = qa_item_month_summary.not_applicable - (i.fraction IS NULL),
                        failed = qa_item_month_summary.failed - i.failed
                    FROM (SELECT * FROM qa_evaluation WHERE id = NEW.evaluation_id AND status = 'submitted' AND kind IN ('queue', 'amendment')) AS e
                    JOIN qa_item_result i ON i.evaluation_id = e.id
                    WHERE qa_item_month_summary.month = \(month) AND qa_item_month_summary.team = COALESCE(e.team, '')
                      AND qa_item_month_summary.item_id = i.item_id AND qa_item_month_summary.section_id = i.section_id
                      AND qa_item_month_summary.severity = i.severity;
                END;
                """)
        }
    }
}

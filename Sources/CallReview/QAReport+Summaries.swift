import CallCatalog
import CallModel
import Foundation

// The QA figures over the catalog, for the CLI and the web server alike (the rules stay in the pure files).

extension QAReport {
    /// `report qa` for submitted evaluations in [from, to) (the centre's midnights) of `teams` (nil: every team):
    /// whole months from the summary tables kept on write, partial months from the evaluations (`qaReportAggregates`),
    /// plus the calibration sessions completed in the range. `fromDay`/`toDay` label the range (yyyy-MM-dd).
    public static func compute(catalog: Catalog, from: Date, to: Date, fromDay: String, toDay: String, teams: Set<String>?,
                               zone: TimeZone, by grouping: Grouping) throws -> QAReport {
        let aggregates = try catalog.qaReportAggregates(from: from, to: to, teams: teams, monthOffsetSeconds: zone.secondsFromGMT(for: from))
        let rows = aggregates.evaluations.map {
            QAReportEvaluation(agentID: $0.agentID ?? "(unknown)", team: $0.team ?? "(none)", evaluator: $0.evaluator, evaluations: $0.evaluations,
                               scored: $0.scored, scoreSum: $0.scoreSum, criticalFailures: $0.criticalFailures, fatalFailures: $0.fatalFailures,
                               month: $0.month)
        }
        let items = aggregates.items.map {
            QAReportItemCount(itemID: $0.itemID, sectionID: $0.sectionID, severity: $0.severity, answered: $0.answered,
                              notApplicable: $0.notApplicable, failed: $0.failed)
        }
        let calibration = try catalog.qaCompletedCalibrations(from: from, to: to, teams: teams).map { status, evaluations in
            try CalibrationSessionInput.load(catalog: catalog, status, evaluations: evaluations)
        }
        return build(rows, items: items, by: grouping, from: fromDay, to: toDay, calibration: calibration)
    }
}

extension CalibrationSessionInput {
    /// A complete session as stored: its rubric version parsed, each submitted evaluation's answers decoded.
    public static func load(catalog: Catalog, _ status: QACalibrationStatus, evaluations: [QAEvaluationRecord]) throws -> CalibrationSessionInput {
        guard let version = try catalog.rubricVersion(status.session.rubricVersion) else {
            throw ReviewError(.invalidData, "the rubric version \(status.session.rubricVersion) of calibration session \(status.id) is missing from the catalog")
        }
        return try decode(id: status.id, callID: status.session.callID, rubricContent: version.content, rubricFile: version.sourceFile,
                          expert: status.session.expert, evaluations: evaluations.map { ($0.evaluator, $0.answersJSON, $0.score) })
    }
}

extension CalibrationAnalysis {
    /// A session's state and, once every participant submitted, its figures (nil while open: scoring is blind).
    /// Nil when there is no such session. The caller checks who may see it (a participant or `run-calibration`).
    public static func session(catalog: Catalog, id: Int64) throws -> (status: QACalibrationStatus, figures: CalibrationFigures?)? {
        guard let status = try catalog.qaCalibration(id: id) else { return nil }
        guard status.complete else { return (status, nil) }
        let input = try CalibrationSessionInput.load(catalog: catalog, status, evaluations: catalog.qaCalibrationEvaluations(session: id))
        return (status, figures([input]))
    }

    /// Scores `answers` with the session's rubric version and saves them as the participant's draft, or submits them
    /// (immutable; `qa-draft` / `qa-submit` audit entries), in one transaction. Throws `ReviewError(.invalidAnswers)`
    /// with every problem for answers the rubric refuses, `CatalogError` for a non-participant or a second submission.
    @discardableResult
    public static func save(catalog: Catalog, session id: Int64, answers: EvaluationAnswers, evaluator: String, submit: Bool,
                            now: Date, actor: AuditActor) throws -> (record: QAEvaluationRecord, score: EvaluationScore) {
        guard let status = try catalog.qaCalibration(id: id) else {
            throw CatalogError(.notFound, "no calibration session \(id); `nokchwi qa calibrate list` shows yours")
        }
        guard let version = try catalog.rubricVersion(status.session.rubricVersion) else {
            throw ReviewError(.invalidData, "the rubric version \(status.session.rubricVersion) of calibration session \(id) is missing from the catalog")
        }
        let rubric = try RubricLoader.load(version.content, file: version.sourceFile)
        let problems = AnswerLoader.check(answers, rubric: rubric, complete: submit, file: "answers")
        guard problems.isEmpty else { throw ReviewError(.invalidAnswers, "the answers have \(problems.count) problem(s); nothing was saved", problems: problems) }
        let (record, items, score) = EvaluationScorer.records(answers, rubric: rubric, versionID: version.id, callID: status.session.callID,
                                                              evaluator: evaluator, kind: .calibration, submit: submit, at: now)
        let saved = try catalog.saveQACalibrationEvaluation(session: id, record, items: items, audit: actor.draft(
            submit ? .qaSubmit : .qaDraft, at: now, callID: CallID(rawValue: status.session.callID),
            detail: ["rubric_version": version.id, "purpose": "calibration"]))
        return (saved, score)
    }
}

extension EvaluationScorer {
    /// The evaluation row, its item results and its score for checked answers (the catalog fills in the sample, agent
    /// and team when it stores them).
    public static func records(_ answers: EvaluationAnswers, rubric: Rubric, versionID: String, callID: String, evaluator: String,
                               kind: QAEvaluationRecord.Kind, submit: Bool, at now: Date)
        -> (QAEvaluationRecord, [QAItemResultRecord], EvaluationScore) {
        let score = score(answers, rubric: rubric)
        func json<T: Encodable>(_ value: T) -> String {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            return (try? String(decoding: encoder.encode(value), as: UTF8.self)) ?? "null"
        }
        let record = QAEvaluationRecord(
            sampleID: nil, callID: callID, agentID: nil, team: nil, evaluator: evaluator, rubricVersion: versionID, kind: kind,
            status: submit ? .submitted : .draft, answersJSON: json(answers), score: score.score, scoreJSON: json(score),
            criticalFailures: score.criticalFailures.count, fatalFailures: score.fatalFailures.count, at: now)
        let items = scoredItems(answers, rubric: rubric).map {
            QAItemResultRecord(itemID: $0.itemID, sectionID: $0.sectionID, answer: $0.answer, fraction: $0.fraction, failed: $0.failed,
                               severity: $0.severity.rawValue)
        }
        return (record, items, score)
    }
}

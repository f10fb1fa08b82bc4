import CallAccess
import CallCatalog
import CallModel
import Foundation

/// The evaluator's steps over the catalog, shared by the CLI (`qa next`, `qa template`, `qa score`) and the web
/// server: claim the next sampled call, open the rubric bound to a claimed call, save a draft or submit. Every step
/// is authorised by the access guard and audited; the scoring rules are `EvaluationScorer`'s.
public struct ReviewDesk: Sendable {
    public let catalog: Catalog
    public let guardian: AccessGuard
    public let clock: any WallClock

    public init(catalog: Catalog, guardian: AccessGuard, clock: any WallClock = SystemWallClock()) {
        self.catalog = catalog
        self.guardian = guardian
        self.clock = clock
    }

    /// A claimed call with the rubric version it is scored with.
    public struct Work: Sendable {
        public let sample: QASampleRecord
        public let version: RubricVersionRecord
        public let rubric: Rubric
        /// The evaluator's latest draft of this call, if any.
        public let draft: EvaluationAnswers?
    }

    /// Answers from a form (item id → answer text as in answer files: yes, no, na, a number or a choice id), checked
    /// against the rubric.
    public static func formAnswers(_ fields: [String: String], comments: [String: String] = [:], times: [String: Double] = [:],
                                   comment: String?, rubric: Rubric, complete: Bool) throws -> EvaluationAnswers {
        var answers = EvaluationAnswers(comment: comment?.isEmpty == false ? comment : nil)
        var problems: [ReviewProblem] = []
        for item in rubric.items {
            guard let text = fields[item.id], !text.isEmpty else { continue }
            let value: AnswerValue
            switch text {
            case "yes": value = .yes
            case "no": value = .no
            case "na": value = .notApplicable
            default: value = Int(text).map(AnswerValue.scale) ?? .choice(text)
            }
            let note = comments[item.id].flatMap { $0.isEmpty ? nil : $0 }
            answers.answers[item.id] = ItemAnswer(value, comment: note, at: note == nil ? nil : times[item.id])
        }
        problems += AnswerLoader.check(answers, rubric: rubric, complete: complete, file: "form")
        guard problems.isEmpty else { throw ReviewError(.invalidAnswers, "the form has \(problems.count) problem(s)", problems: problems) }
        return answers
    }

    /// A saved draft or a submitted evaluation.
    public struct Saved: Sendable {
        public let record: QAEvaluationRecord
        public let rubric: Rubric
        public let score: EvaluationScore
    }

    /// Claims the next sampled call for the session's evaluator (or renews the lease of the one they hold).
    public func claimNext(_ session: Session, configuration: QAConfiguration, leaseMinutes: Int? = nil) throws -> QAClaim? {
        try guardian.authorize(session, .claimCalls)
        let user = session.user
        let actor = AuditActor(account: user.username, sourceAddress: session.sourceAddress)
        return try catalog.claimNextQASample(
            evaluator: user.username, excludedTeams: configuration.excludeOwnTeam ? user.teams : [], now: clock.now(),
            lease: TimeInterval((leaseMinutes ?? configuration.leaseMinutes) * 60), actor: actor)
    }

    /// The calls the session's evaluator holds now (claimed, lease not expired).
    public func claimed(_ session: Session) throws -> [QASampleRecord] {
        try guardian.authorize(session, .claimCalls)
        return try catalog.qaClaimedSamples(evaluator: session.username, now: clock.now())
    }

    /// The rubric bound to a call the session holds, with their draft. Throws `ReviewError(.invalidAnswers)` when the
    /// call is not theirs to score.
    public func work(_ session: Session, callID: CallID) throws -> Work {
        try guardian.authorize(session, .scoreCall, callID: callID)
        guard let sample = try catalog.qaClaimedSample(callID: callID.rawValue, evaluator: session.username) else {
            throw ReviewError(.invalidAnswers, "you have not claimed call \(callID) (or submitted it already): `nokchwi qa next` hands out calls to score")
        }
        let version = try rubricVersion(sample.rubricVersion, callID: callID)
        let rubric = try RubricLoader.load(version.content, file: version.sourceFile)
        let draft = try catalog.qaEvaluations(callID: callID.rawValue, draftsOf: session.username)
            .last { $0.status == .draft }
            .flatMap { try? JSONDecoder().decode(EvaluationAnswers.self, from: Data($0.answersJSON.utf8)) }
        return Work(sample: sample, version: version, rubric: rubric, draft: draft)
    }

    /// Saves answers as a draft, or submits them (every item answered; the evaluation can no longer change).
    /// `answers` reads them against the call's rubric (an answer file, a web form) and throws `ReviewError` with its
    /// problems; they are reported together with the claim's. `file` names the source in problem reports.
    public func save(_ session: Session, callID: CallID, submit: Bool, file: String,
                     answers read: (Rubric) throws -> EvaluationAnswers) throws -> Saved {
        try guardian.authorize(session, .scoreCall, callID: callID)
        let evaluator = session.username
        var problems: [ReviewProblem] = []
        let sample = try catalog.qaClaimedSample(callID: callID.rawValue, evaluator: evaluator)
        if sample == nil {
            problems.append(ReviewProblem(file: file, line: nil, key: "call", message: "you have not claimed call \(callID) (or submitted it already): `nokchwi qa next` hands out calls to score"))
        }
        guard let versionID = try sample?.rubricVersion ?? catalog.qaSample(callID: callID.rawValue)?.rubricVersion,
              let version = try catalog.rubricVersion(versionID) else {
            throw ReviewError(.invalidAnswers, "call \(callID) is not in the QA queue; nothing was saved", problems: problems)
        }
        let rubric = try RubricLoader.load(version.content, file: version.sourceFile)
        var parsed: EvaluationAnswers?
        do { parsed = try read(rubric) } catch let error as ReviewError { problems += error.problems }
        guard let answers = parsed, problems.isEmpty else {
            throw ReviewError(.invalidAnswers, "the answers for call \(callID) have \(problems.count) problem(s); nothing was saved", problems: problems)
        }
        let score = EvaluationScorer.score(answers, rubric: rubric)
        let now = clock.now()
        let record = QAEvaluationRecord(
            sampleID: sample?.id, callID: callID.rawValue, agentID: sample?.agentID, team: sample?.team, evaluator: evaluator,
            rubricVersion: version.id, kind: .queue, status: submit ? .submitted : .draft, answersJSON: Self.json(answers),
            score: score.score, scoreJSON: Self.json(score), criticalFailures: score.criticalFailures.count,
            fatalFailures: score.fatalFailures.count, at: now)
        let failed = Set(score.failedItems)
        let items = rubric.sections.flatMap { section in
            section.items.compactMap { item -> QAItemResultRecord? in
                guard let answer = answers.answers[item.id] else { return nil }
                return QAItemResultRecord(itemID: item.id, sectionID: section.id, answer: answer.value.description,
                                          fraction: EvaluationScorer.fraction(answer.value, item), failed: failed.contains(item.id),
                                          severity: item.severity.rawValue)
            }
        }
        let actor = AuditActor(account: evaluator, sourceAddress: session.sourceAddress)
        let saved = try catalog.saveQueueEvaluation(record, items: items, audit: actor.draft(
            submit ? .qaSubmit : .qaDraft, at: now, callID: callID,
            detail: ["rubric_version": version.id, "score": score.score.map { String(format: "%.2f", $0) } ?? "n/a",
                     "critical_failures": "\(score.criticalFailures.count)", "fatal_failures": "\(score.fatalFailures.count)"]))
        return Saved(record: saved, rubric: rubric, score: score)
    }

    private func rubricVersion(_ id: String, callID: CallID) throws -> RubricVersionRecord {
        guard let version = try catalog.rubricVersion(id) else {
            throw ReviewError(.invalidData, "the rubric version \(id) bound to call \(callID) is missing from the catalog")
        }
        return version
    }

    /// Sorted-key JSON, as the catalog stores answers and scores.
    public static func json<T: Encodable>(_ value: T) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return (try? String(decoding: encoder.encode(value), as: UTF8.self)) ?? "null"
    }
}

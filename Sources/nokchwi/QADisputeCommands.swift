import CallAccess
import ArgumentParser
import CallCatalog
import CallModel
import CallReview
import Foundation

/// `nokchwi qa evaluations --call ID`: a call's submitted evaluations (and your drafts) with their disputes.
struct QAEvaluationsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "evaluations", abstract: "List a call's evaluations and their disputes.")
    @Option(help: "Call id.") var call: String
    @OptionGroup var global: GlobalOptions

    func run() async throws {
        let access = try CommandAccess.signIn(global)
        defer { access.finish() }
        try access.authorize(.viewCallMetadata, callID: CallID(rawValue: call), record: .viewCall, detail: ["purpose": "qa-evaluations"])
        let evaluations = try access.catalog.qaEvaluations(callID: call, draftsOf: access.session.username)
        let disputes = try access.catalog.qaDisputes(evaluationIDs: evaluations.compactMap(\.id))
        let views = evaluations.map { e in
            QAEvaluationListView(id: e.id ?? 0, evaluator: e.evaluator, kind: e.kind.rawValue, status: e.status.rawValue, score: e.score,
                                 rubricVersion: e.rubricVersion, submittedAt: e.submittedAt, amends: e.amends,
                                 disputes: disputes.filter { $0.evaluationID == e.id })
        }
        if global.json { return try Output.json(views) }
        Output.table(["ID", "EVALUATOR", "KIND", "STATUS", "SCORE", "SUBMITTED", "DISPUTES"], views.map { v in
            [String(v.id), v.evaluator, v.kind + (v.amends.map { " of \($0)" } ?? ""), v.status, v.score.map { String(format: "%.2f", $0) } ?? "-",
             CatalogDateText.minute(v.submittedAt),
             v.disputes.map { "#\($0.id ?? 0) \($0.outcome?.rawValue ?? "open")" }.joined(separator: ", ")]
        })
    }
}

struct QAEvaluationListView: Encodable {
    var id: Int64
    var evaluator: String
    var kind: String
    var status: String
    var score: Double?
    var rubricVersion: String
    var submittedAt: String?
    var amends: Int64?
    var disputes: [QADisputeRecord]

    enum CodingKeys: String, CodingKey {
        case id, evaluator, kind, status, score, rubricVersion = "rubric_version", submittedAt = "submitted_at", amends, disputes
    }
}

/// `nokchwi qa dispute EVALUATION --reason TEXT`: a supervisor disputes an evaluation of their team.
struct QADisputeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dispute", abstract: "Dispute a submitted evaluation of your team (within qa.dispute_window_days, at most qa.max_disputes).")
    @Argument(help: "Evaluation id (`qa evaluations --call ID`).") var evaluation: Int64
    @Option(help: "Why the evaluation is wrong (recorded in the audit trail).") var reason: String
    @Option(help: "Pipeline definition with the qa: section (default Pipelines/default.yaml).") var pipeline: String?
    @OptionGroup var global: GlobalOptions

    func run() async throws {
        let config: QAConfiguration
        do { config = try QASupport.configuration(pipeline: pipeline) } catch let e as ReviewError { try QASupport.refuse(e, json: global.json) }
        let access = try CommandAccess.signIn(global)
        defer { access.finish() }
        let dispute: QADisputeRecord
        do {
            dispute = try access.explainingRefusal(.disputeEvaluation) {
                try ReviewDesk(catalog: access.catalog, guardian: access.guardian)
                    .dispute(access.session, evaluationID: evaluation, reason: reason, configuration: config)
            }
        } catch let error as AccessError where error.code == .notFound {
            throw CLIError(error.message)
        }
        let disputed = try access.catalog.qaEvaluation(id: evaluation)
        let target = (callID: disputed?.callID ?? "?", evaluator: disputed?.evaluator ?? "?")
        if global.json { return try Output.json(dispute) }
        Output.line("dispute \(dispute.id ?? 0) opened on evaluation \(evaluation) (call \(target.callID)); an evaluator other than \(target.evaluator) resolves it with `nokchwi qa resolve \(dispute.id ?? 0)`")
    }
}

/// `nokchwi qa resolve DISPUTE --uphold | --amend FILE`: another evaluator resolves a dispute.
struct QAResolveCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "resolve", abstract: "Resolve a dispute: uphold the evaluation, or amend it with a new answer file.")
    @Argument(help: "Dispute id.") var dispute: Int64
    @Flag(help: "Keep the evaluation as it is.") var uphold = false
    @Option(help: "Answer file of the amended evaluation (replaces the disputed one in reports).") var amend: String?
    @Option(help: "A note on the decision.") var note: String?
    @OptionGroup var global: GlobalOptions

    func run() async throws {
        guard uphold != (amend != nil) else { throw CLIError("give either --uphold or --amend FILE") }
        let access = try CommandAccess.signIn(global)
        defer { access.finish() }
        try access.authorize(.resolveDispute)
        let catalog = access.catalog
        guard let record = try catalog.qaDispute(id: dispute), let original = try catalog.qaEvaluation(id: record.evaluationID) else {
            throw CLIError("no dispute \(dispute)")
        }
        var amendment: QAEvaluationRecord?
        var items: [QAItemResultRecord] = []
        if let amend {
            guard let version = try catalog.rubricVersion(original.rubricVersion) else { throw CLIError("the evaluation's rubric version is missing") }
            let rubric = try QASupport.rubric(version)
            guard let text = try? String(contentsOfFile: amend, encoding: .utf8) else { throw CLIError("cannot read \(amend)") }
            let answers: EvaluationAnswers
            do { answers = try AnswerLoader.load(text, file: amend, rubric: rubric, complete: true) } catch let e as ReviewError {
                try QASupport.refuse(e, json: global.json)
            }
            let score = EvaluationScorer.score(answers, rubric: rubric)
            amendment = QAEvaluationRecord(sampleID: original.sampleID, callID: original.callID, agentID: original.agentID, team: original.team,
                                           evaluator: access.session.username, rubricVersion: version.id, kind: .amendment, status: .submitted,
                                           answersJSON: JSONText.encode(answers), score: score.score, scoreJSON: JSONText.encode(score),
                                           criticalFailures: score.criticalFailures.count, fatalFailures: score.fatalFailures.count, at: Date())
            let failed = Set(score.failedItems)
            items = rubric.sections.flatMap { s in
                s.items.compactMap { item in
                    answers.answers[item.id].map {
                        QAItemResultRecord(itemID: item.id, sectionID: s.id, answer: $0.value.description,
                                           fraction: EvaluationScorer.fraction($0.value, item), failed: failed.contains(item.id),
                                           severity: item.severity.rawValue)
                    }
                }
            }
        }
        let resolved = try catalog.resolveQADispute(disputeID: dispute, outcome: uphold ? .upheld : .amended, note: note, amendment: amendment,
                                                    items: items, now: Date(), actor: access.actor)
        if global.json { return try Output.json(resolved) }
        Output.line("dispute \(dispute) resolved: \(resolved.outcome?.rawValue ?? "-")"
                    + (resolved.amendedEvaluationID.map { "; evaluation \($0) (score \(amendment?.score.map { String(format: "%.2f", $0) } ?? "n/a")) replaces \(original.id ?? 0) in reports" } ?? ""))
    }
}

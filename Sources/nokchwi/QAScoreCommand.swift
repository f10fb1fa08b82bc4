import ArgumentParser
import CallCatalog
import CallModel
import CallReview
import Foundation

/// `nokchwi qa score ID --answers FILE [--submit]`: saves a draft, or submits (immutable, audited, scored with the
/// rubric version bound to the call). A refused file lists every problem.
struct QAScoreCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "score", abstract: "Save a draft evaluation of a claimed call, or submit it with --submit.")
    @Argument(help: "Call id (from `qa next`).") var id: String
    @Option(help: "Answer file (YAML or JSON; `qa template ID` prints a blank one).") var answers: String
    @Flag(help: "Submit: every item answered; the evaluation can no longer change.") var submit = false
    @OptionGroup var global: GlobalOptions

    func run() async throws {
        let access = try CommandAccess.signIn(global)
        defer { access.finish() }
        try access.authorize(.scoreCall, callID: CallID(rawValue: id))
        let catalog = access.catalog
        let evaluator = access.session.username
        guard let text = try? String(contentsOfFile: answers, encoding: .utf8) else {
            throw CLIError("cannot read \(answers) as UTF-8 text; check the path")
        }
        var problems: [ReviewProblem] = []
        let sample = try catalog.qaClaimedSample(callID: id, evaluator: evaluator)
        if sample == nil {
            problems.append(ReviewProblem(file: answers, line: nil, key: "call", message: "you have not claimed call \(id) (or submitted it already): `nokchwi qa next` hands out calls to score"))
        }
        let versionID = try sample?.rubricVersion ?? catalog.qaSample(callID: id)?.rubricVersion
        guard let versionID, let version = try catalog.rubricVersion(versionID) else {
            try QASupport.refuse(ReviewError(.invalidAnswers, "call \(id) is not in the QA queue; nothing was saved", problems: problems), json: global.json)
        }
        let rubric = try QASupport.rubric(version)
        var parsed: EvaluationAnswers?
        do { parsed = try AnswerLoader.load(text, file: answers, rubric: rubric, complete: submit) } catch let error as ReviewError {
            problems += error.problems
        }
        guard let parsed, problems.isEmpty else {
            try QASupport.refuse(ReviewError(.invalidAnswers, "the answers for call \(id) have \(problems.count) problem(s); nothing was saved",
                                             problems: problems), json: global.json)
        }
        let score = EvaluationScorer.score(parsed, rubric: rubric)
        let now = Date()
        let record = QAEvaluationRecord(
            sampleID: sample?.id, callID: id, agentID: sample?.agentID, team: sample?.team, evaluator: evaluator, rubricVersion: version.id,
            kind: .queue, status: submit ? .submitted : .draft, answersJSON: JSONText.encode(parsed), score: score.score,
            scoreJSON: JSONText.encode(score), criticalFailures: score.criticalFailures.count, fatalFailures: score.fatalFailures.count, at: now)
        let failed = Set(score.failedItems)
        let items = rubric.sections.flatMap { section in
            section.items.compactMap { item -> QAItemResultRecord? in
                guard let answer = parsed.answers[item.id] else { return nil }
                return QAItemResultRecord(itemID: item.id, sectionID: section.id, answer: answer.value.description,
                                          fraction: EvaluationScorer.fraction(answer.value, item), failed: failed.contains(item.id),
                                          severity: item.severity.rawValue)
            }
        }
        let saved = try catalog.saveQueueEvaluation(record, items: items, audit: access.actor.draft(
            submit ? .qaSubmit : .qaDraft, at: now, callID: CallID(rawValue: id),
            detail: ["rubric_version": version.id, "score": score.score.map { String(format: "%.2f", $0) } ?? "n/a",
                     "critical_failures": "\(score.criticalFailures.count)", "fatal_failures": "\(score.fatalFailures.count)"]))
        if global.json {
            return try Output.json(QAEvaluationView(id: saved.id ?? 0, callID: id, status: saved.status.rawValue,
                                                    rubricVersion: version.id, result: score))
        }
        Output.line("\(submit ? "submitted" : "draft saved"): evaluation \(saved.id ?? 0) of call \(id), rubric \(rubric.id) \(version.id.prefix(12))")
        Output.line("  score \(score.score.map { String(format: "%.2f", $0) } ?? "n/a (every item N/A)")")
        for (section, s) in zip(rubric.sections, score.sections) {
            Output.line("  \(section.id.padding(toLength: 14, withPad: " ", startingAt: 0)) \(s.score.map { String(format: "%6.2f", $0) } ?? "   N/A")  weight \(section.weight)\(s.zeroedByCritical ? "  (critical item failed)" : "")")
        }
        if !score.failedItems.isEmpty { Output.line("  failed items: \(score.failedItems.joined(separator: ", "))") }
        if !score.fatalFailures.isEmpty { Output.line("  fatal: \(score.fatalFailures.joined(separator: ", ")) — the evaluation scores 0") }
    }
}

struct QAEvaluationView: Encodable {
    var id: Int64
    var callID: String
    var status: String
    var rubricVersion: String
    var result: EvaluationScore

    enum CodingKeys: String, CodingKey { case id, callID = "call_id", status, rubricVersion = "rubric_version", result }
}

enum JSONText {
    static func encode<T: Encodable>(_ value: T) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return (try? String(decoding: encoder.encode(value), as: UTF8.self)) ?? "null"
    }
}

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
        let callID = CallID(rawValue: id)
        try access.authorize(.scoreCall, callID: callID)
        guard let text = try? String(contentsOfFile: answers, encoding: .utf8) else {
            throw CLIError("cannot read \(answers) as UTF-8 text; check the path")
        }
        let desk = ReviewDesk(catalog: access.catalog, guardian: access.guardian)
        let result: ReviewDesk.Saved
        do {
            result = try access.explainingRefusal(.scoreCall) {
                try desk.save(access.session, callID: callID, submit: submit, file: answers) { rubric in
                    try AnswerLoader.load(text, file: answers, rubric: rubric, complete: submit)
                }
            }
        } catch let error as ReviewError {
            try QASupport.refuse(error, json: global.json)
        }
        let (saved, rubric, score) = (result.record, result.rubric, result.score)
        if global.json {
            return try Output.json(QAEvaluationView(id: saved.id ?? 0, callID: id, status: saved.status.rawValue,
                                                    rubricVersion: saved.rubricVersion, result: score))
        }
        Output.line("\(submit ? "submitted" : "draft saved"): evaluation \(saved.id ?? 0) of call \(id), rubric \(rubric.id) \(saved.rubricVersion.prefix(12))")
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

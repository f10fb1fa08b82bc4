import ArgumentParser
import CallCatalog
import CallModel
import CallReview
import Foundation

/// `nokchwi qa calibrate ...`: calibration sessions (docs/qa.md, "Calibration"): one call scored blind by several
/// evaluators and an expert; once all submitted, each evaluator's deviation from the expert and Krippendorff's alpha.
struct QACalibrateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "calibrate", abstract: "Calibration: several evaluators and an expert score the same call blind.",
        subcommands: [QACalibrateOpenCommand.self, QACalibrateListCommand.self, QACalibrateTemplateCommand.self,
                      QACalibrateScoreCommand.self, QACalibrateShowCommand.self])
}

/// `qa calibrate open CALL --evaluators a,b --expert lead [--rubric R]` (qa-lead).
struct QACalibrateOpenCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "open", abstract: "Open a calibration session on a call.")
    @Argument(help: "Call id.") var id: String
    @Option(help: "Evaluators who score the call, comma-separated.") var evaluators: String
    @Option(help: "The expert whose answers the others are compared with (usually the QA lead).") var expert: String
    @Option(help: "Rubric id or version (default: the first plan's rubric, else municipal-call).") var rubric: String?
    @Option(help: "Pipeline definition with the qa: section (default Pipelines/default.yaml).") var pipeline: String?
    @OptionGroup var global: GlobalOptions

    func run() async throws {
        let config: QAConfiguration
        do { config = try QASupport.configuration(pipeline: pipeline) } catch let e as ReviewError { try QASupport.refuse(e, json: global.json) }
        let access = try CommandAccess.signIn(global)
        defer { access.finish() }
        try access.authorize(.runCalibration)
        let reference = rubric ?? config.plans.first?.rubric ?? "municipal-call"
        guard let version = try access.catalog.rubricVersion(reference) else {
            throw CLIError("no rubric version \(reference); import it with `nokchwi rubrics import FILE`")
        }
        let names = evaluators.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        let status = try access.catalog.openQACalibration(callID: id, rubricVersion: version.id, expert: expert, evaluators: names,
                                                          now: Date(), actor: access.actor)
        if global.json { return try Output.json(QACalibrationView(status, figures: nil)) }
        Output.line("calibration session \(status.id) on call \(id): \(status.participants.count) participants (expert \(expert)), rubric \(version.rubric) \(version.id.prefix(12))")
        Output.line("  each participant: `nokchwi qa calibrate template \(status.id) > answers.yaml`, then `nokchwi qa calibrate score \(status.id) --answers answers.yaml --submit`")
    }
}

/// `qa calibrate list`: every session (qa-lead), or yours.
struct QACalibrateListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List calibration sessions (yours, or all for the qa-lead).")
    @OptionGroup var global: GlobalOptions

    func run() async throws {
        let access = try CommandAccess.signIn(global)
        defer { access.finish() }
        let all = AccessPolicy.decide(access.session.user, .runCalibration).isAllowed
        try access.authorize(all ? .runCalibration : .claimCalls)
        let sessions = try access.catalog.qaCalibrations(participant: all ? nil : access.session.username)
        if global.json { return try Output.json(sessions.map { QACalibrationView($0, figures: nil) }) }
        Output.table(["SESSION", "CALL", "EXPERT", "SUBMITTED", "STATE"], sessions.map { s in
            [String(s.id), s.session.callID, s.session.expert, "\(s.submitted.count)/\(s.participants.count)", s.complete ? "complete" : "open"]
        })
    }
}

/// `qa calibrate template SESSION`: a blank answer file for the session's rubric version.
struct QACalibrateTemplateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "template", abstract: "Print a blank answer file for a calibration session.")
    @Argument(help: "Session id.") var session: Int64
    @OptionGroup var global: GlobalOptions

    func run() async throws {
        let access = try CommandAccess.signIn(global)
        defer { access.finish() }
        let status = try QACalibrationSupport.participantSession(session, access)
        try access.authorize(.scoreCall, callID: CallID(rawValue: status.session.callID), record: .viewCall, detail: ["purpose": "qa-calibration-template"])
        let (version, rubric) = try QACalibrationSupport.rubric(status, access)
        if global.json { return try Output.json(RubricVersionView(version, rubric: rubric, imported: nil)) }
        print(AnswerTemplate.yaml(rubric: rubric, versionID: version.id, callID: status.session.callID), terminator: "")
    }
}

/// `qa calibrate score SESSION --answers FILE [--submit]`: a participant's draft or submission.
struct QACalibrateScoreCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "score", abstract: "Save a draft of your calibration evaluation, or submit it.")
    @Argument(help: "Session id.") var session: Int64
    @Option(help: "Answer file (YAML or JSON; `qa calibrate template SESSION` prints a blank one).") var answers: String
    @Flag(help: "Submit: every item answered; the evaluation can no longer change.") var submit = false
    @OptionGroup var global: GlobalOptions

    func run() async throws {
        let access = try CommandAccess.signIn(global)
        defer { access.finish() }
        let status = try QACalibrationSupport.participantSession(session, access)
        let callID = status.session.callID
        try access.authorize(.scoreCall, callID: CallID(rawValue: callID))
        guard let text = try? String(contentsOfFile: answers, encoding: .utf8) else { throw CLIError("cannot read \(answers) as UTF-8 text; check the path") }
        let (_, rubric) = try QACalibrationSupport.rubric(status, access)
        let result: (record: QAEvaluationRecord, score: EvaluationScore)
        do {
            let parsed = try AnswerLoader.load(text, file: answers, rubric: rubric, complete: submit)
            result = try CalibrationAnalysis.save(catalog: access.catalog, session: session, answers: parsed, evaluator: access.session.username,
                                                          submit: submit, now: Date(), actor: access.actor)
        } catch let e as ReviewError {
            try QASupport.refuse(ReviewError(e.code, "the answers for calibration session \(session) have \(e.problems.count) problem(s); nothing was saved",
                                             problems: e.problems), json: global.json)
        }
        let (saved, score) = result
        let after = try access.catalog.qaCalibration(id: session)
        if global.json {
            return try Output.json(QAEvaluationView(id: saved.id ?? 0, callID: callID, status: saved.status.rawValue, rubricVersion: saved.rubricVersion, result: score))
        }
        Output.line("\(submit ? "submitted" : "draft saved"): calibration session \(session), your score \(score.score.map { String(format: "%.2f", $0) } ?? "n/a")")
        if let after { Output.line("  \(after.submitted.count) of \(after.participants.count) participants submitted\(after.complete ? ": `nokchwi qa calibrate show \(session)` has the results" : "; results stay hidden until all have")") }
    }
}

/// `qa calibrate show SESSION`: who submitted; once everyone has, the agreement and deviation figures.
struct QACalibrateShowCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "show", abstract: "Show a calibration session (results once every participant submitted).")
    @Argument(help: "Session id.") var session: Int64
    @OptionGroup var global: GlobalOptions

    func run() async throws {
        let access = try CommandAccess.signIn(global)
        defer { access.finish() }
        let status = try QACalibrationSupport.participantSession(session, access)
        try access.authorize(AccessPolicy.decide(access.session.user, .runCalibration).isAllowed ? .runCalibration : .claimCalls,
                             record: .qaCalibrate, detail: ["session": "\(session)", "step": "show"])
        let figures = try CalibrationAnalysis.session(catalog: access.catalog, id: session)?.figures
        if global.json { return try Output.json(QACalibrationView(status, figures: figures)) }
        Output.line("calibration session \(status.id) on call \(status.session.callID), expert \(status.session.expert): \(status.submitted.count)/\(status.participants.count) submitted")
        guard let figures else { return Output.line("  open: the answers stay hidden until every participant has submitted") }
        QACalibrationSupport.printFigures(figures)
    }
}

struct QACalibrationView: Encodable {
    var id: Int64
    var callID: String
    var expert: String
    var rubricVersion: String
    var participants: [String]
    var submitted: [String]
    var complete: Bool
    var figures: CalibrationFigures?

    init(_ s: QACalibrationStatus, figures: CalibrationFigures?) {
        id = s.id
        callID = s.session.callID
        expert = s.session.expert
        rubricVersion = s.session.rubricVersion
        participants = s.participants
        submitted = s.submitted.sorted()
        complete = s.complete
        self.figures = figures
    }

    enum CodingKeys: String, CodingKey {
        case id, callID = "call_id", expert, rubricVersion = "rubric_version", participants, submitted, complete, figures
    }
}

enum QACalibrationSupport {
    /// The session, when the signed-in user takes part in it or runs calibration.
    static func participantSession(_ id: Int64, _ access: CommandAccess) throws -> QACalibrationStatus {
        guard let status = try access.catalog.qaCalibration(id: id) else { throw CLIError("no calibration session \(id); `nokchwi qa calibrate list` shows yours") }
        let lead = AccessPolicy.decide(access.session.user, .runCalibration).isAllowed
        guard lead || status.participants.contains(access.session.username) else {
            try access.authorize(.runCalibration)
            throw CLIError("you are not a participant of calibration session \(id)")
        }
        return status
    }

    static func rubric(_ status: QACalibrationStatus, _ access: CommandAccess) throws -> (RubricVersionRecord, Rubric) {
        guard let version = try access.catalog.rubricVersion(status.session.rubricVersion) else {
            throw CLIError("the rubric version \(status.session.rubricVersion) of this session is missing from the catalog")
        }
        return (version, try QASupport.rubric(version))
    }

    static func printFigures(_ figures: CalibrationFigures) {
        func f(_ x: Double?, _ format: String = "%.3f") -> String { x.map { String(format: format, $0) } ?? "-" }
        Output.line("  Krippendorff's alpha: nominal (yes/no, choice items) \(f(figures.alphaNominal)), interval (scale items) \(f(figures.alphaInterval))"
                    + (figures.sessions >= 2 ? ", scores over \(figures.sessions) sessions \(f(figures.scoreAlpha))" : ""))
        Output.line()
        Output.table(["EVALUATOR", "SESSIONS", "SCORE - EXPERT", "|SCORE - EXPERT|", "SCORE - CONSENSUS", "SAME ANSWER AS EXPERT"], figures.evaluators.map { e in
            [e.evaluator, "\(e.sessions)", f(e.scoreDeviation, "%+.2f"), f(e.meanAbsoluteScoreDeviation, "%.2f"), f(e.consensusDeviation, "%+.2f"),
             e.expertAgreement.map { String(format: "%.0f%%", $0 * 100) } ?? "-"]
        })
        Output.line()
        Output.table(["ITEM", "LEVEL", "ALPHA", "SAME AS EXPERT", "MEAN |DEVIATION| (POINTS)"], figures.items.map { i in
            [i.itemID, i.level.rawValue, f(i.alpha), i.expertAgreement.map { String(format: "%.0f%%", $0 * 100) } ?? "-", f(i.meanAbsoluteDeviation, "%.1f")]
        })
    }
}

import ArgumentParser
import CallCatalog
import CallModel
import CallReview
import Foundation

/// `nokchwi qa add ID --reason TEXT`: a supervisor (own teams) or the qa-lead sends one call to the QA queue.
struct QAAddCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add", abstract: "Send a call to the QA queue by hand, with the reason (audited).")
    @Argument(help: "Call id.") var id: String
    @Option(help: "Why this call should be evaluated (kept with the sample and in the audit trail).") var reason: String
    @Option(help: "Rubric id or version (default: the first plan's rubric, else municipal-call).") var rubric: String?
    @Option(help: "Pipeline definition with the qa: section (default Pipelines/default.yaml).") var pipeline: String?
    @OptionGroup var global: GlobalOptions

    func run() async throws {
        let config: QAConfiguration
        do { config = try QASupport.configuration(pipeline: pipeline) } catch let e as ReviewError { try QASupport.refuse(e, json: global.json) }
        let access = try CommandAccess.signIn(global)
        defer { access.finish() }
        try access.authorize(.manageQueue, callID: CallID(rawValue: id))
        let reference = rubric ?? config.plans.first?.rubric ?? "municipal-call"
        guard let version = try access.catalog.rubricVersion(reference) else {
            throw CLIError("no rubric version \(reference); import it with `nokchwi rubrics import FILE`")
        }
        let now = Date()
        let start = try access.catalog.call(id: CallID(rawValue: id))?.metadata.startTime ?? now
        let sample = try access.catalog.addQASampleByHand(callID: id, reason: reason, rubricVersion: version.id,
                                                          period: QASupport.month(start, QASupport.timeZone(config)), now: now, actor: access.actor)
        if global.json { return try Output.json(QAAddView(sample: sample.id ?? 0, callID: id, plan: sample.plan, period: sample.period, rubricVersion: version.id)) }
        Output.line("call \(id) is in the QA queue (sample \(sample.id ?? 0), plan \(sample.plan) \(sample.period), rubric \(version.rubric)); the next `qa next` may hand it out")
    }
}

struct QAAddView: Encodable {
    var sample: Int64
    var callID: String
    var plan: String
    var period: String
    var rubricVersion: String
    enum CodingKeys: String, CodingKey { case sample, callID = "call_id", plan, period, rubricVersion = "rubric_version" }
}

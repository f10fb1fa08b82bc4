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
        let sample: QASampleRecord
        do {
            sample = try access.explainingRefusal(.manageQueue) {
                try ReviewDesk(catalog: access.catalog, guardian: access.guardian)
                    .sendToQueue(access.session, callID: CallID(rawValue: id), reason: reason, rubric: rubric, configuration: config)
            }
        } catch let error as ReviewError {
            throw CLIError(error.message)
        }
        let version = (id: sample.rubricVersion, rubric: try access.catalog.rubricVersion(sample.rubricVersion)?.rubric ?? sample.rubricVersion)
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

import ArgumentParser
import CallCatalog
import CallModel
import CallReview
import Foundation

/// `nokchwi qa sample --plan NAME --period 2026-11`: draws a plan's sample (reproducible, idempotent) and queues it.
struct QASampleCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sample",
        abstract: "Draw a sampling plan's calls for a period and queue them for evaluators (a rerun adds only what is missing).")
    @Option(help: "Plan name (qa.plans in the pipeline definition).") var plan: String
    @Option(help: "Period: a month (2026-11) or ISO week (2026-W47), in the qa time zone.") var period: String
    @Flag(name: .customLong("dry-run"), help: "Show what would be sampled; queue nothing.") var dryRun = false
    @Option(help: "Pipeline definition with the qa: section (default Pipelines/default.yaml).") var pipeline: String?
    @OptionGroup var global: GlobalOptions

    func run() async throws {
        let config: QAConfiguration
        do { config = try QASupport.configuration(pipeline: pipeline) } catch let e as ReviewError { try QASupport.refuse(e, json: global.json) }
        guard let plan = config.plan(plan) else {
            throw CLIError("no sampling plan \(plan) in the qa: section; plans: \(config.plans.map(\.name).joined(separator: ", "))")
        }
        let span: SamplingPeriod
        do { span = try SamplingPeriod.parse(period, timeZone: QASupport.timeZone(config)) } catch let e as ReviewError { throw CLIError(e.message) }
        if span.isWeek != (plan.period == .week) {
            throw CLIError("the plan \(plan.name) samples per \(plan.period.rawValue): give a period like \(plan.period == .week ? "2026-W47" : "2026-11")")
        }
        let access = try CommandAccess.signIn(global)
        defer { access.finish() }
        let detail = ["plan": plan.name, "period": span.name, "dry_run": dryRun ? "true" : "false"]
        try access.authorize(.manageQueue, record: dryRun ? .qaSample : nil, detail: detail)
        let catalog = access.catalog
        guard let version = try catalog.rubricVersions(rubric: plan.rubric).first else {
            throw CLIError("the plan \(plan.name) scores with rubric \(plan.rubric), which is not imported: run `nokchwi rubrics import Pipelines/rubrics/\(plan.rubric).yaml` first")
        }
        let teams = QASupport.teamsScope(access.guardian.scope(access.session, .manageQueue))
        let rows = try catalog.qaCandidates(from: span.start, to: span.end, teams: teams)
        let candidates = rows.map {
            SampleCandidate(callID: $0.callID, agentID: $0.agentID, team: $0.team, category: $0.category, tags: $0.tags,
                            startedAt: $0.startedAt.timeIntervalSince1970, durationS: $0.durationS, deadAirS: $0.deadAirS,
                            holdS: $0.holdS, overtalkS: $0.overtalkS, transfers: $0.transfers, unavailable: $0.unavailable)
        }
        let before = try catalog.qaSamples(plan: plan.name, period: span.name)
        let previous = before.map { SamplePick(callID: $0.callID, agentID: $0.agentID, targeted: $0.targeted, reason: $0.reason) }
        let draw = SampleSelector.draw(candidates: candidates, plan: plan, period: span, previous: previous,
                                       everSampled: try catalog.qaSampledCallIDs(plan: plan.name))
        var queued = 0
        if !dryRun {
            let team = Dictionary(rows.map { ($0.callID, $0.team) }, uniquingKeysWith: { a, _ in a })
            let now = Date()
            let records = draw.picks.map {
                QASampleRecord(plan: plan.name, period: span.name, callID: $0.callID, agentID: $0.agentID, team: team[$0.callID] ?? nil,
                               targeted: $0.targeted, reason: $0.reason, rubricVersion: version.id, sampledAt: now,
                               sampledBy: access.session.username)
            }
            var auditDetail = detail
            auditDetail["queued"] = "\(records.count)"
            auditDetail["rubric_version"] = version.id
            queued = try catalog.addQASamples(records, audit: access.actor.draft(.qaSample, at: now, detail: auditDetail)).count
        }
        if global.json {
            return try Output.json(QASampleView(draw: draw, dryRun: dryRun, queued: queued, rubricVersion: version.id,
                                                candidates: candidates.count))
        }
        Output.table(["CALL", "AGENT", "PICKED BY", "WHY"], draw.picks.map { [$0.callID, $0.agentID, $0.targeted ? "rule" : "random", $0.reason] })
        for warning in draw.warnings { Output.line("warning: \(warning)") }
        let excluded = draw.excluded.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }.joined(separator: ", ")
        Output.line("plan \(plan.name) \(span.name): \(candidates.count) call(s) in the period\(excluded.isEmpty ? "" : " (excluded: \(excluded))"), \(draw.agents.count) agent(s), \(before.count) sampled before, \(draw.picks.count) new pick(s)"
                    + (dryRun ? " — dry run, nothing queued" : ", \(queued) queued (rubric \(plan.rubric) \(version.id.prefix(12)))"))
    }
}

struct QASampleView: Encodable {
    var draw: SampleDraw
    var dryRun: Bool
    var queued: Int
    var rubricVersion: String
    var candidates: Int

    enum CodingKeys: String, CodingKey {
        case draw, dryRun = "dry_run", queued, rubricVersion = "rubric_version", candidates
    }
}

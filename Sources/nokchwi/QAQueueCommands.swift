import ArgumentParser
import CallCatalog
import CallModel
import CallReview
import Foundation

/// `nokchwi qa next`: claims the next sampled call for the signed-in evaluator, with a lease.
struct QANextCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "next",
        abstract: "Claim the next sampled call (leased to you; `calls show` and `calls analyze` then work for it).")
    @Option(name: .customLong("lease-minutes"), help: "Lease length (default: qa.lease_minutes, 30).") var leaseMinutes: Int?
    @Option(help: "Pipeline definition with the qa: section (default Pipelines/default.yaml).") var pipeline: String?
    @OptionGroup var global: GlobalOptions

    func run() async throws {
        let config: QAConfiguration
        do { config = try QASupport.configuration(pipeline: pipeline) } catch let e as ReviewError { try QASupport.refuse(e, json: global.json) }
        if let leaseMinutes, !(1...1440).contains(leaseMinutes) { throw CLIError("--lease-minutes must be 1 to 1440") }
        let access = try CommandAccess.signIn(global)
        defer { access.finish() }
        try access.authorize(.claimCalls)
        let user = access.session.user
        let claim = try access.catalog.claimNextQASample(
            evaluator: user.username, excludedTeams: config.excludeOwnTeam ? user.teams : [], now: Date(),
            lease: TimeInterval((leaseMinutes ?? config.leaseMinutes) * 60), actor: access.actor)
        if global.json { return try Output.json(QAClaimView(claim)) }
        guard let claim else { return Output.line("the QA queue has no call for you right now") }
        let s = claim.sample
        Output.line("\(claim.resumed ? "still yours" : "claimed"): call \(s.callID) (agent \(s.agentID), team \(s.team ?? "-"), plan \(s.plan) \(s.period))")
        Output.line("  picked: \(s.reason)")
        Output.line("  lease until \(CatalogDateText.minute(s.leaseExpiresAt)); `nokchwi qa release \(s.callID)` gives it back")
        Output.line("  next: `nokchwi calls show \(s.callID)`, `nokchwi qa template \(s.callID) > answers.yaml`, `nokchwi qa score \(s.callID) --answers answers.yaml --submit`")
    }
}

struct QAClaimView: Encodable {
    var claimed: Bool
    var callID: String?
    var agentID: String?
    var team: String?
    var plan: String?
    var period: String?
    var reason: String?
    var rubricVersion: String?
    var leaseExpiresAt: String?
    var resumed: Bool?

    init(_ claim: QAClaim?) {
        claimed = claim != nil
        guard let s = claim?.sample else { return }
        callID = s.callID
        agentID = s.agentID
        team = s.team
        plan = s.plan
        period = s.period
        reason = s.reason
        rubricVersion = s.rubricVersion
        leaseExpiresAt = s.leaseExpiresAt
        resumed = claim?.resumed
    }

    enum CodingKeys: String, CodingKey {
        case claimed, callID = "call_id", agentID = "agent_id", team, plan, period, reason, rubricVersion = "rubric_version"
        case leaseExpiresAt = "lease_expires_at", resumed
    }
}

/// `nokchwi qa release ID`: gives a claimed call back to the queue.
struct QAReleaseCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "release", abstract: "Give a claimed call back to the QA queue.")
    @Argument(help: "Call id (from `qa next`).") var id: String
    @OptionGroup var global: GlobalOptions

    func run() async throws {
        let access = try CommandAccess.signIn(global)
        defer { access.finish() }
        try access.authorize(.claimCalls)
        let released = try access.catalog.releaseQASample(callID: id, evaluator: access.session.username, now: Date(), actor: access.actor)
        guard released else { throw CLIError("you do not hold call \(id) in the QA queue (never claimed, submitted, or its lease went to someone else)") }
        if global.json { return try Output.json(["released": id]) }
        Output.line("released call \(id): it is back in the queue")
    }
}

/// `nokchwi qa queue`: how many sampled calls wait, are claimed, expired or done.
struct QAQueueCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "queue", abstract: "Count the QA queue's calls by state.")
    @OptionGroup var global: GlobalOptions

    func run() async throws {
        let access = try CommandAccess.signIn(global)
        defer { access.finish() }
        let user = access.session.user
        try access.authorize(AccessPolicy.decide(user, .manageQueue).isAllowed ? .manageQueue : .claimCalls)
        let counts = try access.catalog.qaQueueCounts(now: Date())
        if global.json { return try Output.json(counts) }
        Output.line(["queued", "claimed", "expired", "submitted"].map { "\($0) \(counts[$0] ?? 0)" }.joined(separator: ", "))
    }
}

/// `nokchwi qa template ID`: a blank answer file for the rubric version bound to the claimed call.
struct QATemplateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "template", abstract: "Print a blank answer file for a claimed call's rubric version.")
    @Argument(help: "Call id (from `qa next`).") var id: String
    @OptionGroup var global: GlobalOptions

    func run() async throws {
        let access = try CommandAccess.signIn(global)
        defer { access.finish() }
        try access.authorize(.scoreCall, callID: CallID(rawValue: id), record: .viewCall, detail: ["purpose": "qa-template"])
        guard let sample = try access.catalog.qaClaimedSample(callID: id, evaluator: access.session.username) else {
            throw CLIError("you have not claimed call \(id): `nokchwi qa next` hands out calls to score")
        }
        guard let version = try access.catalog.rubricVersion(sample.rubricVersion) else {
            throw CLIError("the rubric version \(sample.rubricVersion) bound to this call is missing from the catalog")
        }
        let rubric = try QASupport.rubric(version)
        if global.json { return try Output.json(RubricVersionView(version, rubric: rubric, imported: nil)) }
        print(AnswerTemplate.yaml(rubric: rubric, versionID: version.id, callID: id), terminator: "")
    }
}

import ArgumentParser
import CallCatalog
import CallModel
import Foundation

struct StatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status", abstract: "Totals of the catalog: calls, hours, archive size, metadata, flags, quarantine.")

    @OptionGroup var global: GlobalOptions

    func run() async throws {
        let access = try CommandAccess.signIn(global)
        defer { access.finish() }
        // Totals without personal data: for those who report (supervisors) or run the archive (archivists).
        let permission: Permission = AccessPolicy.decide(access.session.user, .viewReports).isAllowed ? .viewReports : .ingestCalls
        do {
            try access.authorize(permission, record: .viewReport, detail: ["report": "status"])
        } catch let refusal as RefusalError where refusal.refusal == .roleLacksPermission {
            // Either of two permissions would do: name both roles, not only the last one tried.
            let roles = access.session.user.roles.sorted().map(\.rawValue).joined(separator: ", ")
            throw RefusalError(refusal.refusal, refusal.permission, description:
                "refused: catalog totals are for supervisor (\(Permission.viewReports.rawValue)) and archivist (\(Permission.ingestCalls.rawValue)); your role: \(roles.isEmpty ? "none" : roles)")
        }
        // Scoped like `calls list` (issue #21): the calls the user may list; the talk metrics of the calls their
        // reports cover (`report talk`); quarantine and pipeline runs for those who run the ingest.
        let user = access.session.user
        let callScope = access.guardian.scope(access.session, .listCalls)
        let metricsScope = access.guardian.scope(access.session, .viewReports)
        let ingest = AccessPolicy.decide(user, .ingestCalls).isAllowed
        let stats = try access.catalog.stats(calls: callScope, metrics: metricsScope, ingest: ingest)
        // Calls still holding personal fields in plain text (issue #21), for those who run the archive or its keys.
        let plaintext = ingest || AccessPolicy.decide(user, .manageKeys).isAllowed ? try access.catalog.plaintextPersonalCounts() : nil
        let view = StatusView(stats: stats, scope: Self.describe(callScope),
                              metricsWithheld: metricsScope == .none
                                ? "talk metrics are for \(AccessPolicy.allowedRoles(.viewReports)); not for your role" : nil,
                              personalPlaintext: plaintext)
        if global.json { return try Output.json(view) }
        Output.line("nokchwi catalog at \(global.resolvedHome.root.path)")
        Output.line("  scope               \(view.scope)")
        Output.line(String(format: "  calls archived      %d (%@ of audio, %.2f h)", stats.calls, Output.duration(stats.audioSeconds), stats.audioSeconds / 3600))
        let ratio = stats.archiveBytes > 0 ? Double(stats.sourceBytes) / Double(stats.archiveBytes) : 0
        Output.line(String(format: "  archive size        %@ (sources %@, %.1fx smaller)", Output.megabytes(stats.archiveBytes), Output.megabytes(stats.sourceBytes), ratio))
        if let first = stats.firstCallStart, let last = stats.lastCallStart {
            Output.line("  calls from          \(DisplayTime.minute(first)) to \(DisplayTime.minuteLabelled(last))")
        }
        Output.line("  metadata            " + Self.list(stats.byMetadataFormat))
        Output.line("  layouts             " + Self.list(stats.byLayout))
        Output.line("  flags               " + (stats.byFlag.isEmpty ? "none" : Self.list(stats.byFlag)))
        if let quarantined = stats.quarantined {
            Output.line("  quarantined files   \(quarantined)" + (quarantined > 0 ? " (" + Self.list(stats.quarantineByReason) + ")" : ""))
        }
        if let runs = stats.runs {
            Output.line("  pipeline runs       \(runs)" + (runs > 0 ? " (" + Self.list(stats.runsByStatus) + ")" : ""))
        }
        if let p = plaintext {
            Output.line("  personal data       " + (p.sealable + p.withoutKey == 0 ? "sealed in every call"
                : "\(p.sealable) call(s) in plain text to seal (`nokchwi keys seal-personal`)"
                    + (p.withoutKey > 0 ? ", \(p.withoutKey) without a data key (plaintext archives)" : "")))
        }
        if let withheld = view.metricsWithheld { Output.line("  talk metrics        \(withheld)") }
        if let m = stats.metrics, m.analysedCalls > 0 {
            let talk = m.agentTalkS + m.callerTalkS
            Output.line(String(format: "  talk                agent %.1f h, caller %.1f h (agent share %.0f%%)", m.agentTalkS / 3600, m.callerTalkS / 3600,
                               talk > 0 ? 100 * m.agentTalkS / talk : 0))
            Output.line(String(format: "  overtalk            %.1f min, %d interruptions", m.overtalkS / 60, m.interruptions))
            Output.line(String(format: "  hold                %d holds, %.1f min", m.holdCount, m.holdS / 60))
            Output.line(String(format: "  non-talk            %.1f min (%.1f%% of call time), %d dead-air events", m.nonTalkS / 60,
                               stats.audioSeconds > 0 ? 100 * m.nonTalkS / stats.audioSeconds : 0, m.deadAirEvents))
        }
    }

    /// Which calls the totals cover, in words.
    static func describe(_ scope: CallScope) -> String {
        switch scope {
        case .all: "every call in the catalog"
        case .none: "no calls"
        case .limited(let teams, let username):
            [teams.isEmpty ? nil : "calls of team(s) " + teams.sorted().joined(separator: ", "),
             username == nil ? nil : "calls the QA queue assigned to you"].compactMap { $0 }.joined(separator: " and ")
        }
    }

    static func list(_ counts: [String: Int]) -> String {
        counts.sorted { ($1.value, $0.key) < ($0.value, $1.key) }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
    }
}

/// `status --json`: the totals, which calls they cover, and why the talk metrics are absent when they are.
struct StatusView: Encodable {
    let stats: CatalogStats
    let scope: String
    let metricsWithheld: String?
    /// Calls whose personal fields are still in plain text (archivists and admins only).
    var personalPlaintext: PlaintextPersonalCounts? = nil

    func encode(to encoder: any Encoder) throws {
        try stats.encode(to: encoder)
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(scope, forKey: .scope)
        try c.encodeIfPresent(metricsWithheld, forKey: .metricsWithheld)
        try c.encodeIfPresent(personalPlaintext, forKey: .personalPlaintext)
    }

    enum CodingKeys: String, CodingKey { case scope, metricsWithheld = "metrics_withheld", personalPlaintext = "personal_plaintext" }
}

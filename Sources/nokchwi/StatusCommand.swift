import ArgumentParser
import CallCatalog
import CallModel
import CallReports
import Foundation

struct StatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status", abstract: "Totals of the catalog: calls, hours, archive size, metadata, flags, quarantine.")

    @OptionGroup var global: GlobalOptions

    @OptionGroup var remote: ServerOption

    func run() async throws {
        if let server = remote.server {
            let data = try await RemoteServer(server).get("/api/status")
            if global.json { return Output.jsonText(RemoteServer.pretty(data)) }
            return show(try RemoteServer.decode(CatalogStatus.self, data), at: server)
        }
        let access = try CommandAccess.signIn(global)
        defer { access.finish() }
        // Totals without personal data: for those who report (supervisors) or run the archive (archivists).
        let permission = CatalogStatus.permission(for: access.session.user)
        do {
            try access.authorize(permission, record: .viewReport, detail: ["report": "status"])
        } catch let refusal as RefusalError where refusal.refusal == .roleLacksPermission {
            // Either of two permissions would do: name both roles, not only the last one tried.
            let roles = access.session.user.roles.sorted().map(\.rawValue).joined(separator: ", ")
            throw RefusalError(refusal.refusal, refusal.permission, description:
                "refused: catalog totals are for supervisor (\(Permission.viewReports.rawValue)) and archivist (\(Permission.ingestCalls.rawValue)); your role: \(roles.isEmpty ? "none" : roles)")
        }
        let view = try CatalogStatus(catalog: access.catalog, guardian: access.guardian, session: access.session)
        if global.json { return try Output.json(view) }
        show(view, at: global.resolvedHome.root.path)
    }

    func show(_ view: CatalogStatus, at place: String) {
        let stats = view.stats, plaintext = view.personalPlaintext
        Output.line("nokchwi catalog at \(place)")
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

    static func list(_ counts: [String: Int]) -> String {
        counts.sorted { ($1.value, $0.key) < ($0.value, $1.key) }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
    }
}

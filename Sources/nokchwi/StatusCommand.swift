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
        let stats = try access.catalog.stats()
        if global.json { return try Output.json(stats) }
        Output.line("nokchwi catalog at \(global.resolvedHome.root.path)")
        Output.line(String(format: "  calls archived      %d (%@ of audio, %.2f h)", stats.calls, Output.duration(stats.audioSeconds), stats.audioSeconds / 3600))
        let ratio = stats.archiveBytes > 0 ? Double(stats.sourceBytes) / Double(stats.archiveBytes) : 0
        Output.line(String(format: "  archive size        %@ (sources %@, %.1fx smaller)", Output.megabytes(stats.archiveBytes), Output.megabytes(stats.sourceBytes), ratio))
        if let first = stats.firstCallStart, let last = stats.lastCallStart {
            Output.line("  calls from          \(DisplayTime.minute(first)) to \(DisplayTime.minuteLabelled(last))")
        }
        Output.line("  metadata            " + Self.list(stats.byMetadataFormat))
        Output.line("  layouts             " + Self.list(stats.byLayout))
        Output.line("  flags               " + (stats.byFlag.isEmpty ? "none" : Self.list(stats.byFlag)))
        Output.line("  quarantined files   \(stats.quarantined)" + (stats.quarantined > 0 ? " (" + Self.list(stats.quarantineByReason) + ")" : ""))
        Output.line("  pipeline runs       \(stats.runs)" + (stats.runs > 0 ? " (" + Self.list(stats.runsByStatus) + ")" : ""))
        let m = stats.metrics
        if m.analysedCalls > 0 {
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

import ArgumentParser
import CallCatalog
import CallModel
import CallPipeline
import Foundation

extension RetentionCommand {
    /// `nokchwi retention confirm-short --pipeline FILE --reason TEXT` (admins): allows this exact policy although
    /// one of its classes is shorter than the home's floor.
    struct ConfirmShort: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "confirm-short",
            abstract: "Admins: allow this exact retention policy although a class is shorter than the home's floor (init --retention-floor-days).")
        @Option(name: .long, help: "Pipeline definition with the `retention:` section.") var pipeline: String
        @Option(name: .long, help: "Why calls may be kept so briefly (recorded).") var reason: String
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            let definition = try PipelineDefinition.load(path: pipeline)
            let access = try CommandAccess.signIn(global)
            defer { access.finish() }
            try access.authorize(.manageUsers)
            let floor = try access.catalog.homeSettings().retentionFloorDays
            let short = definition.retention.classes(shorterThan: floor)
            guard !short.isEmpty else { throw CLIError("no class of this policy is shorter than the floor (\(floor) days); nothing to confirm") }
            let sha = definition.retention.snapshotSHA256
            try access.catalog.confirmShortRetention(policySHA256: sha, audit: access.session.draft(
                AuditAction("retention-floor-confirm"), at: Date(), reason: reason,
                detail: ["policy_sha256": sha, "floor_days": String(floor), "classes": short.map { "\($0.name) \($0.period)" }.joined(separator: ", ")]))
            if global.json { return try Output.json(["policy_sha256": sha, "confirmed_by": access.session.username]) }
            Output.line("policy \(sha.prefix(12))… confirmed below the floor of \(floor) days (\(short.map(\.name).joined(separator: ", ")))")
        }
    }

    /// `nokchwi retention requests`: purges and hold releases waiting for (or given) a second archivist.
    struct Requests: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List purge and hold-release requests of the two-person rule.")
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            let access = try CommandAccess.signIn(global)
            defer { access.finish() }
            try access.authorize(.runPurge)
            let requests = try access.catalog.retentionRequests()
            if global.json { return try Output.json(requests) }
            Output.table(["ID", "KIND", "TARGET", "STATE", "REQUESTED BY", "APPROVED BY", "REASON"], requests.map {
                [String($0.id), $0.kind.rawValue, $0.target, $0.state, $0.requestedBy, $0.approvedBy ?? "-", Output.safe($0.reason)]
            })
        }
    }

    /// `nokchwi retention approve ID`: a second archivist approves another's purge or hold release.
    struct Approve: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Approve another archivist's purge or hold-release request (two-person rule).")
        @Argument(help: "Request number (`retention requests`).") var id: Int64
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            let access = try CommandAccess.signIn(global)
            defer { access.finish() }
            guard let request = try access.catalog.retentionRequests(limit: 100_000).first(where: { $0.id == id }) else {
                try access.authorize(.runPurge)
                throw CLIError("no retention request \(id); `nokchwi retention requests` lists them")
            }
            try access.authorize(request.kind == .purge ? .runPurge : .manageHolds, reason: request.reason)
            let approved = try access.catalog.approveRetentionRequest(id: id, audit: access.session.draft(AuditAction("retention-approve"), at: Date()))
            if global.json { return try Output.json(approved) }
            Output.line("request #\(id) (\(approved.kind.rawValue) \(approved.target)) approved; \(approved.requestedBy) may now run it with --request \(id)")
        }
    }
}

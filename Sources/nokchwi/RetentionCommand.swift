import ArgumentParser
import CallArchive
import CallCatalog
import CallModel
import CallPipeline
import Foundation

/// `nokchwi retention apply --pipeline FILE --reason TEXT` (archivists): applies the pipeline's retention classes to
/// stored calls; an expiry only ever moves later.
struct RetentionCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "retention", abstract: "Retention classes: apply a (changed) policy to stored calls; expiries only move later.",
        subcommands: [Apply.self, ConfirmShort.self, Requests.self, Approve.self])

    struct Apply: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Recompute every stored call's retention class and expiry from the pipeline's `retention:` section. A call's expiry may be extended, never shortened.")
        @Option(name: .long, help: "Pipeline definition with the `retention:` section (default: built-in).") var pipeline: String?
        @Option(name: .long, help: "Why the policy changed (recorded).") var reason: String
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            let definition = try pipeline.map { try PipelineDefinition.load(path: $0) } ?? PipelineDefinition()
            let access = try CommandAccess.signIn(global)
            defer { access.finish() }
            try access.authorize(.manageRetention, reason: reason)
            try RetentionRules.checkFloor(definition.retention, catalog: access.catalog)
            _ = try RetentionRules.twoPerson(pipeline == nil ? nil : definition, access: access)
            let update = try access.catalog.extendRetention(policy: definition.retention, at: Date(), by: access.session.username,
                                                           from: access.session.sourceAddress, reason: reason)
            if global.json { return try Output.json(update) }
            Output.line("retention applied (policy \(update.policySHA256.prefix(12))…): \(update.assigned) assigned, \(update.extended) extended, \(update.unchanged) unchanged (never shortened)")
        }
    }
}

/// `nokchwi purge [--dry-run]` (archivists): destroys calls whose retention ended and that no hold keeps.
struct PurgeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "purge",
        abstract: "Destroy calls whose retention has ended and that no legal hold keeps (--dry-run: list them).",
        discussion: "Each call: its data key is erased (crypto-shredding), its personal fields are erased and a tombstone is written in one transaction; then its file is deleted. Metrics and QA scores stay for statistics. Each run writes a destruction certificate (JSON and text) to HOME/certificates. A purge killed half-way is finished by the next one. Refuses to run when the clock reads earlier than the catalog's newest record, or more than --max-clock-lead days later.")

    @Flag(name: .long, help: "Only list what would be destroyed.") var dryRun = false
    @Option(name: .long, help: "Destroy at most this many calls in this run (earliest expiry first).") var limit: Int?
    @Option(name: .long, help: "Refuse when the clock is more than this many days past the catalog's newest record (a clock that jumped forwards).")
    var maxClockLead: Double = 31
    @Option(name: .long, help: "Pipeline definition whose retention policy the certificate records (default: built-in).") var pipeline: String?
    @Option(name: .long, help: "Under the two-person rule: the request a second archivist approved (`retention approve`).") var request: Int64?
    @Option(name: .long, help: "Why (recorded with a two-person request).") var reason: String = "scheduled purge of expired calls"
    @OptionGroup var global: GlobalOptions

    func run() async throws {
        let definition = try pipeline.map { try PipelineDefinition.load(path: $0) } ?? PipelineDefinition()
        let access = try CommandAccess.signIn(global)
        defer { access.finish() }
        try access.authorize(.runPurge, record: dryRun ? .auditView : nil, detail: dryRun ? ["view": "purge-dry-run"] : [:])
        let options = PurgeOptions(operatorAccount: access.session.username, sourceAddress: access.session.sourceAddress,
                                   maximumClockLead: maxClockLead * 86_400, maximumCallsPerRun: limit)
        let runner = PurgeRunner(home: access.home, catalog: access.catalog, policy: definition.retention,
                                 clock: SystemWallClock(), options: options, logger: access.logger, faults: processFaults)
        if dryRun {
            let plan = try runner.plan()
            if global.json { return try Output.json(plan) }
            Output.line("purge --dry-run as of \(DisplayTime.labelled(plan.asOf)): \(plan.calls.count) call(s) would be destroyed; \(plan.heldExpired) expired call(s) kept by legal holds")
            Output.table(["CALL", "CLASS", "EXPIRED (\(DisplayTime.zoneLabel))", "ARCHIVE"], plan.calls.map { c in
                [c.callID.rawValue, c.retentionClass, DisplayTime.minute(c.expiresAt), Output.megabytes(c.archiveBytes)]
            })
            if !plan.unfinishedRunIDs.isEmpty { Output.line("unfinished runs to finish first: \(plan.unfinishedRunIDs.map { "#\($0)" }.joined(separator: ", "))") }
            return
        }
        if try RetentionRules.twoPerson(pipeline == nil ? nil : definition, access: access) {
            guard try RetentionRules.gate(.purge, target: "limit=\(limit.map(String.init) ?? "all")", reason: reason, request: request,
                                          access: access, json: global.json) else { return }
        }
        let report = try runner.run()
        if global.json { return try Output.json(report) }
        for run in report.runs {
            let c = run.certificate.counts
            Output.line("purge run #\(run.certificate.runID)\(run.resumed ? " (resumed)" : ""): \(c.destroyed) destroyed (\(c.keysErased) keys erased, \(c.filesDeleted) files deleted, \(c.filesPending) pending), kept: \(c.skippedHeld) held, \(c.skippedNotExpired) not expired")
            Output.line("  certificate: \(run.certificateTextPath) (+ .json)")
        }
        if !report.walCheckpointed { Output.line("note: another process kept the WAL open; erased keys leave it at the next checkpoint") }
    }
}

/// `nokchwi scrub [--decode]` (archivists): re-verifies every archive.
struct ScrubCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scrub",
        abstract: "Re-verify every archive: present, SHA-256 as cataloged, every segment authentic under its key; report orphan files.",
        discussion: "Exit 1 when anything is missing, corrupt, undecryptable or orphaned.")
    @Flag(name: .long, help: "Also decode every archive's audio to the end (slower).") var decode = false
    @OptionGroup var global: GlobalOptions

    func run() async throws {
        let access = try CommandAccess.signIn(global)
        defer { access.finish() }
        try access.authorize(.runScrub)
        let scrubber = Scrubber(catalog: access.catalog, store: ArchiveStore(root: access.home.archiveRoot), keys: access.keys,
                                clock: SystemWallClock(),
                                options: ScrubOptions(account: access.session.username, sourceAddress: access.session.sourceAddress,
                                                      decodeAudio: decode))
        let report = try scrubber.run()
        if global.json { try Output.json(report) } else {
            Output.line("scrub: \(report.checked) archive(s), \(Output.megabytes(report.bytesChecked)) checked; " + report.counts.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", "))
            for p in report.problems { Output.line("  \(p.callID): \(p.status.rawValue) \(p.message ?? "")") }
            for o in report.orphans { Output.line("  orphan file (no call): \(o)") }
            for o in report.purgedLeftovers { Output.line("  leftover of a purged call: \(o)") }
            if report.isClean { Output.line("clean") }
        }
        if !report.isClean { throw ExitCode(1) }
    }
}

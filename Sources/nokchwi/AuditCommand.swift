import ArgumentParser
import CallAccess
import CallCatalog
import CallModel
import Foundation

/// `nokchwi audit verify|list` (archivists and admins).
struct AuditCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit", abstract: "The tamper-evident audit trail: verify the chain and its signed checkpoints, list entries.",
        subcommands: [Verify.self, List.self])

    struct Verify: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check every entry's hash link and every signed checkpoint; exit 1 on any problem.",
            discussion: "Without --public-key the checkpoints are checked against the key in HOME/keys, which anyone who can write the home could replace; give the public key recorded off this host at `init` (and, with --checkpoints, the off-host copy that audit.checkpoint_command ships) to detect a rewritten history.")
        @Option(name: .long, help: ArgumentHelp("The audit public key recorded off this host (audit/signing-key.pub as `init` wrote it, or its base64).", valueName: "file"))
        var publicKey: String?
        @Option(name: .long, help: ArgumentHelp("The off-host copy of the checkpoints (what audit.checkpoint_command shipped; syslog lines are fine).", valueName: "file"))
        var checkpoints: String?
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            let pinned = try publicKey.map { try AuditPublicKey.load(path: $0) }
            let access = try CommandAccess.signIn(global)
            try access.authorize(.verifyAudit)
            let home = access.home
            let report = try AuditVerifier(catalog: access.catalog, keysDirectory: home.keysDirectory,
                                           auditDirectory: home.auditDirectory, pinnedKey: pinned,
                                           offHostCheckpoints: checkpoints.map { URL(fileURLWithPath: $0) },
                                           logger: access.logger).verify()
            _ = try access.catalog.appendAudit(access.actor.draft(.auditVerify, at: Date(), detail: [
                "entries": "\(report.entriesChecked)", "problems": "\(report.problems.count)"]))
            // A checkpoint only over an intact chain: never vouch for a tampered head.
            if report.isIntact { access.finish() }
            if global.json {
                try Output.json(report)
            } else {
                Output.line("audit trail: \(report.entriesChecked) entries checked, head #\(report.headSeq), \(report.checkpointsChecked) checkpoint(s), last vouched #\(report.lastCheckpointSeq.map(String.init) ?? "-")")
                if report.isIntact { Output.line("intact") }
                for p in report.problems { Output.line("PROBLEM: \(p.message)") }
            }
            if !report.isIntact { throw ExitCode(1) }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Audit entries, newest first.")
        @Option(name: .long, help: "Only this account's entries.") var account: String?
        @Option(name: .long, help: "Only entries about this call.") var call: CallID?
        @Option(name: .long, help: "Only this action (e.g. play-call, export-call, purge).") var action: String?
        @Option(name: .long, help: "At most this many entries.") var limit = 50
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            let access = try CommandAccess.signIn(global)
            defer { access.finish() }
            try access.authorize(.viewAudit, record: .auditView, detail: ["view": "audit-list"])
            var query = AuditQuery()
            query.account = account
            query.callID = call
            query.action = action.map { AuditAction($0) }
            query.limit = limit
            query.newestFirst = true
            let entries = try access.catalog.auditEntries(query)
            if global.json { try Output.json(entries) } else {
                for e in entries {
                    Output.line("#\(e.seq) \(DisplayTime.labelled(e.at)) \(e.account) \(e.action.rawValue)\(e.callID.map { " call \($0)" } ?? "")\(e.reason.map { " reason: \($0)" } ?? "")  [\(e.sourceAddress)]")
                }
            }
        }
    }
}

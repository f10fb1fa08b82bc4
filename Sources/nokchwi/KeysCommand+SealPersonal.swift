import ArgumentParser
import CallArchive
import CallCatalog
import CallModel
import Foundation

extension KeysCommand {
    /// `nokchwi keys seal-personal`: seals the caller numbers, warnings and event details that calls stored before
    /// sealing existed still hold in plain text (issue #21), each under its call's own data key, and clears the plain
    /// text. Paged (one transaction and one `seal-personal` audit entry per page), idempotent, resumable.
    struct SealPersonal: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "seal-personal",
            abstract: "Seal the personal fields (caller number, warnings, event details) that older calls keep in plain text.")
        @Option(help: "Calls per transaction.") var pageSize = 200
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            let access = try CommandAccess.signIn(global)
            defer { access.finish() }
            try access.authorize(.manageKeys)
            guard pageSize > 0 else { throw CLIError("--page-size must be at least 1") }
            let vault = PersonalDataVault(catalog: access.catalog, keys: access.keys)
            let report = try vault.sealPlaintext(hasher: try CallerNumberHash(home: access.home), actor: access.actor,
                                                 clock: SystemWallClock(), pageSize: pageSize)
            if global.json { return try Output.json(report) }
            Output.line("sealed the personal fields of \(report.sealed) call(s)")
            if report.failed > 0 {
                Output.line("\(report.failed) call(s) not sealed: their data key does not unwrap (restore the key file named by `nokchwi keys list`, then run again)")
            }
            if report.withoutKey > 0 {
                Output.line("\(report.withoutKey) call(s) have no data key (plaintext archives): their personal fields stay in plain text, like their audio")
            }
        }
    }
}

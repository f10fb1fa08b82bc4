import ArgumentParser
import CallAccess
import CallArchive
import CallCatalog
import CallModel
import Foundation

/// `nokchwi init --admin NAME`: a new data home with its first key-encryption key, the audit signing key and the
/// first user (an admin).
struct InitCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Create a data home: catalog, the first key-encryption key, the audit signing key and the first admin.",
        discussion: "The admin's password is asked twice on the terminal (or read from $NOKCHWI_PASSWORD). Keys go to HOME/keys (mode 0700): back them up apart from the archive; without them no archive can be read.")

    @Option(name: .long, help: "User name of the first admin.") var admin: String
    @OptionGroup var global: GlobalOptions

    func run() async throws {
        let home = global.resolvedHome
        let catalog = try global.openCatalog(create: true)
        guard try catalog.userCount() == 0 else {
            throw CLIError("\(home.root.path) is already set up (it has users); sign in as an admin to add users or keys")
        }
        let logger = global.logger("nokchwi.init")
        let hasher = try PasswordHasher()
        let password = try PasswordPrompt.readNew("password for \(admin): ")
        try hasher.checkPolicy(password, username: admin)
        let source = SourceAddress.commandLine()
        let user = try UserAdministration(catalog: catalog, hasher: hasher, logger: logger)
            .bootstrapAdmin(username: admin, password: password, sourceAddress: source)
        let clock = SystemWallClock()
        let kek = try KeyFileStore(home: home).initialize(clock: clock)
        _ = try catalog.appendAudit(AuditDraft(at: clock.now(), account: user.username, sourceAddress: source,
                                               action: .keyCreate, detail: ["kek": kek.id]))
        _ = try AuditSigningKey.loadOrCreate(in: home.keysDirectory, logger: logger)
        let checkpoint = try AuditCheckpointer(catalog: catalog, keysDirectory: home.keysDirectory,
                                               auditDirectory: home.auditDirectory, logger: logger).writeCheckpoint()
        if global.json {
            try Output.json(["home": home.root.path, "admin": user.username, "kek": kek.id, "audit_seq": "\(checkpoint.seq)"])
        } else {
            Output.line("nokchwi init: \(home.root.path)")
            Output.line("  admin            \(user.username)")
            Output.line("  encryption key   \(kek.id) (\(home.keysDirectory.path); back it up apart from the archive)")
            Output.line("  audit trail      signed checkpoints in \(home.auditDirectory.path)")
            Output.line("Next: `nokchwi users add NAME --role archivist` (ingest, retention), `--role supervisor --team T`, `--role evaluator`.")
        }
    }
}

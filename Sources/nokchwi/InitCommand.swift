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
    @Option(name: .customLong("max-token-hours"), help: "The longest a `nokchwi login` token may live, in hours (at most 720).")
    var maxTokenHours: Double = HomeSettings.defaultMaximumTokenHours
    @Option(name: .customLong("retention-floor-days"), help: "The shortest retention class a pipeline may use without an admin's confirmation, in days.")
    var retentionFloorDays: Int = HomeSettings.defaultRetentionFloorDays
    @Flag(name: .customLong("two-person-retention"), help: "A purge or hold release needs a second archivist's approval (also turned on, for good, by a pipeline with retention.two_person: true).")
    var twoPersonRetention = false
    @OptionGroup var global: HomeOptions

    func validate() throws {
        guard UserAccount.isValidUsername(admin) else { throw ValidationError("--admin: \(UsersCommand.usernameRule)") }
        guard maxTokenHours > 0, maxTokenHours <= HomeSettings.defaultMaximumTokenHours else {
            throw ValidationError("--max-token-hours must be more than 0 and at most 720")
        }
        guard (1...RetentionPeriod.maximumDays).contains(retentionFloorDays) else {
            throw ValidationError("--retention-floor-days must be 1...\(RetentionPeriod.maximumDays)")
        }
    }

    func run() async throws {
        let home = global.resolvedHome
        let fm = FileManager.default
        if fm.fileExists(atPath: home.catalogPath) {
            // Refuse before anything is created or asked: an existing home is never touched by init.
            let users = try { try global.openCatalog(create: false).userCount() }()
            guard users == 0 else {
                throw CLIError("\(home.root.path) is already set up (it has users); sign in as an admin to add users or keys")
            }
        }
        let password = try PasswordPrompt.readNew("password for \(admin): ")
        let hasher = try PasswordHasher()
        try hasher.checkPolicy(password, username: admin)
        // What init creates, it removes when it fails: no half-made home is left behind (only what it created: the
        // folder when it was not there, else the entries of it that were not there).
        let created = HomeCreation(home: home)
        do {
            try setUp(home: home, hasher: hasher, password: password)
        } catch {
            created.undo()
            throw error
        }
    }

    private func setUp(home: NokchwiHome, hasher: PasswordHasher, password: String) throws {
        let catalog = try global.openCatalog(create: true)
        let logger = global.logger("nokchwi.init")
        let source = SourceAddress.commandLine()
        let user = try UserAdministration(catalog: catalog, hasher: hasher, logger: logger)
            .bootstrapAdmin(username: admin, password: password, sourceAddress: source)
        let clock = SystemWallClock()
        try catalog.saveHomeSettings(HomeSettings(maximumTokenHours: maxTokenHours, retentionFloorDays: retentionFloorDays,
                                                  twoPersonRetention: twoPersonRetention),
                                     audit: AuditDraft(at: clock.now(), account: user.username, sourceAddress: source,
                                                       action: AuditAction("home-settings")))
        let kek = try KeyFileStore(home: home).initialize(clock: clock)
        _ = try catalog.appendAudit(AuditDraft(at: clock.now(), account: user.username, sourceAddress: source,
                                               action: .keyCreate, detail: ["kek": kek.id]))
        let signing = try AuditSigningKey.loadOrCreate(in: home.keysDirectory, logger: logger)
        let publicKeyLine = AuditPublicKey.line(signing.publicKey)
        let checkpoint = try AuditCheckpointer(catalog: catalog, keysDirectory: home.keysDirectory,
                                               auditDirectory: home.auditDirectory, logger: logger).writeCheckpoint()
        try Data((publicKeyLine + "\n").utf8).write(to: home.auditDirectory.appendingPathComponent(AuditPublicKey.fileName),
                                                    options: .withoutOverwriting)
        if global.json {
            try Output.json(["home": home.root.path, "admin": user.username, "kek": kek.id, "audit_seq": "\(checkpoint.seq)",
                             "audit_public_key": signing.publicKeyBase64, "audit_key_fingerprint": signing.fingerprint])
        } else {
            Output.line("nokchwi init: \(home.root.path)")
            Output.line("  admin            \(user.username)")
            Output.line("  encryption key   \(kek.id) (\(home.keysDirectory.path); back it up apart from the archive)")
            Output.line("  audit trail      signed checkpoints in \(home.auditDirectory.path)")
            Output.line("  audit public key \(publicKeyLine)")
            Output.line("  fingerprint      \(signing.fingerprint)")
            Output.line("Record the public key and its fingerprint OFF this host (\(AuditPublicKey.fileName) in the audit folder holds the same line):")
            Output.line("`nokchwi audit verify --public-key COPY` then detects a replaced key; set audit.checkpoint_command to ship checkpoints.")
            Output.line("Next: `nokchwi users add NAME --role archivist` (ingest, retention), `--role supervisor --team T`, `--role evaluator`.")
        }
    }
}

/// The state of a home's folder before `init`, to undo exactly what init then created.
struct HomeCreation {
    let root: URL
    /// Nil when the folder did not exist; else the names in it.
    let existing: Set<String>?
    /// The folders above the home that did not exist (created with it), innermost first.
    let missingParents: [URL]

    init(home: NokchwiHome) {
        root = home.root
        let fm = FileManager.default
        existing = (try? fm.contentsOfDirectory(atPath: root.path)).map(Set.init)
        var parents: [URL] = []
        var parent = root.deletingLastPathComponent()
        while parent.path != "/", !fm.fileExists(atPath: parent.path) {
            parents.append(parent)
            parent = parent.deletingLastPathComponent()
        }
        missingParents = parents
    }

    func undo() {
        let fm = FileManager.default
        if let existing {
            for name in (try? fm.contentsOfDirectory(atPath: root.path)) ?? [] where !existing.contains(name) {
                try? fm.removeItem(at: root.appendingPathComponent(name))
            }
        } else {
            try? fm.removeItem(at: root)
            for parent in missingParents { try? fm.removeItem(at: parent) }
        }
    }
}

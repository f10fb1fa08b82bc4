import CallAccess
import CallArchive
import CallCatalog
import CallModel
import Foundation
import Logging

/// What an authenticated command works with: the catalog, the signed-in user, the access guard and the home's
/// keys. `finish()` writes a signed checkpoint of the audit chain head (each run leaves one).
struct CommandAccess {
    let home: NokchwiHome
    let catalog: Catalog
    let session: Session
    let guardian: AccessGuard
    let logger: Logger

    /// Signs in as `--user` with a password (prompt or `$NOKCHWI_PASSWORD`), else with `$NOKCHWI_TOKEN`, else as
    /// `$NOKCHWI_USER` with a password.
    static func signIn(_ global: GlobalOptions, create: Bool = false) throws -> CommandAccess {
        let catalog = try global.openCatalog(create: create)
        let logger = global.logger("nokchwi.access")
        let environment = ProcessInfo.processInfo.environment
        let source = SourceAddress.commandLine()
        let authenticator = Authenticator(catalog: catalog, hasher: try PasswordHasher(), logger: logger)
        let session: Session
        // An explicit --user wins over a token left in the environment (signing in as someone else on purpose).
        if global.user == nil, let token = environment["NOKCHWI_TOKEN"], !token.isEmpty {
            session = try authenticator.authenticate(token: token, sourceAddress: source)
        } else if let user = global.user ?? environment["NOKCHWI_USER"] {
            session = try authenticator.login(username: user, password: try PasswordPrompt.read("password for \(user): "),
                                              sourceAddress: source)
        } else {
            throw CLIError("this command reads or changes recordings, so it acts as a signed-in user: pass --user NAME (or set NOKCHWI_USER), or set NOKCHWI_TOKEN from `nokchwi login`")
        }
        return CommandAccess(home: global.resolvedHome, catalog: catalog, session: session,
                             guardian: AccessGuard(catalog: catalog, logger: logger), logger: logger)
    }

    var actor: AuditActor { AuditActor(account: session.username, sourceAddress: session.sourceAddress) }
    var keys: KeyFileStore { KeyFileStore(home: home) }

    @discardableResult
    func authorize(_ permission: Permission, callID: String? = nil, reason: String? = nil, record: AuditAction? = nil,
                   detail: [String: String] = [:]) throws -> AuditEntry? {
        try guardian.authorize(session, permission, callID: callID, reason: reason, record: record, detail: detail)
    }

    /// Writes a signed checkpoint of the audit chain head (failures are reported, not fatal: the chain itself is
    /// committed).
    func finish() {
        do {
            _ = try AuditCheckpointer(catalog: catalog, keysDirectory: home.keysDirectory,
                                      auditDirectory: home.auditDirectory, logger: logger).writeCheckpoint()
        } catch {
            logger.warning("could not write the audit checkpoint: \(error)")
        }
    }
}

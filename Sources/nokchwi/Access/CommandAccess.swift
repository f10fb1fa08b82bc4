import CallAccess
import CallArchive
import CallCatalog
import CallModel
import CallPipeline
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
        try signIn(global.options, user: global.user, create: create)
    }

    static func signIn(_ global: HomeOptions, user: String?, create: Bool = false) throws -> CommandAccess {
        let catalog = try global.openCatalog(create: create)
        let logger = global.logger("nokchwi.access")
        let environment = ProcessInfo.processInfo.environment
        let source = SourceAddress.commandLine()
        let authenticator = Authenticator(catalog: catalog, hasher: try PasswordHasher(), logger: logger)
        let session: Session
        // An explicit --user wins over a token left in the environment (signing in as someone else on purpose).
        if user == nil, let token = environment["NOKCHWI_TOKEN"], !token.isEmpty {
            session = try authenticator.authenticate(token: token, sourceAddress: source)
        } else if let user = user ?? environment["NOKCHWI_USER"] {
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

    /// Authorises through the access guard (which records the decision); a refusal is thrown as a `RefusalError`
    /// that names the roles that would be allowed.
    @discardableResult
    func authorize(_ permission: Permission, callID: CallID? = nil, reason: String? = nil, record: AuditAction? = nil,
                   detail: [String: String] = [:]) throws -> AuditEntry? {
        try explainingRefusal(permission) {
            try guardian.authorize(session, permission, callID: callID, reason: reason, record: record, detail: detail)
        }
    }

    /// Runs `body`; an `AccessError` refusal of `permission` comes out as a `RefusalError` saying who is allowed.
    func explainingRefusal<T>(_ permission: Permission, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as AccessError where error.code == .refused {
            guard let refusal = error.refusal else { throw error }
            throw RefusalError(refusal, permission, roles: session.user.roles)
        }
    }

    /// Writes a signed checkpoint of the audit chain head and ships it with `audit.checkpoint_command` (from the
    /// `--pipeline` of the command, else from the pipeline file named by `$NOKCHWI_PIPELINE`). Failures are reported
    /// on standard error, not fatal: the chain itself is committed. A missing or replaced signing key is such a
    /// failure (never silently replaced).
    func finish(pipeline: PipelineDefinition? = nil) {
        do {
            var checkpointer = AuditCheckpointer(catalog: catalog, keysDirectory: home.keysDirectory,
                                                 auditDirectory: home.auditDirectory, logger: logger)
            if let command = try (pipeline ?? Self.environmentPipeline())?.audit.checkpointCommand, !command.isEmpty {
                checkpointer.shipper = AuditCheckpointShipper(command: command)
            }
            _ = try checkpointer.writeCheckpoint()
        } catch {
            logger.warning("could not write or ship the audit checkpoint: \(error)")
            FileHandle.standardError.write(Data("warning: audit checkpoint: \(error)\n".utf8))
        }
    }

    /// The pipeline named by `$NOKCHWI_PIPELINE` (for its `audit:` section), nil when unset.
    static func environmentPipeline() throws -> PipelineDefinition? {
        guard let path = ProcessInfo.processInfo.environment["NOKCHWI_PIPELINE"], !path.isEmpty else { return nil }
        return try PipelineDefinition.load(path: path)
    }
}

/// A refused access, told so that the user knows what was refused, why, and which role would be allowed (from the
/// permission matrix, `AccessPolicy`). Carries no personal data: role and permission names only.
struct RefusalError: Error, CustomStringConvertible {
    let refusal: RefusalReason
    let permission: Permission
    let description: String

    init(_ refusal: RefusalReason, _ permission: Permission, roles: Set<Role>) {
        self.refusal = refusal
        self.permission = permission
        description = AccessPolicy.explain(refusal, permission, roles: roles)
    }

    init(_ refusal: RefusalReason, _ permission: Permission, description: String) {
        self.refusal = refusal
        self.permission = permission
        self.description = description
    }
}

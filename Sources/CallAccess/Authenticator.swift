import CallCatalog
import CallModel
import Crypto
import Foundation
import Logging

/// Checks who is there: a username and password, or an API token (the CLI reads `NOKCHWI_TOKEN`).
/// Every attempt leaves an audit entry (`login` or `login-failed`) with the source address. A failure throws
/// the same `authenticationFailed` error whatever the cause, and takes as long for an unknown user as for a
/// known one. The audit entry of a failure names the account only when it exists (a password typed into the
/// username field must not end up in the trail); its detail says why it failed.
public final class Authenticator: Sendable {
    let catalog: Catalog
    let hasher: PasswordHasher
    let clock: any WallClock
    let logger: Logger
    /// The longest lifetime a token may be issued with (at most `Authenticator.maximumTokenLifetime`).
    public let maximumTokenLifetime: TimeInterval
    /// Failed password sign-ins per account and per source: a growing delay, then a lockout.
    public let throttle: LoginThrottle

    public init(catalog: Catalog, hasher: PasswordHasher, clock: any WallClock = SystemWallClock(),
                logger: Logger = Logger(label: "nokchwi.access"),
                maximumTokenLifetime: TimeInterval = Authenticator.maximumTokenLifetime,
                throttle: LoginThrottle = .standard) {
        self.throttle = throttle
        self.maximumTokenLifetime = min(maximumTokenLifetime, Authenticator.maximumTokenLifetime)
        self.catalog = catalog
        self.hasher = hasher
        self.clock = clock
        self.logger = logger
    }

    /// The account name recorded for a failure whose account is unknown.
    public static let unknownAccount = "(unknown)"

    public func login(username: String, password: String, sourceAddress: String) throws -> Session {
        let user = UserAccount.isValidUsername(username) ? try catalog.user(named: username) : nil
        // Throttled keys: the source always, the account when it exists (unknown names leave no row).
        let keys = [LoginThrottle.sourceKey(sourceAddress)] + (user.map { [LoginThrottle.accountKey($0.username)] } ?? [])
        let now = clock.now()
        for key in keys {
            if let cause = throttle.refusal(try catalog.throttleState(key: key), now: now) {
                try fail(account: user?.username, sourceAddress: sourceAddress, cause: cause, method: .password)
            }
        }
        do {
            let session = try checkPassword(user: user, username: username, password: password, sourceAddress: sourceAddress)
            try catalog.clearLoginFailures(keys: keys)
            return session
        } catch let error as AccessError where error.code == .authenticationFailed {
            try catalog.recordLoginFailure(keys: keys, at: now, lockAfter: throttle.lockAfter)
            throw error
        }
    }

    private func checkPassword(user: UserAccount?, username: String, password: String, sourceAddress: String) throws -> Session {
        let stored = user == nil ? nil : try catalog.passwordHash(username: username)
        guard let user, let stored else {
            hasher.spendVerificationTime(password)
            try fail(account: user?.username, sourceAddress: sourceAddress,
                            cause: user == nil ? "unknown-account" : "no-password", method: .password)
        }
        let matches: Bool
        do {
            matches = try hasher.verify(password, against: stored)
        } catch let error as AccessError where error.code == .invalidPasswordHash {
            logger.error("a stored password hash is malformed; the user must be given a new password")
            try fail(account: user.username, sourceAddress: sourceAddress, cause: "stored-hash-invalid", method: .password)
        }
        guard matches else {
            try fail(account: user.username, sourceAddress: sourceAddress, cause: "wrong-password", method: .password)
        }
        guard !user.disabled else {
            try fail(account: user.username, sourceAddress: sourceAddress, cause: "account-disabled", method: .password)
        }
        var detail = ["method": Session.Method.password.rawValue]
        let rehash = hasher.needsRehash(stored) ? try? hasher.hash(password) : nil
        if rehash != nil { detail["rehashed"] = "true" }
        let entry = try catalog.appendAudit(AuditDraft(at: clock.now(), account: user.username, sourceAddress: sourceAddress,
                                                      action: .login, detail: detail))
        if let rehash { try catalog.setPasswordHash(rehash, username: user.username) }
        logger.info("login succeeded", metadata: ["audit_seq": "\(entry.seq)"])
        return Session(user: user, sourceAddress: sourceAddress, method: .password)
    }

    /// Logs a session out: revokes the user's tokens and records `logout`.
    @discardableResult
    public func logout(_ session: Session) throws -> Int {
        try catalog.revokeTokens(username: session.username, audit: session.draft(.logout, at: clock.now()))
    }

    func fail(account: String?, sourceAddress: String, cause: String, method: Session.Method) throws -> Never {
        let entry = try catalog.appendAudit(AuditDraft(
            at: clock.now(), account: account ?? Authenticator.unknownAccount, sourceAddress: sourceAddress,
            action: .loginFailed, detail: ["method": method.rawValue, "cause": cause]))
        logger.notice("login failed", metadata: ["audit_seq": "\(entry.seq)"])
        throw AccessError.authenticationFailed
    }
}

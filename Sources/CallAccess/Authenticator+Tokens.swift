import CallCatalog
import CallModel
import Crypto
import Foundation

/// A freshly issued API token. `token` is shown once and never stored: the catalog keeps only its SHA-256.
public struct IssuedToken: Sendable, Equatable {
    public let token: String
    public let expiresAt: Date
}

extension Authenticator {
    public static let tokenPrefix = "nkw1_"
    /// The longest a token may live unless the deployment sets less (`Authenticator.init(maximumTokenLifetime:)`).
    public static let maximumTokenLifetime: TimeInterval = 30 * 86_400

    /// Issues a token for the session's own user (256 random bits), recorded as `token-issue`. Only a password
    /// sign-in may: a token never mints another (a stolen token would otherwise renew itself forever).
    public func issueToken(for session: Session, ttl: TimeInterval) throws -> IssuedToken {
        guard session.method == .password else {
            throw AccessError(.refused, "refused: a token cannot issue another token; sign in with your password (--user NAME)",
                              refusal: .roleLacksPermission)
        }
        guard ttl > 0, ttl <= maximumTokenLifetime else {
            throw AccessError(.invalidSettings,
                              "a token lives more than 0 and at most \(Int(maximumTokenLifetime / 3600)) hours here; choose a shorter lifetime")
        }
        let raw = SymmetricKey(size: .bits256).withUnsafeBytes { Data($0) }
        let token = Authenticator.tokenPrefix + raw.base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
        let now = clock.now()
        let expires = AuditTimestamp.rounded(now.addingTimeInterval(ttl))
        try catalog.storeToken(
            StoredToken(tokenSHA256: Authenticator.tokenHash(token), username: session.username, createdAt: now, expiresAt: expires),
            audit: session.draft(.tokenIssue, at: now, detail: ["expires_at": AuditTimestamp.string(expires)]))
        return IssuedToken(token: token, expiresAt: expires)
    }

    /// Authenticates a token: it must exist, be unrevoked and unexpired, and its user enabled. Records `login`
    /// (method token) or `login-failed`.
    public func authenticate(token: String, sourceAddress: String) throws -> Session {
        let trimmed = token.trimmingCharacters(in: .whitespacesAndNewlines)
        guard trimmed.hasPrefix(Authenticator.tokenPrefix), trimmed.utf8.count <= 128,
              let stored = try catalog.token(sha256: Authenticator.tokenHash(trimmed)) else {
            try fail(account: nil, sourceAddress: sourceAddress, cause: "unknown-token", method: .token)
        }
        let now = clock.now()
        let cause: String? = stored.revoked ? "token-revoked" : (stored.expiresAt <= now ? "token-expired" : nil)
        if let cause { try fail(account: stored.username, sourceAddress: sourceAddress, cause: cause, method: .token) }
        guard let user = try catalog.user(named: stored.username), !user.disabled else {
            try fail(account: stored.username, sourceAddress: sourceAddress, cause: "account-disabled", method: .token)
        }
        let entry = try catalog.appendAudit(AuditDraft(at: now, account: user.username, sourceAddress: sourceAddress,
                                                      action: .login, detail: ["method": Session.Method.token.rawValue]))
        logger.info("token login succeeded", metadata: ["audit_seq": "\(entry.seq)"])
        return Session(user: user, sourceAddress: sourceAddress, method: .token)
    }

    static func tokenHash(_ token: String) -> String {
        AuditChainHash.hex(SHA256.hash(data: Array(token.utf8)))
    }
}

import CallModel
import Foundation
import GRDB

/// An API token as the catalog keeps it: only the SHA-256 of the token, never the token.
public struct StoredToken: Sendable, Equatable {
    public var tokenSHA256: String
    public var username: String
    public var createdAt: Date
    public var expiresAt: Date
    public var revoked: Bool

    public init(tokenSHA256: String, username: String, createdAt: Date, expiresAt: Date, revoked: Bool = false) {
        self.tokenSHA256 = tokenSHA256
        self.username = username
        self.createdAt = createdAt
        self.expiresAt = expiresAt
        self.revoked = revoked
    }
}

extension Catalog {
    public func storeToken(_ token: StoredToken, audit: AuditDraft? = nil) throws {
        try write { db in
            try requireUser(token.username, db: db)
            try db.execute(sql: """
                INSERT INTO api_token (token_sha256, username, created_at, expires_at, revoked) VALUES (?, ?, ?, ?, ?)
                """, arguments: [token.tokenSHA256, token.username, AuditTimestamp.string(token.createdAt),
                                 AuditTimestamp.string(token.expiresAt), token.revoked])
            if let audit { try appendAudit(audit, in: db) }
        }
    }

    public func token(sha256: String) throws -> StoredToken? {
        try read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM api_token WHERE token_sha256 = ?", arguments: [sha256]).map { r in
                StoredToken(tokenSHA256: r["token_sha256"], username: r["username"],
                            createdAt: AuditTimestamp.date(r["created_at"]) ?? Date(timeIntervalSince1970: 0),
                            expiresAt: AuditTimestamp.date(r["expires_at"]) ?? Date(timeIntervalSince1970: 0),
                            revoked: r["revoked"])
            }
        }
    }

    /// Revokes every token of a user; returns how many were still active.
    @discardableResult
    public func revokeTokens(username: String, audit: AuditDraft? = nil) throws -> Int {
        try write { db in
            try db.execute(sql: "UPDATE api_token SET revoked = 1 WHERE username = ? AND revoked = 0", arguments: [username])
            let count = db.changesCount
            if let audit { try appendAudit(audit, in: db) }
            return count
        }
    }
}

import CallModel
import Foundation
import Testing
@testable import CallAccess
@testable import CallCatalog

/// Issue #21, item 3: a token is less than a password. It cannot mint tokens, cannot change the password, and dies
/// with every password change or reset, disable and role change; its lifetime has a configurable maximum.
@Suite struct TokenPowerTests {
    static let password = "correct horse battery staple"
    static let source = "192.0.2.10"

    struct Fixture {
        let catalog: Catalog
        let hasher: PasswordHasher
        init() throws {
            catalog = try Catalog()
            hasher = try PasswordHasher(settings: .insecureFastForTests)
            for (name, roles) in [("root", Set<Role>([.admin])), ("eva", [.evaluator])] {
                try catalog.addUser(UserAccount(username: name, roles: roles, createdAt: Date()),
                                    passwordHash: try hasher.hash(TokenPowerTests.password))
            }
        }
        var authenticator: Authenticator { Authenticator(catalog: catalog, hasher: hasher) }
        var administration: UserAdministration { UserAdministration(catalog: catalog, hasher: hasher) }
        func session(_ name: String) throws -> Session {
            try authenticator.login(username: name, password: TokenPowerTests.password, sourceAddress: TokenPowerTests.source)
        }
        /// A token for `name` and the session it signs in as.
        func tokenSession(_ name: String) throws -> (String, Session) {
            let token = try authenticator.issueToken(for: try session(name), ttl: 3600).token
            return (token, try authenticator.authenticate(token: token, sourceAddress: TokenPowerTests.source))
        }
        func works(_ token: String) -> Bool {
            (try? authenticator.authenticate(token: token, sourceAddress: TokenPowerTests.source)) != nil
        }
    }

    @Test func aTokenCannotMintAToken() throws {
        let f = try Fixture()
        let (_, viaToken) = try f.tokenSession("eva")
        #expect { try f.authenticator.issueToken(for: viaToken, ttl: 3600) } throws: { ($0 as? AccessError)?.code == .refused }
        #expect(try f.authenticator.issueToken(for: try f.session("eva"), ttl: 3600).token.hasPrefix(Authenticator.tokenPrefix))
    }

    @Test func changingOnesOwnPasswordNeedsTheCurrentOne() throws {
        let f = try Fixture()
        let (_, viaToken) = try f.tokenSession("eva")
        let newPassword = "a different long passphrase"
        #expect { try f.administration.changePassword(username: "eva", newPassword: newPassword, by: viaToken) }
            throws: { ($0 as? AccessError)?.code == .authenticationFailed }
        #expect { try f.administration.changePassword(username: "eva", currentPassword: "not it at all", newPassword: newPassword, by: viaToken) }
            throws: { ($0 as? AccessError)?.code == .authenticationFailed }
        // Nothing changed: the old password still signs in.
        #expect(throws: Never.self) { try f.session("eva") }
        try f.administration.changePassword(username: "eva", currentPassword: Self.password, newPassword: newPassword, by: try f.session("eva"))
        #expect(throws: AccessError.authenticationFailed) { try f.session("eva") }
    }

    @Test func passwordChangeResetDisableAndRoleChangeRevokeTokens() throws {
        let f = try Fixture()
        let root = try f.session("root")
        // An admin's reset.
        var (token, _) = try f.tokenSession("eva")
        try f.administration.changePassword(username: "eva", newPassword: "reset by the admin today", by: root)
        #expect(!f.works(token), "a token survived a password reset")
        // One's own change.
        try f.catalog.setPasswordHash(try f.hasher.hash(Self.password), username: "eva")
        (token, _) = try f.tokenSession("eva")
        try f.administration.changePassword(username: "eva", currentPassword: Self.password, newPassword: "changed by herself, now", by: try f.session("eva"))
        #expect(!f.works(token), "a token survived a password change")
        // A role change.
        try f.catalog.setPasswordHash(try f.hasher.hash(Self.password), username: "eva")
        (token, _) = try f.tokenSession("eva")
        try f.administration.setRoles([.supervisor], username: "eva", by: root)
        #expect(!f.works(token), "a token survived a role change")
        // A disable (and enabling again does not bring the token back).
        (token, _) = try f.tokenSession("eva")
        try f.administration.disable(username: "eva", by: root)
        try f.administration.enable(username: "eva", by: root)
        #expect(!f.works(token), "a token survived a disable")
        // A rehash at sign-in is not a password change: tokens stay.
        (token, _) = try f.tokenSession("eva")
        _ = try f.session("eva")
        #expect(f.works(token))
    }

    @Test func tokenLifetimeHasAConfigurableMaximum() throws {
        let f = try Fixture()
        let short = Authenticator(catalog: f.catalog, hasher: f.hasher, maximumTokenLifetime: 8 * 3600)
        let eva = try f.session("eva")
        #expect { try short.issueToken(for: eva, ttl: 720 * 3600) } throws: { ($0 as? AccessError)?.code == .invalidSettings }
        #expect(throws: Never.self) { try short.issueToken(for: eva, ttl: 8 * 3600) }
        // A configuration cannot raise it past the built-in ceiling.
        let long = Authenticator(catalog: f.catalog, hasher: f.hasher, maximumTokenLifetime: 365 * 86_400)
        #expect { try long.issueToken(for: eva, ttl: 90 * 86_400) } throws: { ($0 as? AccessError)?.code == .invalidSettings }
    }
}

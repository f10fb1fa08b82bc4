import CallModel
import Foundation
import Testing
@testable import CallAccess
@testable import CallCatalog

@Suite struct AuthenticatorTests {
    @Test func successLeavesALoginEntryWithTheSourceAddress() throws {
        let f = try AccessFixture()
        defer { f.removeHome() }
        let session = try f.session("sup")
        #expect(session.user.roles == [.supervisor] && session.method == .password && session.sourceAddress == testSource)
        let entry = try #require(try f.catalog.auditHead())
        #expect(entry.action == .login && entry.account == "sup" && entry.sourceAddress == testSource)
        #expect(entry.detail == ["method": "password"] && entry.at == f.clock.now())
    }

    @Test func failuresLookAlikeAndAreAudited() throws {
        let f = try AccessFixture()
        defer { f.removeHome() }
        try f.catalog.setDisabled(true, username: "evb")
        let attempts: [(String, String, String, String)] = [
            ("sup", "wrong password here", "sup", "wrong-password"),
            ("ghost", strongPassword, Authenticator.unknownAccount, "unknown-account"),
            ("correct horse battery staple", "x", Authenticator.unknownAccount, "unknown-account"),
            ("evb", strongPassword, "evb", "account-disabled"),
        ]
        for (username, password, account, cause) in attempts {
            #expect(throws: AccessError.authenticationFailed) {
                try f.authenticator.login(username: username, password: password, sourceAddress: testSource)
            }
            let entry = try #require(try f.catalog.auditHead())
            #expect(entry.action == .loginFailed && entry.account == account && entry.detail["cause"] == cause)
            #expect(entry.sourceAddress == testSource)
        }
        #expect(!AccessError.authenticationFailed.message.contains("ghost"))
    }

    @Test func aMalformedStoredHashFailsTheLogin() throws {
        let f = try AccessFixture()
        defer { f.removeHome() }
        try f.catalog.setPasswordHash("$scrypt$ln=99$x$y", username: "sup")
        #expect(throws: AccessError.authenticationFailed) {
            try f.authenticator.login(username: "sup", password: strongPassword, sourceAddress: testSource)
        }
        #expect(try f.catalog.auditHead()?.detail["cause"] == "stored-hash-invalid")
    }

    @Test func loginRehashesAnOutdatedHash() throws {
        let f = try AccessFixture()
        defer { f.removeHome() }
        let stronger = try PasswordHasher(settings: PasswordSettings(logN: 5))
        _ = try Authenticator(catalog: f.catalog, hasher: stronger, clock: f.clock)
            .login(username: "eva", password: strongPassword, sourceAddress: testSource)
        #expect(try f.catalog.passwordHash(username: "eva")?.hasPrefix("$scrypt$ln=5,") == true)
        #expect(try f.catalog.auditHead()?.detail["rehashed"] == "true")
    }

    @Test func tokensAuthenticateUntilTheyExpire() throws {
        let f = try AccessFixture()
        defer { f.removeHome() }
        let issued = try f.authenticator.issueToken(for: try f.session("eva"), ttl: 3600)
        #expect(issued.token.hasPrefix(Authenticator.tokenPrefix) && issued.token.utf8.count >= 40)
        #expect(try f.catalog.token(sha256: Authenticator.tokenHash(issued.token))?.username == "eva")
        // Only the hash is stored.
        #expect(try f.catalog.token(sha256: issued.token) == nil)
        let session = try f.authenticator.authenticate(token: issued.token + "\n", sourceAddress: "ssh:198.51.100.7")
        #expect(session.username == "eva" && session.method == .token)
        #expect(try f.catalog.auditHead()?.detail == ["method": "token"])
        f.clock.advance(3601)
        #expect(throws: AccessError.authenticationFailed) { try f.authenticator.authenticate(token: issued.token, sourceAddress: testSource) }
        #expect(try f.catalog.auditHead()?.detail["cause"] == "token-expired")
        #expect(throws: AccessError.authenticationFailed) { try f.authenticator.authenticate(token: "nkw1_forged", sourceAddress: testSource) }
        #expect(try f.catalog.auditHead()?.account == Authenticator.unknownAccount)
        #expect(throws: AccessError.self) { try f.authenticator.issueToken(for: session, ttl: 90 * 86_400) }
    }

    @Test func logoutAndDisablingRevokeTokens() throws {
        let f = try AccessFixture()
        defer { f.removeHome() }
        let eva = try f.session("eva")
        let first = try f.authenticator.issueToken(for: eva, ttl: 600)
        #expect(try f.authenticator.logout(eva) == 1)
        #expect(throws: AccessError.authenticationFailed) { try f.authenticator.authenticate(token: first.token, sourceAddress: testSource) }
        #expect(try f.catalog.auditHead()?.detail["cause"] == "token-revoked")
        let second = try f.authenticator.issueToken(for: eva, ttl: 600)
        try f.administration.disable(username: "eva", by: try f.session("root"))
        #expect(throws: AccessError.authenticationFailed) { try f.authenticator.authenticate(token: second.token, sourceAddress: testSource) }
    }
}

@Suite struct AccessGuardTests {
    let callID: CallID = "20261123-abcdef0123"

    @Test func allowedAccessIsRecorded() throws {
        let f = try AccessFixture()
        defer { f.removeHome() }
        let entry = try #require(try f.accessGuard.authorize(try f.session("eva"), .playCall, callID: callID, record: .playCall))
        #expect(entry.action == .playCall && entry.account == "eva" && entry.callID == callID && entry.detail["permission"] == "play-call")
        let export = try #require(try f.accessGuard.authorize(try f.session("arch"), .exportCall, callID: callID,
                                                              reason: "legal request 2026-17", record: .exportCall))
        #expect(export.reason == "legal request 2026-17")
        #expect(try f.accessGuard.authorize(try f.session("sup"), .viewReports, team: "team-2") == nil)
    }

    @Test(arguments: [("evb", Permission.playCall, RefusalReason.notAssigned), ("root", .playCall, .roleLacksPermission),
                      ("arch", .playCall, .roleLacksPermission), ("arch", .exportCall, .reasonRequired),
                      ("eva", .exportCall, .roleLacksPermission)])
    func refusalsAreRecordedAndThrown(user: String, permission: Permission, refusal: RefusalReason) throws {
        let f = try AccessFixture()
        defer { f.removeHome() }
        let session = try f.session(user)
        // A call outside the user's scope answers like an unknown id (issue #21); the audit keeps the refusal.
        #expect(throws: refusal == .notAssigned ? AccessGuard.noSuchCall : AccessError.refused(refusal)) {
            try f.accessGuard.authorize(session, permission, callID: callID, record: .playCall)
        }
        let entry = try #require(try f.catalog.auditHead())
        #expect(entry.action == .accessRefused && entry.account == user && entry.callID == callID)
        #expect(entry.detail == ["permission": permission.rawValue, "refusal": refusal.rawValue])
    }

    @Test func supervisorOfAnotherTeamIsRefused() throws {
        let f = try AccessFixture()
        defer { f.removeHome() }
        try f.catalog.setTeams(["team-9"], username: "sup")
        #expect(throws: AccessGuard.noSuchCall) {
            try f.accessGuard.authorize(try f.session("sup"), .viewCallMetrics, callID: callID, record: .viewMetrics)
        }
    }

    @Test func unknownCallsAreNotFoundOnlyForThoseWhoMayAsk() throws {
        let f = try AccessFixture()
        defer { f.removeHome() }
        #expect { try f.accessGuard.authorize(try f.session("eva"), .playCall, callID: "nope") } throws: { ($0 as? AccessError)?.code == .notFound }
        #expect(throws: AccessError.refused(.roleLacksPermission)) { try f.accessGuard.authorize(try f.session("root"), .playCall, callID: "nope") }
    }
}

@Suite struct UserAdministrationTests {
    @Test func bootstrapOnlyOnAnEmptyCatalog() throws {
        let catalog = try Catalog()
        let admin = UserAdministration(catalog: catalog, hasher: try PasswordHasher(settings: .insecureFastForTests))
        try admin.bootstrapAdmin(username: "root", password: strongPassword, sourceAddress: testSource)
        #expect(try catalog.user(named: "root")?.roles == [.admin])
        #expect(try catalog.auditHead()?.detail["bootstrap"] == "true")
        #expect(throws: AccessError.self) { try admin.bootstrapAdmin(username: "root2", password: strongPassword, sourceAddress: testSource) }
    }

    @Test func adminsManageUsersAndOthersCannot() throws {
        let f = try AccessFixture()
        defer { f.removeHome() }
        let root = try f.session("root")
        try f.administration.addUser(username: "newbie", roles: [.evaluator], teams: ["team-1"], password: strongPassword, by: root)
        #expect(try f.catalog.auditHead()?.detail == ["user": "newbie", "roles": "evaluator", "teams": "team-1"])
        #expect(try f.administration.listUsers(by: root).count == 6)
        try f.administration.setRoles([.evaluator, .supervisor], username: "newbie", by: root)
        try f.administration.setTeams(["team-1", "team-2"], username: "newbie", by: root)
        #expect(try f.catalog.user(named: "newbie")?.teams == ["team-1", "team-2"])
        for name in ["sup", "eva", "arch"] {
            #expect(throws: AccessError.refused(.roleLacksPermission)) {
                try f.administration.addUser(username: "x\(name)", roles: [.admin], password: nil, by: try f.session(name))
            }
        }
        #expect(try f.catalog.user(named: "xsup") == nil)
    }

    @Test func passwordsChangeForOneselfOrByAnAdmin() throws {
        let f = try AccessFixture()
        defer { f.removeHome() }
        let newPassword = "a new and longer passphrase"
        try f.administration.changePassword(username: "eva", currentPassword: strongPassword, newPassword: newPassword, by: try f.session("eva"))
        let eva = try f.authenticator.login(username: "eva", password: newPassword, sourceAddress: testSource)
        #expect(throws: AccessError.refused(.roleLacksPermission)) {
            try f.administration.changePassword(username: "evb", newPassword: newPassword, by: eva)
        }
        try f.administration.changePassword(username: "evb", newPassword: newPassword, by: try f.session("root"))
        #expect(try f.catalog.auditEntries(AuditQuery(action: .passwordChange)).map(\.detail) == [["user": "eva"], ["user": "evb"]])
        #expect { try f.administration.changePassword(username: "eva", newPassword: "short", by: try f.session("root")) }
            throws: { ($0 as? AccessError)?.code == .weakPassword }
    }

    @Test func theLastAdminStays() throws {
        let f = try AccessFixture()
        defer { f.removeHome() }
        let root = try f.session("root")
        #expect(throws: AccessError.self) { try f.administration.disable(username: "root", by: root) }
        #expect(throws: AccessError.self) { try f.administration.setRoles([.supervisor], username: "root", by: root) }
        try f.administration.setRoles([.admin, .archivist], username: "arch", by: root)
        try f.administration.disable(username: "root", by: root)
        #expect(try f.catalog.user(named: "root")?.disabled == true)
    }
}

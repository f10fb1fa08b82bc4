import CallModel
import Foundation
import Testing
@testable import CallCatalog

let t0 = Date(timeIntervalSince1970: 1_795_400_000)

func account(_ name: String, _ roles: Set<Role>, teams: Set<String> = []) -> UserAccount {
    UserAccount(username: name, roles: roles, teams: teams, createdAt: t0)
}

func draft(_ action: AuditAction, account: String = "root", callID: CallID? = nil, reason: String? = nil,
           detail: [String: String] = [:], at: Date = t0) -> AuditDraft {
    AuditDraft(at: at, account: account, sourceAddress: "local:uid=1000", action: action, callID: callID, reason: reason, detail: detail)
}

@Suite struct UserCatalogTests {
    @Test func addedUserReadsBackWithRolesAndTeams() throws {
        let catalog = try Catalog()
        let sup = account("sup", [.supervisor, .evaluator], teams: ["team-1", "team-2"])
        try catalog.addUser(sup, passwordHash: "$scrypt$x", audit: draft(.userAdd, detail: ["user": "sup"]))
        try catalog.addUser(account("arch", [.archivist]), passwordHash: nil)
        #expect(try catalog.user(named: "sup") == sup)
        #expect(try catalog.users().map(\.username) == ["arch", "sup"])
        #expect(try catalog.passwordHash(username: "sup") == "$scrypt$x")
        #expect(try catalog.passwordHash(username: "arch") == nil)
        #expect(try catalog.user(named: "nobody") == nil)
        #expect(try catalog.auditEntries(AuditQuery(action: .userAdd)).map(\.detail) == [["user": "sup"]])
    }

    @Test func usernamesAreUniqueAndValid() throws {
        let catalog = try Catalog()
        try catalog.addUser(account("eva", [.evaluator]), passwordHash: nil)
        #expect { try catalog.addUser(account("eva", [.admin]), passwordHash: nil) } throws: { ($0 as? CatalogError)?.code == .conflict }
        #expect { try catalog.addUser(account("Eva Kim", [.admin]), passwordHash: nil) } throws: { ($0 as? CatalogError)?.code == .invalidValue }
        #expect(try catalog.user(named: "eva")?.roles == [.evaluator])
    }

    @Test func rolesTeamsDisabledAndPasswordChange() throws {
        let catalog = try Catalog()
        try catalog.addUser(account("eva", [.evaluator]), passwordHash: "h1")
        try catalog.setRoles([.evaluator, .supervisor], username: "eva", audit: draft(.userRolesChange))
        try catalog.setTeams(["team-3"], username: "eva")
        try catalog.setPasswordHash("h2", username: "eva", audit: draft(.passwordChange))
        try catalog.storeToken(StoredToken(tokenSHA256: "t", username: "eva", createdAt: t0, expiresAt: t0.addingTimeInterval(60)))
        try catalog.setDisabled(true, username: "eva", audit: draft(.userDisable))
        let eva = try #require(try catalog.user(named: "eva"))
        #expect(eva.roles == [.evaluator, .supervisor] && eva.teams == ["team-3"] && eva.disabled)
        #expect(try catalog.passwordHash(username: "eva") == "h2")
        #expect(try catalog.token(sha256: "t")?.revoked == true)
        #expect(try catalog.auditEntries(AuditQuery()).map(\.action) == [.userRolesChange, .passwordChange, .userDisable])
        #expect { try catalog.setDisabled(true, username: "ghost") } throws: { ($0 as? CatalogError)?.code == .notFound }
    }

    @Test func aChangeAndItsAuditEntryCommitTogether() throws {
        let catalog = try Catalog()
        // An export-call entry without a reason is refused: the user must not be added either.
        #expect(throws: CatalogError.self) {
            try catalog.addUser(account("eva", [.evaluator]), passwordHash: nil, audit: draft(.exportCall))
        }
        #expect(try catalog.user(named: "eva") == nil)
        #expect(try catalog.auditCount() == 0)
    }

    @Test func tokensAreStoredByHashAndRevoked() throws {
        let catalog = try Catalog()
        try catalog.addUser(account("eva", [.evaluator]), passwordHash: nil)
        let token = StoredToken(tokenSHA256: String(repeating: "c", count: 64), username: "eva", createdAt: t0,
                                expiresAt: AuditTimestamp.rounded(t0.addingTimeInterval(3600.123)))
        try catalog.storeToken(token)
        #expect(try catalog.token(sha256: token.tokenSHA256) == token)
        #expect(try catalog.revokeTokens(username: "eva") == 1)
        #expect(try catalog.revokeTokens(username: "eva") == 0)
    }
}

@Suite struct AssignmentCatalogTests {
    @Test func assignUnassignAndContext() throws {
        let catalog = try Catalog()
        _ = try catalog.commit(sampleCall())
        try catalog.addUser(account("eva", [.evaluator]), passwordHash: nil)
        try catalog.addUser(account("evb", [.evaluator]), passwordHash: nil)
        let id = sampleCall().id
        #expect(try catalog.assign(CallAssignment(callID: id, username: "eva", assignedAt: t0, assignedBy: "sup"), audit: draft(.assignCall, callID: id)))
        #expect(try !catalog.assign(CallAssignment(callID: id, username: "eva", assignedAt: t0, assignedBy: "sup"), audit: draft(.assignCall, callID: id)))
        try catalog.assign(CallAssignment(callID: id, username: "evb", assignedAt: t0, assignedBy: "sup"))
        #expect(try catalog.isAssigned(callID: id, to: "eva"))
        #expect(try catalog.assignees(callID: id) == ["eva", "evb"])
        #expect(try catalog.callContext(callID: id) == CallContext(callID: id, team: "team-2", assignees: ["eva", "evb"]))
        #expect(try catalog.assignments(username: "eva").map(\.assignedBy) == ["sup"])
        #expect(try catalog.unassign(callID: id, username: "evb"))
        #expect(try !catalog.unassign(callID: id, username: "evb"))
        #expect(try catalog.assignees(callID: id) == ["eva"])
        #expect(try catalog.auditEntries(AuditQuery(action: .assignCall)).count == 1)
        #expect(try catalog.callContext(callID: "nope") == nil)
    }

    @Test func assigningAnUnknownCallOrUserFails() throws {
        let catalog = try Catalog()
        _ = try catalog.commit(sampleCall())
        try catalog.addUser(account("eva", [.evaluator]), passwordHash: nil)
        #expect { try catalog.assign(CallAssignment(callID: "nope", username: "eva", assignedAt: t0, assignedBy: "sup")) }
            throws: { ($0 as? CatalogError)?.code == .notFound }
        #expect { try catalog.assign(CallAssignment(callID: sampleCall().id, username: "ghost", assignedAt: t0, assignedBy: "sup")) }
            throws: { ($0 as? CatalogError)?.code == .notFound }
    }
}

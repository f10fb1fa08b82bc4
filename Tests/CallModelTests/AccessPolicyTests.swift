import CallModel
import Foundation
import Testing

/// The permission matrix as docs/access.md states it, written out here independently of `AccessPolicy.grant`.
private let expectedGrants: [Role: [Permission: Grant]] = [
    .evaluator: [.listCalls: .assignedCalls, .viewCallMetadata: .assignedCalls, .viewCallMetrics: .assignedCalls,
                 .playCall: .assignedCalls, .scoreCall: .assignedCalls, .claimCalls: .unrestricted, .resolveDispute: .unrestricted],
    .supervisor: [.listCalls: .ownTeams, .viewCallMetadata: .ownTeams, .viewCallerNumber: .ownTeams,
                  .viewCallMetrics: .ownTeams, .playCall: .ownTeams, .viewReports: .ownTeams, .manageQueue: .ownTeams,
                  .manageAgents: .ownTeams, .disputeEvaluation: .ownTeams],
    .archivist: [.listCalls: .unrestricted, .viewCallMetadata: .unrestricted, .viewCallerNumber: .unrestricted,
                 .exportCall: .unrestricted, .ingestCalls: .unrestricted, .manageRetention: .unrestricted,
                 .manageHolds: .unrestricted, .runPurge: .unrestricted, .runScrub: .unrestricted,
                 .viewAudit: .unrestricted, .verifyAudit: .unrestricted],
    .admin: [.manageUsers: .unrestricted, .manageKeys: .unrestricted, .viewAudit: .unrestricted, .verifyAudit: .unrestricted,
             .manageAgents: .unrestricted],
    .qaLead: [.listCalls: .assignedCalls, .viewCallMetadata: .assignedCalls, .viewCallMetrics: .assignedCalls,
              .playCall: .assignedCalls, .scoreCall: .assignedCalls, .claimCalls: .unrestricted, .resolveDispute: .unrestricted,
              .manageRubrics: .unrestricted, .manageQueue: .unrestricted, .viewReports: .unrestricted, .runCalibration: .unrestricted],
]

struct MatrixCell: Sendable, CustomTestStringConvertible {
    let role: Role
    let permission: Permission
    var testDescription: String { "\(role.rawValue) × \(permission.rawValue)" }
}

private let allCells = Role.allCases.flatMap { role in Permission.allCases.map { MatrixCell(role: role, permission: $0) } }
private let refusedCells = allCells.filter { expectedGrants[$0.role]?[$0.permission] == nil }
private let allowedCells = allCells.filter { expectedGrants[$0.role]?[$0.permission] != nil }

/// A call in the user's team, assigned to the user: inside every scope, so only the role can refuse.
private func friendlyCall(for user: UserAccount) -> CallContext {
    CallContext(callID: "20261123-abcdef0123", team: "team-2", assignees: [user.username])
}

private func user(_ roles: Set<Role>, name: String = "u1", teams: Set<String> = ["team-2"], disabled: Bool = false) -> UserAccount {
    UserAccount(username: name, roles: roles, teams: teams, disabled: disabled, createdAt: Date(timeIntervalSince1970: 0))
}

@Suite struct AccessPolicyMatrixTests {
    @Test func matrixHasEveryCellOnce() {
        #expect(allCells.count == Role.allCases.count * Permission.allCases.count)
        #expect(refusedCells.count == 77 && allowedCells.count == 43)
    }

    @Test(arguments: refusedCells)
    func refusedCell(_ cell: MatrixCell) {
        let u = user([cell.role])
        #expect(AccessPolicy.grant(cell.role, cell.permission) == nil)
        #expect(AccessPolicy.decide(u, cell.permission, call: friendlyCall(for: u), team: "team-2", reason: "legal request 2026-17")
                == .refused(.roleLacksPermission))
        #expect(AccessPolicy.scope(for: u, cell.permission) == .none)
    }

    @Test(arguments: allowedCells)
    func allowedCell(_ cell: MatrixCell) {
        let u = user([cell.role])
        #expect(AccessPolicy.grant(cell.role, cell.permission) == expectedGrants[cell.role]?[cell.permission])
        #expect(AccessPolicy.decide(u, cell.permission, call: friendlyCall(for: u), reason: "legal request 2026-17") == .allowed)
    }
}

@Suite struct AccessPolicyScopeTests {
    let call = CallContext(callID: "c1", team: "team-2", assignees: ["eva"])

    @Test func evaluatorPlaysOnlyAssignedCalls() {
        let eva = user([.evaluator], name: "eva", teams: [])
        let other = user([.evaluator], name: "evb", teams: ["team-2"])
        #expect(AccessPolicy.decide(eva, .playCall, call: call) == .allowed)
        #expect(AccessPolicy.decide(eva, .scoreCall, call: call) == .allowed)
        #expect(AccessPolicy.decide(other, .playCall, call: call) == .refused(.notAssigned))
        #expect(AccessPolicy.decide(other, .viewCallMetadata, call: call) == .refused(.notAssigned))
        #expect(AccessPolicy.scope(for: eva, .listCalls) == .limited(teams: [], assignedTo: "eva"))
    }

    @Test func supervisorSeesOnlyTheirTeams() {
        let sup = user([.supervisor], name: "sup", teams: ["team-1"])
        #expect(AccessPolicy.decide(sup, .playCall, call: call) == .refused(.outsideTeams))
        #expect(AccessPolicy.decide(sup, .playCall, call: CallContext(callID: "c2", team: "team-1")) == .allowed)
        #expect(AccessPolicy.decide(sup, .playCall, call: CallContext(callID: "c3", team: nil)) == .refused(.outsideTeams))
        #expect(AccessPolicy.decide(sup, .viewReports, team: "team-1") == .allowed)
        #expect(AccessPolicy.decide(sup, .viewReports, team: "team-2") == .refused(.outsideTeams))
        #expect(AccessPolicy.scope(for: sup, .listCalls) == .limited(teams: ["team-1"], assignedTo: nil))
    }

    @Test(arguments: Permission.allCases)
    func disabledUserIsRefusedEverything(_ permission: Permission) {
        let everything = user(Set(Role.allCases), disabled: true)
        #expect(AccessPolicy.decide(everything, permission, call: friendlyCall(for: everything), reason: "r")
                == .refused(.accountDisabled))
        #expect(AccessPolicy.scope(for: everything, permission) == .none)
    }

    @Test func adminCannotHearOrSeeCalls() {
        let admin = user([.admin], name: "root", teams: ["team-2"])
        let assigned = CallContext(callID: "c1", team: "team-2", assignees: ["root"])
        for permission in [Permission.playCall, .exportCall, .viewCallMetadata, .viewCallMetrics, .listCalls] {
            #expect(AccessPolicy.decide(admin, permission, call: assigned, reason: "r") == .refused(.roleLacksPermission))
        }
        #expect(AccessPolicy.callerNumber("010-1234-5678", for: admin, on: assigned) == nil)
        let adminAndSupervisor = user([.admin, .supervisor], name: "root", teams: ["team-2"])
        #expect(AccessPolicy.decide(adminAndSupervisor, .playCall, call: assigned) == .allowed)
    }

    @Test func archivistExportsOnlyWithAReasonAndNeverPlays() {
        let arch = user([.archivist], name: "arch", teams: [])
        #expect(AccessPolicy.decide(arch, .exportCall, call: call) == .refused(.reasonRequired))
        #expect(AccessPolicy.decide(arch, .exportCall, call: call, reason: "  ") == .refused(.reasonRequired))
        #expect(AccessPolicy.decide(arch, .exportCall, call: call, reason: "court order 2026-77") == .allowed)
        #expect(AccessPolicy.decide(arch, .manageHolds, reason: nil) == .refused(.reasonRequired))
        #expect(AccessPolicy.decide(arch, .playCall, call: call) == .refused(.roleLacksPermission))
        #expect(AccessPolicy.scope(for: arch, .listCalls) == .all)
    }

    @Test func callPermissionsNeedACall() {
        let eva = user([.evaluator], name: "eva")
        #expect(AccessPolicy.decide(eva, .playCall) == .refused(.callRequired))
        #expect(AccessPolicy.decide(eva, .listCalls) == .allowed)
    }

    @Test func callerNumberIsMaskedForEvaluatorsOnly() {
        let eva = user([.evaluator], name: "eva")
        let sup = user([.supervisor], name: "sup", teams: ["team-2"])
        let arch = user([.archivist], name: "arch")
        #expect(AccessPolicy.callerNumber("010-1234-5678", for: eva, on: call) == "010-****-5678")
        #expect(AccessPolicy.callerNumber("010-1234-5678", for: sup, on: call) == "010-1234-5678")
        #expect(AccessPolicy.callerNumber("010-1234-5678", for: arch, on: call) == "010-1234-5678")
        #expect(AccessPolicy.callerNumber("010-1234-5678", for: user([.evaluator], name: "evb"), on: call) == nil)
    }

    @Test func severalRolesGetTheUnionOfTheirScopes() {
        let both = user([.evaluator, .supervisor], name: "eva", teams: ["team-1"])
        #expect(AccessPolicy.decide(both, .playCall, call: call) == .allowed)  // assigned
        #expect(AccessPolicy.decide(both, .playCall, call: CallContext(callID: "c2", team: "team-1")) == .allowed)  // own team
        #expect(AccessPolicy.decide(both, .playCall, call: CallContext(callID: "c3", team: "team-3")) == .refused(.outsideTeams))
        #expect(AccessPolicy.decide(both, .scoreCall, call: CallContext(callID: "c2", team: "team-1")) == .refused(.notAssigned))
        #expect(AccessPolicy.scope(for: both, .listCalls) == .limited(teams: ["team-1"], assignedTo: "eva"))
    }

    @Test(arguments: [("kim.minsu", true), ("a017", true), ("ops-2_b", true), ("", false), ("Kim", false),
                      (".hidden", false), ("a b", false), ("김민수", false), (String(repeating: "a", count: 65), false)])
    func usernames(name: String, valid: Bool) {
        #expect(UserAccount.isValidUsername(name) == valid)
    }

    @Test func userJSONIsStable() throws {
        let u = UserAccount(username: "eva", roles: [.supervisor, .evaluator], teams: ["t2", "t1"], createdAt: Date(timeIntervalSince1970: 0))
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let json = String(decoding: try encoder.encode(u), as: UTF8.self)
        #expect(json.contains(#""roles":["evaluator","supervisor"]"#) && json.contains(#""teams":["t1","t2"]"#))
        #expect(try JSONDecoder().decode(UserAccount.self, from: Data(json.utf8)) == u)
    }
}

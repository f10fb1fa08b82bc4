import CallModel
import Foundation
import Testing

/// The QA cells of the permission matrix that depend on scope (the per-cell role tests are in AccessPolicyTests).
@Suite struct QAAccessPolicyTests {
    func user(_ roles: Set<Role>, _ name: String, teams: Set<String> = []) -> UserAccount {
        UserAccount(username: name, roles: roles, teams: teams, disabled: false, createdAt: Date(timeIntervalSince1970: 0))
    }

    @Test func qaLeadHearsOnlyAssignedCallsButManagesEveryTeam() {
        let lead = user([.qaLead], "lead")
        #expect(AccessPolicy.decide(lead, .playCall, call: CallContext(callID: "c1", team: "team-1")) == .refused(.notAssigned))
        #expect(AccessPolicy.decide(lead, .playCall, call: CallContext(callID: "c1", team: "team-1", assignees: ["lead"])) == .allowed)
        #expect(AccessPolicy.decide(lead, .viewReports, team: "team-7") == .allowed)
        #expect(AccessPolicy.decide(lead, .manageQueue, team: "team-7") == .allowed)
        #expect(AccessPolicy.decide(lead, .viewCallerNumber, call: CallContext(callID: "c1", team: "t", assignees: ["lead"]))
                == .refused(.roleLacksPermission))
    }

    @Test func supervisorDisputesOnlyTheirTeamsEvaluations() {
        let sup = user([.supervisor], "sup", teams: ["team-1"])
        #expect(AccessPolicy.decide(sup, .disputeEvaluation, call: CallContext(callID: "c1", team: "team-1")) == .allowed)
        #expect(AccessPolicy.decide(sup, .disputeEvaluation, call: CallContext(callID: "c2", team: "team-2")) == .refused(.outsideTeams))
        #expect(AccessPolicy.decide(sup, .disputeEvaluation) == .refused(.callRequired))
        #expect(AccessPolicy.decide(sup, .resolveDispute) == .refused(.roleLacksPermission))
    }

    @Test func evaluatorClaimsButNeitherSamplesNorReports() {
        let eva = user([.evaluator], "eva")
        #expect(AccessPolicy.decide(eva, .claimCalls) == .allowed)
        #expect(AccessPolicy.decide(eva, .manageQueue) == .refused(.roleLacksPermission))
        #expect(AccessPolicy.decide(eva, .viewReports) == .refused(.roleLacksPermission))
        #expect(AccessPolicy.decide(eva, .manageRubrics) == .refused(.roleLacksPermission))
    }
}

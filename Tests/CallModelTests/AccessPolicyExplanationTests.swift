import CallModel
import Testing

/// Refusals told to people name the roles the permission matrix would allow.
@Suite struct AccessPolicyExplanationTests {
    @Test(arguments: Permission.allCases)
    func everyPermissionNamesTheRolesThatGrantIt(permission: Permission) {
        let granting = AccessPolicy.rolesGranting(permission)
        #expect(!granting.isEmpty, "a permission no role grants")
        for (role, grant) in granting { #expect(AccessPolicy.grant(role, permission) == grant) }
        let text = AccessPolicy.explain(.roleLacksPermission, permission, roles: [.evaluator])
        for (role, _) in granting { #expect(text.contains(role.rawValue)) }
        #expect(text.contains(permission.rawValue) && text.contains("your role (evaluator)"))
    }

    @Test func metricsAreForSupervisorsAndAssignedEvaluatorsNotArchivists() {
        let text = AccessPolicy.explain(.roleLacksPermission, .viewCallMetrics, roles: [.archivist])
        #expect(text.contains("supervisor (calls of their own teams)"))
        #expect(text.contains("evaluator (calls the QA queue assigned to them)"))
        #expect(!text.contains("archivist ("))
        #expect(AccessPolicy.explain(.outsideTeams, .playCall, roles: [.supervisor]).contains("team you do not supervise"))
        // Keys are not about calls: no "every call" after admin.
        #expect(AccessPolicy.allowedRoles(.manageKeys) == "admin")
        #expect(AccessPolicy.allowedRoles(.exportCall) == "archivist (every call)")
    }
}

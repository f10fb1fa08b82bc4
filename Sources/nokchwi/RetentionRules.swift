import CallArchive
import CallCatalog
import CallModel
import CallPipeline
import Foundation

/// The home's retention safeguards (issue #21), applied by every command that assigns retention or destroys:
/// the floor (`init --retention-floor-days`) and the two-person rule (`retention.two_person`, `init --two-person-retention`).
enum RetentionRules {
    /// Refuses a policy with a class shorter than the home's floor, unless an admin confirmed this exact policy
    /// (`nokchwi retention confirm-short`).
    static func checkFloor(_ policy: RetentionPolicy, catalog: Catalog) throws {
        let floor = try catalog.homeSettings().retentionFloorDays
        let short = policy.classes(shorterThan: floor)
        guard !short.isEmpty else { return }
        if try catalog.shortRetentionConfirmation(policySHA256: policy.snapshotSHA256) != nil { return }
        let names = short.map { "\($0.name) (\($0.period))" }.joined(separator: ", ")
        throw CLIError("retention class \(names) keeps calls fewer than this home's floor of \(floor) days (set at `nokchwi init --retention-floor-days`); nothing was done. An admin must confirm this exact policy first: `nokchwi retention confirm-short --pipeline FILE --reason TEXT`")
    }

    /// Turns the two-person rule on for good when the pipeline asks for it; returns whether it is on.
    static func twoPerson(_ definition: PipelineDefinition?, access: CommandAccess) throws -> Bool {
        let environment = try CommandAccess.environmentPipeline()
        if definition?.retentionTwoPerson == true || environment?.retentionTwoPerson == true {
            try access.catalog.enableTwoPersonRetention(audit: access.session.draft(
                AuditAction("retention-two-person-on"), at: Date(), detail: ["pipeline": definition?.name ?? "environment"]))
        }
        return try access.catalog.homeSettings().twoPersonRetention
    }

    /// Under the two-person rule (`RetentionGate`): without `--request`, records a pending request and tells how it is
    /// approved (returns false: do nothing now); with one, uses it and returns true.
    static func gate(_ kind: RetentionRequest.Kind, target: String, reason: String, request: Int64?,
                     access: CommandAccess, json: Bool) throws -> Bool {
        let outcome = try RetentionGate(catalog: access.catalog).pass(
            kind, target: target, reason: reason, request: request, account: access.session.username,
            sourceAddress: access.session.sourceAddress, at: Date())
        guard case .requested(let made) = outcome else { return true }
        if json {
            try Output.json(made)
        } else {
            Output.line("two-person rule: request #\(made.id) (\(kind.rawValue) \(target)) waits for a second archivist;")
            Output.line("  they run `nokchwi retention approve \(made.id)`, then run this command again with --request \(made.id)")
        }
        return false
    }
}

import CallAccess
import CallArchive
import CallCatalog
import CallModel
import Foundation

/// What the archivist's console shows (page and `/api/archive`): audit-trail status, the last scrub, retention
/// classes with the calls falling due within 30 days, the exact count a purge would destroy now, the two-person
/// requests, legal holds, the latest purge runs with their certificates, and quarantined input.
struct ArchiveConsole: Encodable {
    struct Hold: Encodable { let id: Int64; let callIDs: [String]; let holder: String; let reason: String; let placedAt: Date }
    struct Run: Encodable { let id: Int64; let startedAt: Date; let status: String; let certificate: String? }
    struct Quarantined: Encodable { let file: String; let reason: String; let at: Date }
    struct Scrub: Encodable { let at: Date; let account: String; let counts: [String: String] }
    struct Request: Encodable {
        let id: Int64; let kind: String; let target: String; let reason: String; let requestedBy: String
        let approvedBy: String?; let state: String; let canApprove: Bool; let canRun: Bool
    }

    let asOf: Date
    let auditEntries: Int64
    let auditHeadAt: Date?
    let lastScrub: Scrub?
    let classes: [RetentionClassCount]
    /// Calls a purge would destroy now, and expired calls kept by a hold.
    let purgeDue: Int
    let expiredHeld: Int
    let twoPersonRule: Bool
    let requests: [Request]
    let holds: [Hold]
    let purgeRuns: [Run]
    let quarantine: [Quarantined]

    static let dueHorizon: TimeInterval = 30 * 86_400

    init(catalog: Catalog, user: Session, now: Date) throws {
        asOf = now
        auditEntries = try catalog.auditCount()
        auditHeadAt = try catalog.auditHead()?.at
        lastScrub = try catalog.auditEntries(AuditQuery(action: .scrub, limit: 1, newestFirst: true)).first.map {
            Scrub(at: $0.at, account: $0.account, counts: $0.detail)
        }
        classes = try catalog.retentionClassCounts(dueBy: now.addingTimeInterval(Self.dueHorizon))
        purgeDue = try catalog.expiredCallCount(asOf: now)
        expiredHeld = try catalog.heldExpiredCount(asOf: now)
        twoPersonRule = try catalog.homeSettings().twoPersonRetention
        requests = try catalog.retentionRequests(limit: 50).filter { $0.usedAt == nil }.map {
            Request(id: $0.id, kind: $0.kind.rawValue, target: $0.target, reason: PersonalDataRedactor.redact($0.reason),
                    requestedBy: $0.requestedBy, approvedBy: $0.approvedBy, state: $0.state,
                    canApprove: $0.approvedBy == nil && $0.requestedBy != user.username,
                    canRun: $0.approvedBy != nil && $0.requestedBy == user.username)
        }
        holds = try catalog.legalHolds().filter(\.isActive).map {
            Hold(id: $0.id, callIDs: $0.callIDs.map(\.rawValue), holder: $0.holder, reason: PersonalDataRedactor.redact($0.reason), placedAt: $0.placedAt)
        }
        purgeRuns = try catalog.purgeRuns(limit: 10).map {
            Run(id: $0.id ?? 0, startedAt: $0.startedAt, status: $0.status.rawValue,
                certificate: $0.certificateTextPath.map { URL(fileURLWithPath: $0).lastPathComponent })
        }
        quarantine = try catalog.quarantineRecords(limit: 100).map {
            Quarantined(file: URL(fileURLWithPath: $0.path).lastPathComponent, reason: $0.reasonCode.rawValue, at: $0.detectedAt)
        }
    }

    /// Template values; `language` words the sentences.
    func values(_ language: Language) -> [String: Any] {
        let scrub = lastScrub.map { s in
            "\(Pages.minute(s.at)) \(s.account): " + s.counts.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
        }
        return [
            "audit": "\(language.text("entries")) \(auditEntries); \(language.text("lastEntry")) \(Pages.minute(auditHeadAt)); `nokchwi audit verify`",
            "scrub": scrub ?? language.text("none"),
            "classes": classes.map { ["name": $0.retentionClass, "calls": "\($0.stored)", "due": "\($0.dueSoon)"] },
            "purgeDue": "\(purgeDue)", "expiredHeld": "\(expiredHeld)", "canPurge": purgeDue > 0, "twoPerson": twoPersonRule,
            "hasRequests": !requests.isEmpty,
            "requests": requests.map { r -> [String: Any] in
                ["id": "\(r.id)", "kind": r.kind, "target": r.target, "reason": r.reason, "requestedBy": r.requestedBy,
                 "approvedBy": r.approvedBy ?? "-", "state": r.state, "canApprove": r.canApprove,
                 "runPurge": r.canRun && r.kind == RetentionRequest.Kind.purge.rawValue,
                 "count": r.target.hasPrefix("limit=") ? String(r.target.dropFirst(6)) : "",
                 "runRelease": r.canRun && r.kind == RetentionRequest.Kind.holdRelease.rawValue,
                 "hold": r.target.hasPrefix("hold=") ? String(r.target.dropFirst(5)) : ""]
            },
            "holds": holds.map { ["id": "\($0.id)", "callID": $0.callIDs.joined(separator: ", "), "reason": $0.reason] },
            "certificates": purgeRuns.map { r -> [String: Any] in
                ["id": "\(r.id)", "at": Pages.minute(r.startedAt), "status": r.status, "hasCertificate": r.certificate != nil]
            },
            "quarantine": quarantine.map { ["file": $0.file, "reason": $0.reason] },
        ]
    }
}

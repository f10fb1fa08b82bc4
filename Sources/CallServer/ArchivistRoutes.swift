import CallAccess
import CallCatalog
import CallModel
import Foundation
import Hummingbird

/// The archivist's console: audit-chain status, legal holds (add, release: with a reason, audited), what the next
/// purge would destroy (a dry count; the purge itself stays `nokchwi purge`, run by the service account's timer),
/// the latest purge runs and their certificates, and quarantined input.
struct ArchivistRoutes {
    let pages: Pages

    func register(_ router: Router<WebContext>) {
        router.get("/archive") { request, context in
            let console = try load(context)
            var values = console.values
            if let flash = request.uri.queryParameters.get("done") { values["flash"] = flash == "hold" ? "✓" : flash == "released" ? "✓" : nil }
            return pages.render("archive", title: "archive", values, request, context)
        }
        router.get("/api/archive") { _, context in Response.json(try load(context)) }
        router.post("/archive/holds") { request, context in
            let user = try pages.user(context)
            let form = try await pages.form(request, context)
            guard let raw = form.value("call")?.trimmingCharacters(in: .whitespaces), !raw.isEmpty, raw.utf8.count <= 100 else {
                throw WebError.badRequest("call: the call id to hold")
            }
            let reason = form.value("reason") ?? ""
            let id = CallID(rawValue: raw)
            try pages.services.guardian.authorize(user, .manageHolds, reason: reason)
            do {
                try pages.services.catalog.placeHold(holder: form.value("holder").flatMap { $0.isEmpty ? nil : $0 } ?? user.username,
                                                     reason: reason, selection: .calls([id]), by: user.username,
                                                     from: user.sourceAddress, at: pages.services.clock.now())
            } catch let error as CatalogError {
                throw WebError.badRequest(error.message)
            }
            return Response.redirect(to: "/archive?done=hold")
        }
        router.post("/archive/holds/:hold/release") { request, context in
            let user = try pages.user(context)
            guard let hold = context.parameters.get("hold").flatMap({ Int64($0) }) else { throw WebError.notFound }
            let form = try await pages.form(request, context)
            try pages.services.guardian.authorize(user, .manageHolds, reason: form.value("reason"))
            do {
                try pages.services.catalog.releaseHold(id: hold, reason: form.value("reason") ?? "", by: user.username,
                                                       from: user.sourceAddress, at: pages.services.clock.now())
            } catch let error as CatalogError {
                throw WebError.badRequest(error.message)
            }
            return Response.redirect(to: "/archive?done=released")
        }
    }

    private func load(_ context: WebContext) throws -> Console {
        let user = try pages.user(context)
        let services = pages.services, catalog = services.catalog
        try services.guardian.authorize(user, .manageRetention, record: .viewReport, detail: ["report": "archive-console", "via": "web"])
        let now = services.clock.now()
        let head = try catalog.auditHead()
        let holds = try catalog.legalHolds().filter(\.isActive)
        let expired = try catalog.expiredCalls(asOf: now, limit: 10_000).count
        let held = try catalog.heldExpiredCount(asOf: now)
        let runs = try catalog.purgeRuns(limit: 10)
        let quarantine = try catalog.quarantineRecords(limit: 100)
        return Console(auditEntries: try catalog.auditCount(), auditHeadAt: head?.at,
                       holds: holds.map { HoldJSON(id: $0.id, callIDs: $0.callIDs.map(\.rawValue), holder: $0.holder, reason: PersonalDataRedactor.redact($0.reason), placedAt: $0.placedAt) },
                       expiredDue: expired, expiredHeld: held,
                       purgeRuns: runs.map { RunJSON(id: $0.id ?? 0, startedAt: $0.startedAt, status: $0.status.rawValue, certificate: $0.certificateTextPath.map { URL(fileURLWithPath: $0).lastPathComponent }) },
                       quarantine: quarantine.map { QuarantineJSON(file: URL(fileURLWithPath: $0.path).lastPathComponent, reason: $0.reasonCode.rawValue, at: $0.detectedAt) })
    }

    struct HoldJSON: Encodable { let id: Int64; let callIDs: [String]; let holder: String; let reason: String; let placedAt: Date }
    struct RunJSON: Encodable { let id: Int64; let startedAt: Date; let status: String; let certificate: String? }
    struct QuarantineJSON: Encodable { let file: String; let reason: String; let at: Date }

    struct Console: Encodable {
        let auditEntries: Int64
        let auditHeadAt: Date?
        let holds: [HoldJSON]
        let expiredDue: Int
        let expiredHeld: Int
        let purgeRuns: [RunJSON]
        let quarantine: [QuarantineJSON]

        var values: [String: Any] {
            [
                "audit": "\(auditEntries) entries; last \(Pages.minute(auditHeadAt)); `nokchwi audit verify` checks the chain",
                "holds": holds.map { ["id": "\($0.id)", "callID": $0.callIDs.joined(separator: ", "), "reason": $0.reason] },
                "purgeSummary": "\(expiredDue) call(s) past retention (\(expiredHeld) of them under a legal hold); `nokchwi purge --dry-run` lists them",
                "certificates": purgeRuns.map { "#\($0.id) \(Pages.minute($0.startedAt)) \($0.status) \($0.certificate ?? "")" },
                "quarantine": quarantine.map { ["file": $0.file, "reason": $0.reason] },
            ]
        }
    }
}

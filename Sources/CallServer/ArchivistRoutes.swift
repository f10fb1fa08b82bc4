import CallAccess
import CallArchive
import CallCatalog
import CallModel
import Foundation
import Hummingbird

/// The archivist's console: audit-trail and scrub status, retention classes, legal holds (add, release), the purge
/// (the exact count due, run only after the archivist types that count; under the two-person rule a request that a
/// second archivist approves here first), the two-person requests, the purge runs with their certificates, and
/// quarantined input. Every change is audited by the catalog step it calls, as from the CLI.
struct ArchivistRoutes {
    let pages: Pages

    func register(_ router: Router<WebContext>) {
        router.get("/archive") { request, context in
            let language = pages.language(request, context)
            var values = try load(context).values(language)
            let query = request.uri.queryParameters
            if let done = query.get("done"), Labels.english["done." + done] != nil {
                let number = query.get("n").flatMap { Int64($0) }.map { " #\($0)" } ?? ""
                values["flash"] = language.text("done." + done) + number
            }
            return pages.render("archive", title: "archive", values, request, context)
        }
        router.get("/api/archive") { _, context in Response.json(try load(context)) }
        router.get("/archive/certificates/:run") { _, context in try certificate(context) }
        router.post("/archive/purge") { request, context in
            let form = try await pages.form(request, context)
            return try purge(try pages.user(context), form)
        }
        router.post("/archive/requests/:request/approve") { request, context in
            let user = try pages.user(context)
            guard let id = context.parameters.get("request").flatMap({ Int64($0) }) else { throw WebError.notFound }
            let catalog = pages.services.catalog
            guard let made = try catalog.retentionRequests(limit: 100_000).first(where: { $0.id == id }) else {
                try pages.services.guardian.authorize(user, .runPurge)
                throw WebError.notFound
            }
            try pages.services.guardian.authorize(user, made.kind == .purge ? .runPurge : .manageHolds, reason: made.reason)
            try badRequestOnCatalogError {
                _ = try catalog.approveRetentionRequest(id: id, audit: user.draft(AuditAction("retention-approve"), at: pages.services.clock.now()))
            }
            return Response.redirect(to: "/archive?done=approved&n=\(id)")
        }
        router.post("/archive/holds") { request, context in
            let user = try pages.user(context)
            let form = try await pages.form(request, context)
            guard let raw = form.value("call")?.trimmingCharacters(in: .whitespaces), !raw.isEmpty, raw.utf8.count <= 100 else {
                throw WebError.badRequest("call: the call id to hold")
            }
            let reason = form.value("reason") ?? ""
            try pages.services.guardian.authorize(user, .manageHolds, reason: reason)
            try badRequestOnCatalogError {
                try pages.services.catalog.placeHold(holder: form.value("holder").flatMap { $0.isEmpty ? nil : $0 } ?? user.username,
                                                     reason: reason, selection: .calls([CallID(rawValue: raw)]), by: user.username,
                                                     from: user.sourceAddress, at: pages.services.clock.now())
            }
            return Response.redirect(to: "/archive?done=hold")
        }
        router.post("/archive/holds/:hold/release") { request, context in
            let user = try pages.user(context)
            guard let hold = context.parameters.get("hold").flatMap({ Int64($0) }) else { throw WebError.notFound }
            let form = try await pages.form(request, context)
            let reason = form.value("reason") ?? ""
            try pages.services.guardian.authorize(user, .manageHolds, reason: reason)
            let catalog = pages.services.catalog, now = pages.services.clock.now()
            guard let held = try catalog.legalHold(id: hold), held.releasedAt == nil else { throw WebError.badRequest("no active legal hold #\(hold)") }
            var outcome = RetentionGate.Outcome.proceed(approvedBy: nil)
            try badRequestOnCatalogError {
                outcome = try RetentionGate(catalog: catalog).pass(.holdRelease, target: "hold=\(hold)", reason: reason, request: form.int64("request"),
                                                                    account: user.username, sourceAddress: user.sourceAddress, at: now)
                if case .proceed = outcome {
                    _ = try catalog.releaseHold(id: hold, reason: reason, by: user.username, from: user.sourceAddress, at: now)
                }
            }
            if case .requested(let made) = outcome { return Response.redirect(to: "/archive?done=requested&n=\(made.id)") }
            return Response.redirect(to: "/archive?done=released")
        }
    }

    /// Runs a purge the archivist confirmed by typing the count. Without the two-person rule the count must be the
    /// number due now, and the run destroys at most that many; under it, the first confirmation records a request
    /// for that count and the requester runs it (at most that many) once a second archivist approved it.
    private func purge(_ user: Session, _ form: FormFields) throws -> Response {
        let services = pages.services, catalog = services.catalog, now = services.clock.now()
        let reason = (form.value("reason") ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        try services.guardian.authorize(user, .runPurge)
        guard !reason.isEmpty else { throw WebError.badRequest("reason: why this purge runs (recorded with it)") }
        let confirmed = form.value("confirm").flatMap { Int($0.trimmingCharacters(in: .whitespaces)) }
        let gate = RetentionGate(catalog: catalog)
        let request = try gate.isOn ? form.int64("request") : nil  // a request only counts under the rule
        let count: Int
        if let request {
            guard let made = try catalog.retentionRequests(limit: 100_000).first(where: { $0.id == request }),
                  made.kind == .purge, let n = Int(made.target.dropFirst("limit=".count)), made.target.hasPrefix("limit=") else {
                throw WebError.badRequest("no purge request #\(request); the console lists the requests")
            }
            count = n
        } else {
            count = try catalog.expiredCallCount(asOf: now)
            guard count > 0 else { throw WebError.badRequest("no call is due for destruction now; nothing was done") }
        }
        guard confirmed == count else {
            throw WebError.badRequest("type the number of calls to destroy (\(count)) to confirm; nothing was done")
        }
        var outcome = RetentionGate.Outcome.proceed(approvedBy: nil)
        try badRequestOnCatalogError {
            outcome = try gate.pass(.purge, target: "limit=\(count)", reason: reason, request: request,
                                                                account: user.username, sourceAddress: user.sourceAddress, at: now)
        }
        if case .requested(let made) = outcome { return Response.redirect(to: "/archive?done=requested&n=\(made.id)") }
        let runner = PurgeRunner(home: services.home, catalog: catalog, policy: pages.configuration.retention, clock: services.clock,
                                 options: PurgeOptions(operatorAccount: user.username, sourceAddress: user.sourceAddress,
                                                       maximumCallsPerRun: count), logger: services.logger)
        do {
            let report = try runner.run()
            return Response.redirect(to: "/archive?done=purged&n=\(report.newRun?.certificate.runID ?? 0)")
        } catch let error as PurgeError {
            throw WebError.badRequest(error.description)
        }
    }

    /// A purge run's destruction certificate (the text form), from the home's certificates folder only.
    private func certificate(_ context: WebContext) throws -> Response {
        let user = try pages.user(context)
        guard let id = context.parameters.get("run").flatMap({ Int64($0) }) else { throw WebError.notFound }
        try pages.services.guardian.authorize(user, .manageRetention, record: .viewReport, detail: ["report": "certificate", "run": String(id), "via": "web"])
        let folder = pages.services.home.certificatesDirectory.standardizedFileURL.path + "/"
        guard let path = try pages.services.catalog.purgeRun(id: id)?.certificateTextPath,
              URL(fileURLWithPath: path).standardizedFileURL.path.hasPrefix(folder),
              let text = FileManager.default.contents(atPath: path) else { throw WebError.notFound }
        return Response.text(String(decoding: text, as: UTF8.self))
    }

    private func load(_ context: WebContext) throws -> ArchiveConsole {
        let user = try pages.user(context)
        try pages.services.guardian.authorize(user, .manageRetention, record: .viewReport, detail: ["report": "archive-console", "via": "web"])
        return try ArchiveConsole(catalog: pages.services.catalog, user: user, now: pages.services.clock.now())
    }

    /// A catalog refusal (an unknown or used request, one's own approval, a hold already released) is the user's to fix.
    private func badRequestOnCatalogError(_ body: () throws -> Void) throws {
        do { try body() } catch let error as CatalogError { throw WebError.badRequest(error.message) }
    }
}

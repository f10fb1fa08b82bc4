import CallAccess
import CallCatalog
import CallModel
import CallReview
import Foundation
import Hummingbird

/// The evaluator's desk: the queue (calls they hold, their recent evaluations), "next call" (the QA lease), the
/// call page (player, timeline, rubric form with their draft), drafts saved as they go, submit. Through
/// `ReviewDesk`, the same steps as `nokchwi qa next|score`.
struct EvaluatorRoutes {
    let pages: Pages

    func register(_ router: Router<WebContext>) {
        router.get("/qa") { request, context in
            let model = try queue(try pages.user(context))
            var values = model.values
            if request.uri.queryParameters.get("done") != nil {
                values["flash"] = pages.language(request, context).text("submitted")
            } else if request.uri.queryParameters.get("empty") != nil {
                values["flash"] = pages.language(request, context).text("noCalls")
            }
            return pages.render("queue", title: "queue", values, request, context)
        }
        router.get("/api/qa") { _, context in Response.json(try queue(try pages.user(context)).json) }
        router.post("/qa/next") { _, context in
            guard let claim = try claimNext(try pages.user(context)) else { return Response.redirect(to: "/qa?empty=1") }
            return Response.redirect(to: "/calls/\(claim.sample.callID)")
        }
        router.post("/api/qa/next") { _, context in
            let claim = try claimNext(try pages.user(context))
            return Response.json(ClaimJSON(claimed: claim != nil, callID: claim?.sample.callID, resumed: claim?.resumed,
                                           leaseExpiresAt: claim?.sample.leaseExpiresAt))
        }
        router.post("/qa/:id/release") { _, context in
            let user = try pages.user(context), id = try pages.callID(context)
            try pages.services.guardian.authorize(user, .claimCalls)
            guard try pages.services.catalog.releaseQASample(callID: id.rawValue, evaluator: user.username, now: pages.services.clock.now(),
                                                             actor: AuditActor(account: user.username, sourceAddress: user.sourceAddress)) else {
                throw WebError.notFound
            }
            return Response.redirect(to: "/qa")
        }
        router.post("/api/qa/:id/draft") { request, context in
            let saved = try await save(request, context, submit: false)
            return Response.json(SavedJSON(saved))
        }
        router.post("/api/qa/:id/submit") { request, context in
            let saved = try await save(request, context, submit: true)
            return Response.json(SavedJSON(saved))
        }
        router.post("/qa/:id/submit") { request, context in
            _ = try await save(request, context, submit: true)
            return Response.redirect(to: "/qa?done=1")
        }
        CallPageRoutes(pages: pages).register(router)
    }

    private func claimNext(_ user: Session) throws -> QAClaim? {
        try pages.services.desk.claimNext(user, configuration: pages.configuration.qa)
    }

    private func save(_ request: Request, _ context: WebContext, submit: Bool) async throws -> ReviewDesk.Saved {
        let user = try pages.user(context), id = try pages.callID(context)
        let form = try await pages.form(request, context)
        var fields: [String: String] = [:], comments: [String: String] = [:], times: [String: Double] = [:]
        for (name, value) in form.values {
            if name.hasPrefix("comment.") { comments[String(name.dropFirst(8))] = value }
            else if name.hasPrefix("at.") { times[String(name.dropFirst(3))] = Double(value) }
            else if name != "_csrf", name != "comment" { fields[name] = value }
        }
        return try pages.services.desk.save(user, callID: id, submit: submit, file: "form") { rubric in
            try ReviewDesk.formAnswers(fields, comments: comments, times: times, comment: form.value("comment"),
                                       rubric: rubric, complete: submit)
        }
    }

    struct QueueModel {
        var values: [String: Any]
        var json: QueueJSON
    }

    private func queue(_ user: Session) throws -> QueueModel {
        let desk = pages.services.desk
        let claimed = try desk.claimed(user)
        let recent = try pages.services.catalog.qaEvaluations(evaluator: user.username, status: .submitted, limit: 20)
        let counts = try pages.services.catalog.qaQueueCounts(now: pages.services.clock.now())
        let claimedRows: [[String: Any]] = claimed.map {
            ["callID": $0.callID, "agentID": $0.agentID, "team": $0.team ?? "-", "plan": $0.plan, "period": $0.period,
             "leaseUntil": $0.leaseExpiresAt ?? "-"]
        }
        let recentRows: [[String: Any]] = recent.map {
            ["callID": $0.callID, "agentID": $0.agentID ?? "-", "score": $0.score.map { String(format: "%.2f", $0) } ?? "n/a",
             "at": $0.submittedAt ?? "-"]
        }
        let countText = ["queued", "claimed", "expired", "submitted"].map { "\($0) \(counts[$0] ?? 0)" }.joined(separator: " · ")
        return QueueModel(values: ["claimed": claimedRows, "recent": recentRows, "counts": countText],
                          json: QueueJSON(claimed: claimed.map { ClaimJSON(claimed: true, callID: $0.callID, resumed: nil, leaseExpiresAt: $0.leaseExpiresAt) },
                                          counts: counts,
                                          recent: recent.map { RecentJSON(callID: $0.callID, agentID: $0.agentID, score: $0.score, submittedAt: $0.submittedAt) }))
    }

    struct ClaimJSON: Encodable {
        let claimed: Bool
        let callID: String?
        let resumed: Bool?
        let leaseExpiresAt: String?
        enum CodingKeys: String, CodingKey { case claimed, callID = "call_id", resumed, leaseExpiresAt = "lease_expires_at" }
    }

    struct RecentJSON: Encodable {
        let callID: String
        let agentID: String?
        let score: Double?
        let submittedAt: String?
        enum CodingKeys: String, CodingKey { case callID = "call_id", agentID = "agent_id", score, submittedAt = "submitted_at" }
    }

    struct QueueJSON: Encodable {
        let claimed: [ClaimJSON]
        let counts: [String: Int]
        let recent: [RecentJSON]
    }

    struct SavedJSON: Encodable {
        let id: Int64
        let callID: String
        let status: String
        let score: EvaluationScore
        init(_ saved: ReviewDesk.Saved) {
            id = saved.record.id ?? 0
            callID = saved.record.callID
            status = saved.record.status.rawValue
            score = saved.score
        }
        enum CodingKeys: String, CodingKey { case id, callID = "call_id", status, score }
    }
}

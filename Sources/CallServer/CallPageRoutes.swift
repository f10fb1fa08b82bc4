import CallAccess
import CallArchive
import CallCatalog
import CallModel
import CallReview
import Foundation
import Hummingbird

/// One call: its metadata (the caller number masked unless the role may see it), the timeline of the stored
/// analysis when the role may see metrics, the player, and, for the evaluator who holds it, the rubric form with
/// their draft. Opening it is audited (`view-call`, and `view-metrics` when the timeline is shown).
struct CallPageRoutes {
    let pages: Pages

    func register(_ router: Router<WebContext>) {
        router.get("/calls/:id") { request, context in
            let user = try pages.user(context), id = try pages.callID(context)
            let language = pages.language(request, context)
            let page = try load(user, id)
            var values: [String: Any] = ["call": page.callValues, "speeds": ["0.75", "1", "1.25", "1.5", "1.75", "2"]]
            if let analysis = page.analysis { values["timeline"] = CallTimeline.svg(analysis, language: language, pins: try pins(user, id, page)) }
            if let work = page.work { values["rubric"] = Self.form(work, language: language) }
            if let supervise = try supervision(user, id, page) {
                var block = supervise
                if let done = request.uri.queryParameters.get("done") {
                    block["flash"] = language.text(done == "queued" ? "sendToQA" : "dispute") + " ✓"
                }
                values["supervise"] = block
            }
            return pages.render("call", title: "call", values, request, context)
        }
        router.post("/calls/:id/qa") { request, context in
            let user = try pages.user(context), id = try pages.callID(context)
            let form = try await pages.form(request, context)
            try catalogErrorsAsBadRequest {
                _ = try pages.services.desk.sendToQueue(user, callID: id, reason: form.value("reason") ?? "", configuration: pages.configuration.qa)
            }
            return Response.redirect(to: "/calls/\(id.rawValue)?done=queued")
        }
        router.post("/calls/:id/evaluations/:evaluation/dispute") { request, context in
            let user = try pages.user(context), id = try pages.callID(context)
            guard let evaluation = context.parameters.get("evaluation").flatMap({ Int64($0) }) else { throw WebError.notFound }
            let form = try await pages.form(request, context)
            try catalogErrorsAsBadRequest {
                _ = try pages.services.desk.dispute(user, evaluationID: evaluation, reason: form.value("reason") ?? "", configuration: pages.configuration.qa)
            }
            return Response.redirect(to: "/calls/\(id.rawValue)?done=disputed")
        }
        router.get("/api/calls/:id") { _, context in
            let user = try pages.user(context), id = try pages.callID(context)
            let page = try load(user, id)
            return Response.json(CallJSON(page))
        }
    }

    /// The comments pinned to a play time that this user may read: their own draft's, and, for whoever may dispute
    /// the call's evaluations, those of its submitted evaluations (personal data in them masked).
    private func pins(_ user: Session, _ id: CallID, _ page: Page) throws -> [CallTimeline.Pin] {
        var answers = page.work?.draft.map { [$0] } ?? []
        let context = try pages.services.catalog.callContext(callID: id)
        if AccessPolicy.decide(user.user, .disputeEvaluation, call: context, reason: "-").isAllowed {
            answers += try pages.services.catalog.qaEvaluations(callID: id.rawValue).filter { $0.status == .submitted }.compactMap {
                try? JSONDecoder().decode(EvaluationAnswers.self, from: Data($0.answersJSON.utf8))
            }
        }
        return answers.flatMap { evaluation in
            evaluation.answers.sorted { $0.key < $1.key }.compactMap { item, answer in
                guard let at = answer.at, let comment = answer.comment, !comment.isEmpty else { return nil }
                return CallTimeline.Pin(at: at, text: "\(item): " + PersonalDataRedactor.redact(comment))
            }
        }
    }

    /// What a supervisor may do on the call: send it to the QA queue, dispute its submitted evaluations.
    private func supervision(_ user: Session, _ id: CallID, _ page: Page) throws -> [String: Any]? {
        let context = try pages.services.catalog.callContext(callID: id)
        let canQueue = AccessPolicy.decide(user.user, .manageQueue, call: context).isAllowed
        let canDispute = AccessPolicy.decide(user.user, .disputeEvaluation, call: context, reason: "-").isAllowed
        guard canQueue || canDispute else { return nil }
        let evaluations = try pages.services.catalog.qaEvaluations(callID: id.rawValue).filter { $0.status == .submitted }
        return ["callID": id.rawValue, "canQueue": canQueue,
                "evaluations": evaluations.map { e -> [String: Any] in
                    ["id": "\(e.id ?? 0)", "evaluator": e.evaluator, "score": e.score.map { String(format: "%.2f", $0) } ?? "n/a",
                     "at": e.submittedAt ?? "-", "canDispute": canDispute, "callID": id.rawValue]
                }]
    }

    /// A catalog refusal of the request itself (a call already queued, a dispute out of its window) is the user's
    /// to fix: 400 with the catalog's message.
    private func catalogErrorsAsBadRequest(_ body: () throws -> Void) throws {
        do { try body() } catch let error as CatalogError { throw WebError.badRequest(error.message) }
    }

    struct Page {
        let call: Call
        let caller: String?
        let analysis: CallAnalysis?
        let work: ReviewDesk.Work?
        var callValues: [String: Any] {
            ["id": call.id.rawValue, "agent": call.metadata.agentID ?? "-", "team": call.metadata.team ?? "-",
             "start": Pages.minute(call.metadata.startTime), "duration": CallTimeline.clock(call.durationSeconds),
             "durationSeconds": String(format: "%.3f", call.durationSeconds), "caller": caller ?? "-"]
        }
    }

    private func load(_ user: Session, _ id: CallID) throws -> Page {
        let services = pages.services
        try services.guardian.authorize(user, .viewCallMetadata, callID: id, record: .viewCall, detail: ["via": "web"])
        guard let stored = try services.catalog.call(id: id) else { throw WebError.notFound }
        // The caller number is sealed under the call's data key (issue #21); opened here, then masked by role.
        let call = try PersonalDataVault(catalog: services.catalog, keys: services.keys).reveal(stored)
        let context = try services.catalog.callContext(callID: id)
        let seesNumber = AccessPolicy.decide(user.user, .viewCallerNumber, call: context).isAllowed
        let caller = seesNumber ? call.metadata.callerNumber : PersonalDataRedactor.maskNumber(call.metadata.callerNumber)
        var analysis: CallAnalysis?
        if AccessPolicy.decide(user.user, .viewCallMetrics, call: context).isAllowed {
            try services.guardian.authorize(user, .viewCallMetrics, callID: id, record: .viewMetrics, detail: ["via": "web"])
            analysis = try services.catalog.analysis(callID: id)
        }
        var work: ReviewDesk.Work?
        if AccessPolicy.decide(user.user, .scoreCall, call: context).isAllowed,
           try services.catalog.qaClaimedSample(callID: id.rawValue, evaluator: user.username) != nil {
            work = try services.desk.work(user, callID: id)
        }
        return Page(call: call, caller: caller, analysis: analysis, work: work)
    }

    /// The rubric as form values: one radio group per item (keyboard: Tab between items, arrows within), the draft's
    /// answers checked, a comment field per item pinned to the play time.
    static func form(_ work: ReviewDesk.Work, language: Language) -> [String: Any] {
        let english = language == .english
        let draft = work.draft
        let sections: [[String: Any]] = work.rubric.sections.map { section in
            let items: [[String: Any]] = section.items.map { item in
                var options: [(String, String)] = []
                switch item.answer {
                case .yesNo: options = [("yes", language.text("yes")), ("no", language.text("no"))]
                case .scale(let max, _): options = (0...max).map { (String($0), String($0)) }
                case .choice(let choices): options = choices.map { ($0.id, english ? ($0.labelEnglish ?? $0.label) : $0.label) }
                }
                if item.allowsNA { options.append(("na", language.text("na"))) }
                let answered = draft?.answers[item.id]
                return [
                    "id": item.id, "label": english ? (item.labelEnglish ?? item.label) : item.label,
                    "critical": item.severity != .normal,
                    "options": options.map { ["itemID": item.id, "value": $0.0, "text": $0.1, "checked": answered?.value.description == $0.0] },
                    "comment": answered?.comment ?? "", "at": answered?.at.map { String(format: "%.1f", $0) } ?? "",
                ]
            }
            return ["label": english ? (section.labelEnglish ?? section.label) : section.label,
                    "weight": String(format: "%g", section.weight), "items": items]
        }
        return ["title": english ? (work.rubric.titleEnglish ?? work.rubric.title) : work.rubric.title,
                "callID": work.sample.callID, "sections": sections, "overall": draft?.comment ?? ""]
    }

    struct CallJSON: Encodable {
        let id: String
        let agentID: String?
        let team: String?
        let startTime: Date?
        let durationS: Double
        let callerNumber: String?
        let analysis: CallAnalysis?
        let rubric: Rubric?
        let rubricVersion: String?
        let draft: EvaluationAnswers?
        let audio: String

        init(_ page: Page) {
            id = page.call.id.rawValue
            agentID = page.call.metadata.agentID
            team = page.call.metadata.team
            startTime = page.call.metadata.startTime
            durationS = page.call.durationSeconds
            callerNumber = page.caller
            analysis = page.analysis
            rubric = page.work?.rubric
            rubricVersion = page.work?.version.id
            draft = page.work?.draft
            audio = "/calls/\(id)/audio"
        }

        enum CodingKeys: String, CodingKey {
            case id, agentID = "agent_id", team, startTime = "start_time", durationS = "duration_s", callerNumber = "caller_number"
            case analysis, rubric, rubricVersion = "rubric_version", draft, audio
        }
    }
}

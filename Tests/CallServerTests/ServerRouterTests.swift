import CallAccess
import CallArchive
import CallCatalog
import CallModel
import CallReview
@testable import CallServer
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

/// Every route through Hummingbird's router test client (no sockets) over a real demo home: sign-in, the
/// evaluator's claim → page → audio (Range) → draft → submit, the supervisor's dashboard, the archivist's console,
/// and the refusals: 401 (or the sign-in page) without a session, 403 for a role outside its rights, 404 alike for
/// an unknown call and one the user may not open, 403 without the CSRF token.
@Suite(.serialized)
struct ServerRouterTests {
    static let fixture = Result { try WebFixture() }

    func fixture() throws -> WebFixture { try Self.fixture.get() }

    @Test func withoutSessionPagesRedirectToSignInAndTheAPIAnswers401() async throws {
        try await fixture().test { client in
            try await client.execute(uri: "/qa", method: .get) { response in
                #expect(response.status == .seeOther)
                #expect(response.headers[.location] == "/login?next=/qa")
            }
            for uri in ["/api/qa", "/api/dashboard", "/api/archive", "/api/calls/x", "/api/me"] {
                try await client.execute(uri: uri, method: .get) { response in
                    #expect(response.status == .unauthorized, "\(uri)")
                    #expect(response.headers[.contentType]?.hasPrefix("application/json") == true)
                }
            }
        }
    }

    @Test func everyResponseCarriesTheSecurityHeaders() async throws {
        try await fixture().test { client in
            for uri in ["/login", "/qa", "/api/qa", "/assets/app.css", "/no-such-page"] {
                try await client.execute(uri: uri, method: .get) { response in
                    let csp = response.headers[.contentSecurityPolicy] ?? ""
                    #expect(csp.contains("script-src 'self'") && !csp.contains("unsafe-inline") && csp.contains("frame-ancestors 'none'"), "\(uri)")
                    #expect(response.headers[.xContentTypeOptions] == "nosniff")
                    #expect(response.headers[.init("Referrer-Policy")!] == "no-referrer")
                }
            }
        }
    }

    @Test func signInSetsAStrictHttpOnlyCookieAndAWrongPasswordIsRefusedAndAudited() async throws {
        let fixture = try fixture()
        try await fixture.test { client in
            let before = try fixture.catalog.auditCount()
            var cookie = ""
            let page = try await client.execute(uri: "/login", method: .get) { response in
                cookie = Browser.cookie(response) ?? ""
                let set = response.headers[values: .setCookie].first ?? ""
                #expect(set.contains("HttpOnly") && set.contains("SameSite=Strict"))
                return String(buffer: response.body)
            }
            let token = try #require(Browser.formToken(page))
            let body = ByteBuffer(string: "_csrf=\(token)&username=evaluator&password=wrong&next=/")
            try await client.execute(uri: "/login", method: .post,
                                     headers: [.cookie: cookie, .contentType: "application/x-www-form-urlencoded"], body: body) { response in
                #expect(response.status == .unauthorized)
            }
            let failed = try fixture.catalog.auditEntries(afterSeq: before, limit: 10).filter { $0.action == .loginFailed }
            #expect(failed.count == 1 && failed.first?.sourceAddress.hasPrefix("web:") == true)
            // Without the page's token the sign-in form is refused before the password is looked at.
            try await client.execute(uri: "/login", method: .post, headers: [.cookie: cookie, .contentType: "application/x-www-form-urlencoded"],
                                     body: ByteBuffer(string: "username=evaluator&password=x")) { response in
                #expect(response.status == .forbidden)
            }
        }
    }

    @Test func signInNeverRedirectsOffSite() async throws {
        try await fixture().test { client in
            var browser = Browser()
            let page = try await client.execute(uri: "/login", method: .get) { response in
                browser.cookie = Browser.cookie(response)
                return String(buffer: response.body)
            }
            let token = try #require(Browser.formToken(page))
            let (h, body) = browser.form(["_csrf": token, "username": "supervisor", "password": WebFixture.passwords["supervisor"]!, "next": "//evil.example/x"])
            try await client.execute(uri: "/login", method: .post, headers: h, body: body) { response in
                #expect(response.status == .seeOther)
                let location = response.headers[.location] ?? ""
                #expect(location.hasPrefix("/") && !location.hasPrefix("//"))
            }
        }
    }

    @Test func anEvaluatorClaimsPlaysWithRangesSavesADraftAndSubmits() async throws {
        let fixture = try fixture()
        try await fixture.test { client in
            let evaluator = try await Browser.signIn(client, "evaluator")
            // A state change without the CSRF header is refused.
            try await client.execute(uri: "/api/qa/next", method: .post, headers: [.cookie: evaluator.cookie!]) { response in
                #expect(response.status == .forbidden)
            }
            let callID: String = try await client.execute(uri: "/api/qa/next", method: .post, headers: evaluator.headers) { response in
                #expect(response.status == .ok)
                let json = try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any]
                return try #require(json?["call_id"] as? String)
            }
            try await client.execute(uri: "/calls/\(callID)", method: .get, headers: evaluator.headers) { response in
                #expect(response.status == .ok)
                let html = String(buffer: response.body)
                #expect(html.contains("<svg class=\"timeline\"") && html.contains("id=\"score-form\"") && html.contains("/calls/\(callID)/audio"))
                #expect(!html.contains("<script>"))  // only the served script file
            }
            // The audio: whole, a range, a suffix range, an unsatisfiable one; the bytes are the archive's plaintext.
            let call = try #require(try fixture.catalog.call(id: CallID(rawValue: callID)))
            let opener = ArchiveOpener(store: ArchiveStore(root: fixture.home.archiveRoot), catalog: fixture.catalog, keys: KeyFileStore(home: fixture.home))
            let source = try opener.bytes(of: call)
            let size = Int(source.size)
            var plain = [UInt8](repeating: 0, count: size)
            try source.seek(to: 0)
            _ = try plain.withUnsafeMutableBytes { try source.read(into: $0) }
            let auditBefore = try fixture.catalog.auditCount()
            try await client.execute(uri: "/calls/\(callID)/audio", method: .get, headers: evaluator.headers) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.acceptRanges] == "bytes")
                #expect(Array(buffer: response.body) == plain)
            }
            var h = evaluator.headers
            h[.range] = "bytes=100-199"
            try await client.execute(uri: "/calls/\(callID)/audio", method: .get, headers: h) { response in
                #expect(response.status == .partialContent)
                #expect(response.headers[.contentRange] == "bytes 100-199/\(size)")
                #expect(Array(buffer: response.body) == Array(plain[100..<200]))
            }
            h[.range] = "bytes=-10"
            try await client.execute(uri: "/calls/\(callID)/audio", method: .get, headers: h) { response in
                #expect(Array(buffer: response.body) == Array(plain[(size - 10)...]))
            }
            h[.range] = "bytes=\(size)-"
            try await client.execute(uri: "/calls/\(callID)/audio", method: .get, headers: h) { response in
                #expect(response.status == .rangeNotSatisfiable)
                #expect(response.headers[.contentRange] == "bytes */\(size)")
            }
            let plays = try fixture.catalog.auditEntries(afterSeq: auditBefore, limit: 20).filter { $0.action == .playCall }
            #expect(plays.count == 4 && plays.allSatisfy { $0.account == "evaluator" && $0.callID?.rawValue == callID && $0.sourceAddress.hasPrefix("web:") })
            // A draft with one answer; a submit with one answer is refused with the missing items listed.
            let pinned = { try await client.execute(uri: "/calls/\(callID)", method: .get, headers: evaluator.headers) { String(buffer: $0.body) } }
            #expect(try await !pinned().contains("class=\"pin\""))
            let (dh, draft) = evaluator.form(["greeting-standard": "yes", "comment.greeting-standard": "good start <b>", "at.greeting-standard": "3.5"])
            try await client.execute(uri: "/api/qa/\(callID)/draft", method: .post, headers: dh, body: draft) { response in
                #expect(response.status == .ok)
                #expect(String(buffer: response.body).contains("\"status\":\"draft\""))
            }
            // The draft's comment is pinned on the timeline at its play time (escaped, and a click seeks there).
            let page = try await pinned()
            #expect(page.contains("class=\"pin\"") && page.contains("data-start=\"3.50\"") && page.contains("good start &lt;b&gt;"))
            try await client.execute(uri: "/api/qa/\(callID)/submit", method: .post, headers: dh, body: draft) { response in
                #expect(response.status == .unprocessableContent)
                #expect(String(buffer: response.body).contains("problems"))
            }
            let answers = try Self.completeAnswers(fixture)
            let (sh, full) = evaluator.form(answers)
            try await client.execute(uri: "/api/qa/\(callID)/submit", method: .post, headers: sh, body: full) { response in
                #expect(response.status == .ok)
                #expect(String(buffer: response.body).contains("\"status\":\"submitted\""))
            }
            // Submitted: no longer the evaluator's to score; the call page no longer shows the form.
            try await client.execute(uri: "/api/qa/\(callID)/submit", method: .post, headers: sh, body: full) { response in
                #expect(response.status == .unprocessableContent || response.status == .notFound)
            }
        }
    }

    @Test func callsAnEvaluatorMayNotOpenAnswerLikeUnknownOnes() async throws {
        let fixture = try fixture()
        try await fixture.test { client in
            let evaluator = try await Browser.signIn(client, "evaluator")
            let someone = try #require(try fixture.catalog.calls().first?.id.rawValue)
            var answers: [String] = []
            for id in [someone, "20261123-ffffffffffff"] {
                for uri in ["/calls/\(id)", "/api/calls/\(id)", "/calls/\(id)/audio"] {
                    try await client.execute(uri: uri, method: .get, headers: evaluator.headers) { response in
                        #expect(response.status == .notFound, "\(uri)")
                        answers.append(String(buffer: response.body))
                    }
                }
            }
            #expect(answers[0] == answers[3] && answers[1] == answers[4] && answers[2] == answers[5])
        }
    }

    @Test func eachRoleIsRefusedTheDesksOutsideItsRights() async throws {
        let fixture = try fixture()
        let someone = try #require(try fixture.catalog.calls().first?.id.rawValue)
        let refusals: [(String, String)] = [
            ("evaluator", "/api/dashboard"), ("evaluator", "/api/archive"), ("evaluator", "/yearbook"),
            ("supervisor", "/api/archive"), ("supervisor", "/api/qa"),
            ("archivist", "/api/dashboard"), ("archivist", "/api/qa"), ("archivist", "/calls/\(someone)/audio"),
            ("admin", "/api/dashboard"), ("admin", "/api/archive"), ("admin", "/api/qa"),
        ]
        try await fixture.test { client in
            var browsers: [String: Browser] = [:]
            for (user, uri) in refusals {
                if browsers[user] == nil { browsers[user] = try await Browser.signIn(client, user) }
                try await client.execute(uri: uri, method: .get, headers: browsers[user]!.headers) { response in
                    #expect(response.status == .forbidden, "\(user) \(uri)")
                }
            }
        }
    }

    @Test func theSupervisorSeesTheDashboardWithChartsAndDrillsDownToCalls() async throws {
        let fixture = try fixture()
        try await fixture.test { client in
            let supervisor = try await Browser.signIn(client, "supervisor")
            let range = "from=2026-11-01&to=2026-11-30"
            let agent: String = try await client.execute(uri: "/api/dashboard?\(range)", method: .get, headers: supervisor.headers) { response in
                #expect(response.status == .ok)
                let json = try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any]
                let talk = json?["talk_by_agent"] as? [String: Any]
                let groups = talk?["groups"] as? [[String: Any]] ?? []
                #expect(!groups.isEmpty)
                return try #require(groups.first?["group"] as? String)
            }
            let day: String = try await client.execute(uri: "/dashboard?\(range)", method: .get, headers: supervisor.headers) { response in
                #expect(response.status == .ok)
                let html = String(buffer: response.body)
                #expect(html.contains("<svg") && html.contains("/calls?agent="))
                let days = try #require(html.range(of: "id=\"day-links\""))
                let link = try #require(html[days.upperBound...].range(of: "<a href=\"/calls?from=2026-11-"))
                return String(html[link.upperBound...].prefix(2))
            }
            // A day of the chart drills down to that day's calls, each in the talk-by-day count and linking to its page.
            let dayJSON = try await client.execute(uri: "/api/dashboard?from=2026-11-\(day)&to=2026-11-\(day)", method: .get, headers: supervisor.headers) {
                try JSONSerialization.jsonObject(with: Data(buffer: $0.body)) as? [String: Any]
            }
            let dayCalls = ((dayJSON?["talk_by_day"] as? [String: Any])?["total"] as? [String: Any])?["calls"] as? Int
            let listed = try await client.execute(uri: "/api/calls?from=2026-11-\(day)&to=2026-11-\(day)", method: .get, headers: supervisor.headers) {
                (try JSONSerialization.jsonObject(with: Data(buffer: $0.body)) as? [[String: Any]] ?? []).count
            }
            #expect((dayCalls ?? 0) > 0 && listed == dayCalls)
            try await client.execute(uri: "/calls?from=2026-11-\(day)&to=2026-11-\(day)", method: .get, headers: supervisor.headers) { response in
                #expect(response.status == .ok && String(buffer: response.body).contains("href=\"/calls/"))
            }
            let callID: String = try await client.execute(uri: "/api/calls?agent=\(agent)&\(range)", method: .get, headers: supervisor.headers) { response in
                let rows = try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [[String: Any]] ?? []
                return try #require(rows.first?["callID"] as? String ?? rows.first?["call_id"] as? String)
            }
            // The caller number is stored sealed (issue #21): the page opens it for the supervisor, who sees it whole.
            let sealedCaller = try fixture.catalog.sealedPersonal(callID: CallID(rawValue: callID))?.callerNumber
            #expect(try fixture.catalog.call(id: CallID(rawValue: callID))?.metadata.callerNumber == nil)
            try await client.execute(uri: "/api/calls/\(callID)", method: .get, headers: supervisor.headers) { response in
                #expect(response.status == .ok)
                #expect(String(buffer: response.body).contains("\"analysis\""))
                let json = try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any]
                #expect(sealedCaller != nil)
                if sealedCaller != nil {
                    let shown = json?["caller_number"] as? String
                    #expect(shown != nil && shown?.contains("*") == false && (shown?.filter(\.isNumber).count ?? 0) >= 8)
                }
            }
            try await client.execute(uri: "/yearbook?year=2026", method: .get, headers: supervisor.headers) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentSecurityPolicy]?.contains("script") == false)
            }
        }
    }

    @Test func theArchivistPlacesAndReleasesALegalHold() async throws {
        let fixture = try fixture()
        let id = try #require(try fixture.catalog.calls().last?.id.rawValue)
        try await fixture.test { client in
            let archivist = try await Browser.signIn(client, "archivist")
            let (h, body) = archivist.form(["call": id, "reason": "court order 2026-77"])
            try await client.execute(uri: "/archive/holds", method: .post, headers: h, body: body) { response in
                #expect(response.status == .seeOther, "\(String(buffer: response.body))")
            }
            let hold = try #require(try fixture.catalog.legalHolds(callID: CallID(rawValue: id)).first { $0.isActive })
            try await client.execute(uri: "/api/archive", method: .get, headers: archivist.headers) { response in
                #expect(String(buffer: response.body).contains(id))
            }
            let (rh, release) = archivist.form(["reason": "case closed"])
            try await client.execute(uri: "/archive/holds/\(hold.id)/release", method: .post, headers: rh, body: release) { response in
                #expect(response.status == .seeOther)
            }
            #expect(try fixture.catalog.legalHolds(callID: CallID(rawValue: id)).allSatisfy { !$0.isActive })
        }
    }

    @Test func aDisabledAccountsSessionEndsAtItsNextRequest() async throws {
        let fixture = try fixture()
        try await fixture.test { client in
            let supervisor = try await Browser.signIn(client, "qalead")
            try await client.execute(uri: "/api/me", method: .get, headers: supervisor.headers) { response in
                #expect(response.status == .ok)
            }
            try fixture.catalog.setDisabled(true, username: "qalead")
            defer { try? fixture.catalog.setDisabled(false, username: "qalead") }
            try await client.execute(uri: "/api/me", method: .get, headers: supervisor.headers) { response in
                #expect(response.status == .unauthorized)
            }
        }
    }

    @Test func apiTokensWorkForTheAPIOnlyAndNeedAPassword() async throws {
        try await fixture().test { client in
            let form: HTTPFields = [.contentType: "application/x-www-form-urlencoded"]
            let token: String = try await client.execute(uri: "/api/tokens", method: .post, headers: form,
                                                         body: ByteBuffer(string: "username=supervisor&password=demo+team+lead+passphrase&hours=1")) { response in
                #expect(response.status == .ok)
                let json = try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any]
                return try #require(json?["token"] as? String)
            }
            try await client.execute(uri: "/api/me", method: .get, headers: [.authorization: "Bearer \(token)"]) { response in
                #expect(response.status == .ok)
                #expect(String(buffer: response.body).contains("\"supervisor\""))
            }
            // Pages are for browsers with a session: a token there is not a sign-in.
            try await client.execute(uri: "/dashboard", method: .get, headers: [.authorization: "Bearer \(token)"]) { response in
                #expect(response.status == .seeOther && response.headers[.location]?.hasPrefix("/login") == true)
            }
            try await client.execute(uri: "/api/me", method: .get, headers: [.authorization: "Bearer nkw1_forged"]) { response in
                #expect(response.status == .unauthorized)
            }
            try await client.execute(uri: "/api/tokens", method: .post, headers: form,
                                     body: ByteBuffer(string: "username=supervisor&password=wrong")) { response in
                #expect(response.status == .unauthorized)
            }
            // A token cannot mint a token: /api/tokens takes a password, never the bearer.
            var bearer = form
            bearer[.authorization] = "Bearer \(token)"
            try await client.execute(uri: "/api/tokens", method: .post, headers: bearer, body: ByteBuffer(string: "username=supervisor&hours=1")) { response in
                #expect(response.status == .unauthorized)
            }
        }
    }

    @Test func theSupervisorSendsACallToQAAndDisputesAnEvaluation() async throws {
        let fixture = try fixture()
        // An evaluation to dispute: the evaluator claims and submits through the same desk the pages use.
        let services = fixture.server.services
        let evaluator = try #require(try fixture.catalog.user(named: "evaluator"))
        let session = Session(user: evaluator, sourceAddress: "test", method: .password)
        let claim = try #require(try services.desk.claimNext(session, configuration: QAConfiguration()))
        let answers = try Self.completeAnswers(fixture)
        let saved = try services.desk.save(session, callID: CallID(rawValue: claim.sample.callID), submit: true, file: "test") { rubric in
            try ReviewDesk.formAnswers(answers, comment: nil, rubric: rubric, complete: true)
        }
        let evaluationID = try #require(saved.record.id)
        let callID = claim.sample.callID
        // The evaluated call again, by hand (a sample no longer waiting may be sent once more, once).
        let unsampled = callID
        try await fixture.test { client in
            let supervisor = try await Browser.signIn(client, "supervisor")
            try await client.execute(uri: "/calls/\(callID)", method: .get, headers: supervisor.headers) { response in
                #expect(String(buffer: response.body).contains("/evaluations/\(evaluationID)/dispute"))
            }
            let (h, body) = supervisor.form(["reason": "the caller asked twice; the item was wrongly failed"])
            try await client.execute(uri: "/calls/\(callID)/evaluations/\(evaluationID)/dispute", method: .post, headers: h, body: body) { response in
                #expect(response.status == .seeOther)
            }
            try await client.execute(uri: "/calls/\(callID)/evaluations/999999/dispute", method: .post, headers: h, body: body) { response in
                #expect(response.status == .notFound)
            }
            let (qh, reason) = supervisor.form(["reason": "complaint from the caller"])
            try await client.execute(uri: "/calls/\(unsampled)/qa", method: .post, headers: qh, body: reason) { response in
                #expect(response.status == .seeOther)
            }
            try await client.execute(uri: "/calls/\(unsampled)/qa", method: .post, headers: qh, body: reason) { response in
                #expect(response.status == .badRequest)  // sent by hand before
            }
            let evaluatorBrowser = try await Browser.signIn(client, "evaluator")
            let (eh, ebody) = evaluatorBrowser.form(["reason": "x"])
            try await client.execute(uri: "/calls/\(callID)/evaluations/\(evaluationID)/dispute", method: .post, headers: eh, body: ebody) { response in
                #expect(response.status == .forbidden)
            }
        }
        #expect(try fixture.catalog.qaDisputes(evaluationIDs: [evaluationID]).count == 1)
        #expect(try fixture.catalog.qaSamples(plan: Catalog.addedByHandPlan).contains { $0.callID == unsampled })
    }

    /// The bundled answer file's answers (complete for the municipal rubric) as form fields.
    static func completeAnswers(_ fixture: WebFixture) throws -> [String: String] {
        let text = try String(contentsOfFile: "Fixtures/qa/municipal-call-answers.yaml", encoding: .utf8)
        var answers: [String: String] = [:]
        var inAnswers = false
        for line in text.split(separator: "\n") {
            if line.hasPrefix("answers:") { inAnswers = true; continue }
            guard inAnswers, line.hasPrefix("  "), !line.hasPrefix("   ") else { continue }
            let parts = line.trimmingCharacters(in: .whitespaces).split(separator: ":", maxSplits: 1)
            guard parts.count == 2 else { continue }
            let value = parts[1].trimmingCharacters(in: .whitespaces)
            if value.hasPrefix("{answer:") {
                answers[String(parts[0])] = value.dropFirst(8).split(separator: ",").first?.trimmingCharacters(in: .whitespaces)
            } else if !value.isEmpty {
                answers[String(parts[0])] = value
            }
        }
        return answers
    }
}

import CallAccess
import CallModel
import Foundation
import Hummingbird

/// Sign-in and sign-out. Sign-in goes through the CLI's `Authenticator`: the same password check, audit entries
/// (`login`, `login-failed` with the peer address) and throttling (a growing delay, then a lockout an admin lifts).
/// A successful sign-in starts a new session id (no fixation); `next` only ever points inside the site.
struct AuthRoutes {
    let pages: Pages

    func register(_ router: Router<WebContext>) {
        router.get("/") { _, context in
            guard let user = context.user else { return Response.redirect(to: "/login") }
            return Response.redirect(to: PageRenderer.navigation(user.user, .english).first?["href"] ?? "/login?none=1")
        }
        router.get("/login") { request, context in
            if context.sessions.session == nil {
                context.sessions.setSession(WebSession(), expiresIn: .seconds(3600))
            }
            let next = Self.safeNext(request.uri.queryParameters.get("next"))
            return pages.render("login", title: "signIn", ["next": next, "failed": false], request, context)
        }
        router.post("/login") { request, context in
            let form = try await pages.form(request, context)
            let username = form.value("username") ?? "", password = form.value("password") ?? ""
            let language = context.sessions.session?.language
            do {
                let session = try pages.services.authenticator.login(username: username, password: password,
                                                                     sourceAddress: context.sourceAddress)
                context.sessions.clearSession()
                context.sessions.createSession(WebSession(username: session.username, language: language,
                                                          signedInAt: pages.services.clock.now()),
                                               expiresIn: pages.configuration.sessionLifetime)
                let next = Self.safeNext(form.value("next"))
                return Response.redirect(to: next == "/" ? (PageRenderer.navigation(session.user, .english).first?["href"] ?? "/") : next)
            } catch let error as AccessError where error.code == .authenticationFailed {
                ServerMetrics.signInFailed()
                var response = pages.render("login", title: "signIn", ["next": Self.safeNext(form.value("next")), "failed": true], request, context)
                response.status = .unauthorized
                return response
            }
        }
        router.post("/logout") { _, context in
            if let user = context.user {
                _ = try pages.services.catalog.appendAudit(user.draft(.logout, at: pages.services.clock.now(), detail: ["method": "web"]))
            }
            context.sessions.clearSession()
            return Response.redirect(to: "/login")
        }
        // An API token for scripts and `nokchwi --server` (form: username, password, hours): a password sign-in
        // (throttled and audited as any), never a token renewing itself. No cookie is involved, hence no CSRF token.
        router.post("/api/tokens") { request, context in
            let form = try await pages.form(request, context)
            let hours = Double(form.value("hours") ?? "8") ?? 8
            do {
                let session = try pages.services.authenticator.login(username: form.value("username") ?? "", password: form.value("password") ?? "",
                                                                     sourceAddress: context.sourceAddress)
                let issued = try pages.services.authenticator.issueToken(for: session, ttl: hours * 3600)
                return Response.json(["token": issued.token, "expires_at": ISO8601DateFormatter().string(from: issued.expiresAt)])
            } catch let error as AccessError where error.code == .authenticationFailed {
                throw WebError.signInRequired
            } catch let error as AccessError where error.code == .invalidSettings {
                throw WebError.badRequest(error.message)
            }
        }
        router.get("/api/me") { _, context in
            let user = try pages.user(context)
            return Response.json(Me(username: user.username, roles: user.user.roles.sorted().map(\.rawValue),
                                    teams: user.user.teams.sorted(), csrf: context.sessions.session?.csrf ?? ""))
        }
    }

    /// A path on this site ("/..." but not "//host" or "/\\host"), else "/".
    static func safeNext(_ next: String?) -> String {
        guard let next, next.hasPrefix("/"), !next.hasPrefix("//"), !next.hasPrefix("/\\"),
              !next.contains(where: { $0.isNewline || $0 == "\\" }) else { return "/" }
        return next
    }

    struct Me: Encodable {
        let username: String
        let roles: [String]
        let teams: [String]
        let csrf: String
    }
}

import CallAccess
import CallModel
import HTTPTypes
import Hummingbird

/// Finds the signed-in user of the session: re-read from the catalog on every request, so a disabled account or a
/// changed role counts at once; a session of an account that no longer may sign in is ended.
struct SignInMiddleware: RouterMiddleware {
    let services: ServerServices
    let lifetime: Duration

    func handle(_ request: Request, context: WebContext, next: (Request, WebContext) async throws -> Response) async throws -> Response {
        var context = context
        // Scripts and `nokchwi --server` send an API token (`nokchwi login`, `POST /api/tokens`) instead of a cookie:
        // checked and audited like the CLI's; such a request carries no cookie, so no CSRF token is needed.
        if let authorization = request.headers[.authorization] {
            guard authorization.hasPrefix("Bearer "), request.uri.path.hasPrefix("/api/") || request.uri.path.hasSuffix("/audio") else {
                throw WebError.signInRequired
            }
            context.user = try services.authenticator.authenticate(token: String(authorization.dropFirst(7)), sourceAddress: context.sourceAddress)
            context.bearer = true
            return try await next(request, context)
        }
        if let web = context.sessions.session, let name = web.username {
            let expired = web.signedInAt.map { services.clock.now().timeIntervalSince($0) > Double(lifetime.components.seconds) } ?? true
            if !expired, let user = try services.catalog.user(named: name), !user.disabled {
                context.user = Session(user: user, sourceAddress: context.sourceAddress, method: .password)
            } else {
                context.sessions.clearSession()
            }
        }
        return try await next(request, context)
    }
}

/// Refuses a state-changing request (POST, PUT, PATCH, DELETE) whose CSRF token does not match the session's: the
/// `X-CSRF-Token` header (scripts) or the `_csrf` form field (forms). Sign-in forms carry a token of the session
/// the sign-in page opened.
struct CSRFMiddleware: RouterMiddleware {
    func handle(_ request: Request, context: WebContext, next: (Request, WebContext) async throws -> Response) async throws -> Response {
        guard [.post, .put, .patch, .delete].contains(request.method), !context.bearer,
              request.uri.path != "/api/tokens" else { return try await next(request, context) }
        guard let expected = context.sessions.session?.csrf else { throw WebError.csrf }
        var request = request
        var presented = request.headers[.csrfToken]
        if presented == nil, request.headers[.contentType]?.hasPrefix("application/x-www-form-urlencoded") == true {
            let body = try await request.collectBody(upTo: context.maxUploadSize)
            presented = FormFields(body).value("_csrf")
        }
        guard let presented, constantTimeEqual(presented, expected) else { throw WebError.csrf }
        return try await next(request, context)
    }

    private func constantTimeEqual(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        guard x.count == y.count else { return false }
        return zip(x, y).reduce(UInt8(0)) { $0 | ($1.0 ^ $1.1) } == 0
    }
}

extension HTTPField.Name {
    static let csrfToken = Self("X-CSRF-Token")!
}

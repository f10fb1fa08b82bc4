import CallAccess
import Foundation
import Hummingbird
import HummingbirdAuth
import HummingbirdCore
import HummingbirdTLS
import Logging

/// `nokchwi serve`: the pages and the JSON API. Middleware order: security headers (and errors as responses) →
/// cookie session → signed-in user → CSRF → routes. Every route authorises through the same `AccessGuard` as the CLI.
public struct NokchwiServer: Sendable {
    let services: ServerServices
    let configuration: ServerConfiguration
    let renderer: PageRenderer
    let sessionStore: MemoryPersistDriver<ContinuousClock>

    public init(services: ServerServices, configuration: ServerConfiguration) throws {
        self.services = services
        self.configuration = configuration
        renderer = try PageRenderer()
        sessionStore = MemoryPersistDriver()
    }

    public func router() -> Router<WebContext> {
        let router = Router(context: WebContext.self)
        router.add(middleware: SecurityHeadersMiddleware<WebContext>(strictTransport: configuration.tls != nil))
        if configuration.metrics != nil { router.add(middleware: MetricsMiddleware<WebContext>()) }
        router.add(middleware: SessionMiddleware<WebContext>(storage: sessionStore, configuration: SessionMiddlewareConfiguration(
            sessionCookieParameters: SessionCookieParameters(name: "nokchwi_session", path: "/", secure: configuration.secureCookies, sameSite: .strict),
            defaultSessionExpiration: configuration.sessionLifetime)))
        router.add(middleware: SignInMiddleware(services: services, lifetime: configuration.sessionLifetime))
        router.add(middleware: CSRFMiddleware())
        let pages = Pages(services: services, configuration: configuration, renderer: renderer)
        AuthRoutes(pages: pages).register(router)
        EvaluatorRoutes(pages: pages).register(router)
        AudioRoutes(services: services).register(router)
        SupervisorRoutes(pages: pages).register(router)
        ArchivistRoutes(pages: pages).register(router)
        CallSearchRoutes(pages: pages).register(router)
        ReportRoutes(pages: pages).register(router)
        router.get("/assets/app.css") { _, _ in Self.asset(Assets.css, type: "text/css; charset=utf-8") }
        router.get("/assets/player.js") { _, _ in Self.asset(Assets.playerJS, type: "text/javascript; charset=utf-8") }
        let font = configuration.koreanFont.map { ByteBuffer(bytes: $0) }
        router.get("/assets/ko-font") { _, _ in
            guard let font else { throw WebError(status: .notFound, code: "not-found", message: "no Korean font configured (--font)") }
            return Response(status: .ok, headers: [.contentType: "font/ttf", .cacheControl: "public, max-age=86400"], body: .init(byteBuffer: font))
        }
        router.get("/healthz") { _, _ in Response.json(["status": "ok"]) }
        if let metrics = configuration.metrics {
            // For a monitoring system's token (or a signed-in admin or archivist): operations, not people.
            router.get("/api/metrics") { _, context in
                guard let user = context.user else { throw WebError.signInRequired }
                try services.guardian.authorize(user, .verifyAudit)
                return Response(status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                                body: .init(byteBuffer: ByteBuffer(string: metrics.text)))
            }
        }
        return router
    }

    /// The application bound to the configured address, HTTPS when TLS files are given; `onRunning` is told the bound
    /// port (0 picks a free one). A certificate or key that does not parse is a `WebError` naming which.
    public func application(onRunning: @escaping @Sendable (Int) async -> Void = { _ in }) throws -> some ApplicationProtocol {
        var server = HTTPServerBuilder.http1()
        if let tls = configuration.tls {
            let chain: [NIOSSLCertificate]
            let key: NIOSSLPrivateKey
            do { chain = try NIOSSLCertificate.fromPEMBytes(tls.certificateChainPEM) } catch {
                throw WebError(status: .internalServerError, code: "tls-certificate", message: "the TLS certificate file is not a PEM certificate chain")
            }
            do { key = try NIOSSLPrivateKey(bytes: tls.privateKeyPEM, format: .pem) } catch {
                throw WebError(status: .internalServerError, code: "tls-key", message: "the TLS key file is not an unencrypted PEM private key")
            }
            guard !chain.isEmpty else {
                throw WebError(status: .internalServerError, code: "tls-certificate", message: "the TLS certificate file holds no certificate")
            }
            server = try .tls(.http1(), tlsConfiguration: .makeServerConfiguration(certificateChain: chain.map { .certificate($0) },
                                                                                   privateKey: .privateKey(key)))
        }
        // The session store runs as a service: it drops expired sessions every 10 minutes (sign-in pages opened and
        // never used would otherwise pile up in memory).
        return Application(router: router(), server: server,
                           configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "nokchwi"),
                           services: [sessionStore],
                           onServerRunning: { channel in await onRunning(channel.localAddress?.port ?? 0) },
                           logger: services.logger)
    }

    static func asset(_ text: String, type: String) -> Response {
        Response(status: .ok, headers: [.contentType: type, .cacheControl: "public, max-age=3600"],
                 body: .init(byteBuffer: ByteBuffer(string: text)))
    }
}

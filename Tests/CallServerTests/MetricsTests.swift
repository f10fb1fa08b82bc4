import CallAccess
import CallArchive
import CallServer
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

/// `/api/metrics` (with `serve --metrics`): request counts per route template and the server's own counters, for
/// admins' and archivists' tokens or sessions only, and never an id or a name in a label.
@Suite struct MetricsTests {
    /// swift-metrics has one backend per process: bootstrapped once, for this suite's server.
    static let metrics: ServerMetrics = {
        let metrics = ServerMetrics()
        metrics.bootstrap()
        return metrics
    }()

    @Test func metricsCountRequestsByRouteForOperatorsOnly() async throws {
        let fixture = try ServerRouterTests.fixture.get()
        let services = ServerServices(home: fixture.home, catalog: fixture.catalog, keys: KeyFileStore(home: fixture.home),
                                      authenticator: Authenticator(catalog: fixture.catalog, hasher: try PasswordHasher()))
        let server = try NokchwiServer(services: services, configuration: ServerConfiguration(metrics: Self.metrics))
        let callID = try #require(try fixture.catalog.calls().first?.id.rawValue)
        try await Application(router: server.router()).test(.router) { client in
            try await client.execute(uri: "/api/metrics", method: .get) { #expect($0.status == .unauthorized) }
            let evaluator = try await Browser.signIn(client, "evaluator")
            try await client.execute(uri: "/api/metrics", method: .get, headers: evaluator.headers) { #expect($0.status == .forbidden) }
            var stranger = Browser()
            let page = try await client.execute(uri: "/login", method: .get) { response in
                stranger.cookie = Browser.cookie(response)
                return String(buffer: response.body)
            }
            let (h, body) = stranger.form(["_csrf": Browser.formToken(page) ?? "", "username": "nobody-metrics", "password": "wrong"])
            try await client.execute(uri: "/login", method: .post, headers: h, body: body) { #expect($0.status == .unauthorized) }
            let supervisor = try await Browser.signIn(client, "supervisor")
            try await client.execute(uri: "/calls/\(callID)", method: .get, headers: supervisor.headers) { #expect($0.status == .ok) }
            let archivist = try await Browser.signIn(client, "archivist")
            let text = try await client.execute(uri: "/api/metrics", method: .get, headers: archivist.headers) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType]?.hasPrefix("text/plain") == true)
                return String(buffer: response.body)
            }
            #expect(text.contains("/calls/{id}"), "\(text.prefix(2000))")
            #expect(text.contains("nokchwi_sign_in_failures_total"))
            #expect(!text.contains(callID) && !text.contains("supervisor") && !text.contains("evaluator"))
        }
    }
}

import CallAccess
import CallArchive
import CallServer
import Foundation
import Hummingbird
import Testing
import Yams

/// docs/openapi.yaml describes exactly the routes the router serves (no undocumented route, no stale entry), and
/// the parts of the web layer that need no home.
struct OpenAPITests {
    @Test func theSpecListsEveryRouteAndNothingElse() throws {
        let spec = try #require(try Yams.load(yaml: String(contentsOfFile: "docs/openapi.yaml", encoding: .utf8)) as? [String: Any])
        let paths = try #require(spec["paths"] as? [String: Any])
        var documented = Set<String>()
        for (path, value) in paths {
            for method in (value as? [String: Any] ?? [:]).keys { documented.insert("\(method.uppercased()) \(path)") }
        }
        // The router with every optional route on (`serve --metrics`); no backend is needed to list routes.
        let fixture = try ServerRouterTests.fixture.get()
        let services = ServerServices(home: fixture.home, catalog: fixture.catalog, keys: KeyFileStore(home: fixture.home),
                                      authenticator: Authenticator(catalog: fixture.catalog, hasher: try PasswordHasher()))
        let server = try NokchwiServer(services: services, configuration: ServerConfiguration(metrics: ServerMetrics()))
        let served = Set(server.router().routes.map { route in
            let path = route.path.description.split(separator: "/").map { $0.hasPrefix(":") ? "{\($0.dropFirst())}" : String($0) }
            return "\(route.method.rawValue) /" + path.joined(separator: "/")
        })
        #expect(served.subtracting(documented).isEmpty, "undocumented: \(served.subtracting(documented).sorted())")
        #expect(documented.subtracting(served).isEmpty, "not served: \(documented.subtracting(served).sorted())")
        #expect(served.count >= 25)
    }
}

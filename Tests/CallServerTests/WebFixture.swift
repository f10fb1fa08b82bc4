import CallAccess
import CallArchive
import CallCatalog
import CallReview
import CallServer
import CLITestSupport
import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import Testing

/// A demo home ready for QA (`.ci/qa-home.sh`: calls ingested, demo users, rubric, November's sample), built once
/// per suite with the real binary, and a server over it tested without sockets.
final class WebFixture: @unchecked Sendable {
    let work: URL
    let home: NokchwiHome
    let catalog: Catalog
    let server: NokchwiServer

    static let passwords = [
        "admin": "demo keys and users passphrase", "archivist": "demo retention passphrase",
        "supervisor": "demo team lead passphrase", "evaluator": "demo rubric passphrase", "qalead": "demo qa lead passphrase",
    ]

    init(calls: Int = 8) throws {
        work = FileManager.default.temporaryDirectory.appendingPathComponent("nokchwi-web-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = [".ci/qa-home.sh", Self.binary.path, work.path, String(calls)]
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw FixtureError(message: "qa-home.sh failed with \(process.terminationStatus)") }
        home = NokchwiHome(root: work.appendingPathComponent("home"))
        catalog = try Catalog(path: home.catalogPath)
        let authenticator = Authenticator(catalog: catalog, hasher: try PasswordHasher(), throttle: .standard)
        var logger = Logger(label: "test.server")
        logger.logLevel = .warning
        let services = ServerServices(home: home, catalog: catalog, keys: KeyFileStore(home: home), authenticator: authenticator, logger: logger)
        server = try NokchwiServer(services: services, configuration: ServerConfiguration())
    }

    deinit { try? FileManager.default.removeItem(at: work) }

    static var binary: URL { CLIRunner.binary }

    func test(_ body: @escaping @Sendable (any TestClientProtocol) async throws -> Void) async throws {
        let app = Application(router: server.router())
        try await app.test(.router, body)
    }
}

struct FixtureError: Error { let message: String }

/// One browser: its session cookie and the session's CSRF token.
struct Browser: Sendable {
    var cookie: String?
    var csrf: String?

    var headers: HTTPFields {
        var h: HTTPFields = [:]
        if let cookie { h[.cookie] = cookie }
        if let csrf { h[.init("X-CSRF-Token")!] = csrf }
        return h
    }

    /// Signs in through the sign-in page as a browser would (GET the form for its token, POST it).
    static func signIn(_ client: some TestClientProtocol, _ user: String, password: String? = nil) async throws -> Browser {
        var browser = Browser()
        let page = try await client.execute(uri: "/login", method: .get) { response in
            browser.cookie = Self.cookie(response)
            return String(buffer: response.body)
        }
        let token = try #require(Self.formToken(page))
        let form = "_csrf=\(token)&username=\(user)&password=\((password ?? WebFixture.passwords[user]!).addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)&next=/"
        var h = browser.headers
        h[.contentType] = "application/x-www-form-urlencoded"
        let status = try await client.execute(uri: "/login", method: .post, headers: h, body: ByteBuffer(string: form)) { response in
            if let c = Self.cookie(response) { browser.cookie = c }
            return response.status
        }
        #expect(status == .seeOther)
        browser.csrf = try await client.execute(uri: "/api/me", method: .get, headers: browser.headers) { response in
            let json = try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any]
            return json?["csrf"] as? String
        }
        return browser
    }

    static func cookie(_ response: TestResponse) -> String? {
        response.headers[values: .setCookie].first?.split(separator: ";").first.map(String.init)
    }

    static func formToken(_ html: String) -> String? {
        guard let r = html.range(of: "name=\"_csrf\" value=\"") else { return nil }
        return String(html[r.upperBound...].prefix { $0 != "\"" })
    }

    func form(_ fields: [String: String]) -> (HTTPFields, ByteBuffer) {
        var h = headers
        h[.contentType] = "application/x-www-form-urlencoded"
        let body = fields.map { "\($0.key)=\($0.value.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)" }.joined(separator: "&")
        return (h, ByteBuffer(string: body))
    }
}

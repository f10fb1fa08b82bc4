import Foundation
import Testing

/// `nokchwi serve` as a process: HTTPS with a certificate and key (the cookie Secure, HSTS sent), a bad certificate
/// refused with a message naming it, and SIGTERM stopping the server cleanly (exit 0).
@Suite(.serialized)
struct ServeProcessTests {
    static var toolsPresent: Bool { ["/usr/bin/openssl", "/usr/bin/curl"].allSatisfy(FileManager.default.isExecutableFile) }

    @Test(.enabled(if: toolsPresent)) func servesHTTPSWithSecureCookiesAndStopsOnSIGTERM() throws {
        let fixture = try ServerRouterTests.fixture.get()
        let dir = fixture.work.appendingPathComponent("tls")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let cert = dir.appendingPathComponent("c.pem").path, key = dir.appendingPathComponent("k.pem").path
        #expect(try Self.run("/usr/bin/openssl", ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", cert,
                                                   "-days", "1", "-subj", "/CN=localhost"]).status == 0)
        let server = Process()
        server.executableURL = WebFixture.binary
        server.arguments = ["serve", "--port", "0", "--home", fixture.home.root.path, "--tls-cert", cert, "--tls-key", key, "--json"]
        let out = Pipe()
        server.standardOutput = out
        server.standardError = FileHandle.nullDevice
        try server.run()
        defer { if server.isRunning { server.terminate() } }
        let line = try #require(Self.firstLine(out))
        let json = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        let url = try #require(json["url"] as? String)
        #expect(url.hasPrefix("https://127.0.0.1:"))
        let headers = try Self.run("/usr/bin/curl", ["-sk", "-D", "-", "-o", "/dev/null", url + "login"]).output.lowercased()
        #expect(headers.contains("http/1.1 200"))
        #expect(headers.contains("set-cookie: nokchwi_session=") && headers.contains("; secure"))
        #expect(headers.contains("strict-transport-security: max-age="))
        server.terminate()  // SIGTERM
        server.waitUntilExit()
        #expect(server.terminationReason == .exit && server.terminationStatus == 0)
    }

    @Test func theCLIReadsThroughAServerWithoutTheHome() throws {
        let fixture = try ServerRouterTests.fixture.get()
        let server = Process()
        server.executableURL = WebFixture.binary
        server.arguments = ["serve", "--port", "0", "--home", fixture.home.root.path, "--json"]
        let out = Pipe()
        server.standardOutput = out
        server.standardError = FileHandle.nullDevice
        try server.run()
        defer { server.terminate(); server.waitUntilExit() }
        let line = try #require(Self.firstLine(out))
        let url = try #require((try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])?["url"] as? String)
        let elsewhere = fixture.work.appendingPathComponent("no-home").path  // the CLI never opens a catalog here
        let login = try Self.run(WebFixture.binary.path, ["login", "--server", url, "--user", "supervisor", "--hours", "1", "--home", elsewhere],
                                 environment: ["NOKCHWI_PASSWORD": WebFixture.passwords["supervisor"]!])
        #expect(login.status == 0, "\(login.output)")
        let token = login.output.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(token.hasPrefix("nkw1_"))
        let id = try #require(try fixture.catalog.calls().first?.id.rawValue)
        let show = try Self.run(WebFixture.binary.path, ["calls", "show", id, "--server", url, "--home", elsewhere],
                                environment: ["NOKCHWI_TOKEN": token])
        #expect(show.status == 0 && show.output.contains("\"id\" : \"\(id)\""), "\(show.output)")
        // `calls list --server` lists what the same user lists locally, with the same filters, in the same order.
        let local = try Self.run(WebFixture.binary.path, ["login", "--user", "supervisor", "--hours", "1", "--home", fixture.home.root.path],
                                 environment: ["NOKCHWI_PASSWORD": WebFixture.passwords["supervisor"]!])
        let localToken = local.output.trimmingCharacters(in: .whitespacesAndNewlines)
        var team = "-"
        for filters in [["--limit", "50"], ["--from", "2026-11-01", "--min-duration", "30"], ["--team"]] {
            let filters = filters == ["--team"] ? ["--team", team] : filters
            let here = try Self.run(WebFixture.binary.path, ["calls", "list", "--json", "--home", fixture.home.root.path] + filters,
                                    environment: ["NOKCHWI_TOKEN": localToken])
            let there = try Self.run(WebFixture.binary.path, ["calls", "list", "--json", "--server", url, "--home", elsewhere] + filters,
                                     environment: ["NOKCHWI_TOKEN": token])
            let ids = { (text: String) in ((try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [[String: Any]] ?? []).compactMap { $0["id"] as? String } }
            #expect(there.status == 0 && !ids(there.output).isEmpty && ids(there.output) == ids(here.output), "\(filters) \(there.output) \(here.output)")
            let rows = (try? JSONSerialization.jsonObject(with: Data(there.output.utf8))) as? [[String: Any]]
            if team == "-", let first = rows?.compactMap({ $0["team"] as? String }).first { team = first }
        }
        // The reports print the same tables from the server as from the home.
        for report in [["report", "talk", "--by", "agent"], ["report", "talk", "--agent", "A003"], ["report", "queue", "--by", "hour"],
                       ["report", "qa", "--by", "item"], ["status"]] {
            let days = report == ["status"] ? [] : ["--from", "2026-11-01", "--to", "2026-12-31"]
            let here = try Self.run(WebFixture.binary.path, report + days + ["--home", fixture.home.root.path], environment: ["NOKCHWI_TOKEN": localToken])
            let there = try Self.run(WebFixture.binary.path, report + days + ["--server", url, "--home", elsewhere], environment: ["NOKCHWI_TOKEN": token])
            // `status` names where the catalog is: the home here, the server there; the rest is the same.
            let place = { (text: String) in text.split(separator: "\n").filter { !$0.hasPrefix("nokchwi catalog at") } }
            #expect(here.status == 0 && there.status == 0 && place(there.output) == place(here.output) && here.output.count > 80,
                    "\(report)\n\(there.output)\n\(here.output)")
        }
        let badGrouping = try Self.run(WebFixture.binary.path, ["report", "qa", "--by", "agent", "--from", "2026-11-01", "--to", "2026-11-30x", "--server", url, "--home", elsewhere],
                                       environment: ["NOKCHWI_TOKEN": token])
        #expect(badGrouping.status != 0 && badGrouping.output.contains("refused the request"), "\(badGrouping.output)")
        let table = try Self.run(WebFixture.binary.path, ["calls", "list", "--server", url, "--home", elsewhere], environment: ["NOKCHWI_TOKEN": token])
        #expect(table.status == 0 && table.output.contains("DURATION") && table.output.contains("call(s) from"), "\(table.output)")
        let badDay = try Self.run(WebFixture.binary.path, ["calls", "list", "--from", "November", "--server", url, "--home", elsewhere],
                                  environment: ["NOKCHWI_TOKEN": token])
        #expect(badDay.status != 0 && badDay.output.contains("from November is not a yyyy-MM-dd date"), "\(badDay.output)")
        #expect(!FileManager.default.fileExists(atPath: elsewhere))
        let refused = try Self.run(WebFixture.binary.path, ["calls", "show", id, "--server", url], environment: ["NOKCHWI_TOKEN": "nkw1_forged"])
        #expect(refused.status != 0 && refused.output.contains("refused the sign-in or token"))
    }

    @Test func refusesACertificateThatIsNotOne() throws {
        let fixture = try ServerRouterTests.fixture.get()
        let bogus = fixture.work.appendingPathComponent("bogus.pem").path
        try Data("not a certificate".utf8).write(to: URL(fileURLWithPath: bogus))
        let result = try Self.run(WebFixture.binary.path, ["serve", "--port", "0", "--home", fixture.home.root.path,
                                                           "--tls-cert", bogus, "--tls-key", bogus])
        #expect(result.status != 0)
        #expect(result.output.contains("TLS certificate"))
    }

    static func run(_ tool: String, _ arguments: [String], environment: [String: String] = [:]) throws -> (status: Int32, output: String) {
        let process = Process()
        var env = ProcessInfo.processInfo.environment
        env["NOKCHWI_TOKEN"] = nil
        for (k, v) in environment { env[k] = v }
        process.environment = env
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    static func firstLine(_ pipe: Pipe) -> String? {
        var bytes: [UInt8] = []
        let handle = pipe.fileHandleForReading
        while bytes.count < 4096 {
            let chunk = handle.readData(ofLength: 1)
            guard let byte = chunk.first else { return nil }
            if byte == UInt8(ascii: "\n") { break }
            bytes.append(byte)
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}

import CallAccess
import CallArchive
import CallCatalog
import CallModel
import CallServer
import CLITestSupport
import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import Testing

/// The archivist's console purges and releases holds as the CLI does: only after the archivist types the number of
/// calls due, and under the two-person rule only after a second archivist approved (the web path once released a
/// hold alone, bypassing the rule the CLI enforced).
@Suite(.serialized) struct ArchiveConsoleTests {
    /// A home whose three calls are already due: a one-day retention class (floor lowered to 1 day at init).
    final class DueHome: @unchecked Sendable {
        let tmp: TempDir
        let home: NokchwiHome
        let catalog: Catalog
        let server: NokchwiServer
        static let passwords = ["keeper": "archive clerk number 1", "keeper2": "second archive clerk 9"]

        init(twoPerson: Bool) throws {
            tmp = try TempDir()
            let path = tmp.path("home")
            func run(_ arguments: [String], _ env: [String: String] = [:]) throws -> CLIRunner.Result {
                let result = try CLIRunner.run(arguments, environment: env)
                guard result.status == 0 else { throw FixtureError(message: "\(arguments.first ?? "") failed: \(result.stderr)") }
                return result
            }
            _ = try run(["init", "--admin", "admin", "--home", path, "--retention-floor-days", "1"] + (twoPerson ? ["--two-person-retention"] : []),
                        ["NOKCHWI_PASSWORD": "correct horse battery"])
            let admin = ["NOKCHWI_TOKEN": try run(["login", "--user", "admin", "--home", path], ["NOKCHWI_PASSWORD": "correct horse battery"]).stdout
                .trimmingCharacters(in: .whitespacesAndNewlines)]
            for (user, password) in Self.passwords.sorted(by: { $0.key < $1.key }) {
                _ = try run(["users", "add", user, "--role", "archivist", "--home", path], admin.merging(["NOKCHWI_NEW_PASSWORD": password]) { $1 })
            }
            let keeper = ["NOKCHWI_TOKEN": try run(["login", "--user", "keeper", "--home", path], ["NOKCHWI_PASSWORD": Self.passwords["keeper"]!]).stdout
                .trimmingCharacters(in: .whitespacesAndNewlines)]
            let pipeline = tmp.path("brief.yaml")
            try Data("name: brief\nretention:\n  default_class: brief\n  classes:\n    - name: brief\n      days: 1\n".utf8).write(to: URL(fileURLWithPath: pipeline))
            _ = try run(["demo-data", tmp.path("input"), "--calls", "3", "--seed", "7", "--mean-seconds", "20", "--no-bad-inputs"])
            _ = try run(["ingest", tmp.path("input/drop"), "--pipeline", pipeline, "--home", path], keeper)
            home = NokchwiHome(root: URL(fileURLWithPath: path))
            catalog = try Catalog(path: home.catalogPath)
            var logger = Logger(label: "test.server")
            logger.logLevel = .warning
            let services = ServerServices(home: home, catalog: catalog, keys: KeyFileStore(home: home),
                                          authenticator: Authenticator(catalog: catalog, hasher: try PasswordHasher()), logger: logger)
            server = try NokchwiServer(services: services, configuration: ServerConfiguration())
        }

        func test(_ body: @escaping @Sendable (any TestClientProtocol) async throws -> Void) async throws {
            try await Application(router: server.router()).test(.router, body)
        }

        func destroyed() throws -> Int { try catalog.calls().count { try catalog.retentionStatus(callID: $0.id)?.purgedAt != nil } }
    }

    static func location(_ response: TestResponse) -> String { response.headers[.location] ?? "" }

    @Test func aPurgeRunsOnlyWithTheCountTypedAndLeavesACertificate() async throws {
        let home = try DueHome(twoPerson: false)
        try await home.test { client in
            let keeper = try await Browser.signIn(client, "keeper", password: DueHome.passwords["keeper"])
            let due = try await client.execute(uri: "/api/archive", method: .get, headers: keeper.headers) { response in
                let json = try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any]
                return json?["purgeDue"] as? Int ?? 0
            }
            #expect(due >= 2)
            #expect(due == (try home.catalog.expiredCalls(asOf: Date()).count))
            for wrong in ["", "\(due - 1)", "\(due + 1)", "all"] {
                let (h, body) = keeper.form(["confirm": wrong, "reason": "scheduled"])
                try await client.execute(uri: "/archive/purge", method: .post, headers: h, body: body) { response in
                    #expect(response.status == .badRequest, "confirm=\(wrong)")
                    #expect(String(buffer: response.body).contains("(\(due))"))
                }
            }
            #expect(try home.destroyed() == 0)
            let (h, body) = keeper.form(["confirm": "\(due)", "reason": "scheduled"])
            let target = try await client.execute(uri: "/archive/purge", method: .post, headers: h, body: body) { response in
                #expect(response.status == .seeOther, "\(String(buffer: response.body))")
                return Self.location(response)
            }
            #expect(target.hasPrefix("/archive?done=purged&n="))
            #expect(try home.destroyed() == due)
            let run = try #require(try home.catalog.purgeRuns(limit: 1).first?.id)
            try await client.execute(uri: "/archive/certificates/\(run)", method: .get, headers: keeper.headers) { response in
                #expect(response.status == .ok)
                #expect(String(buffer: response.body).contains("brief"))
            }
            try await client.execute(uri: "/archive?done=purged&n=\(run)", method: .get, headers: keeper.headers) { response in
                let page = String(buffer: response.body)
                #expect(page.contains("/archive/certificates/\(run)"))
                #expect(!page.contains("id=\"purge-form\""))  // nothing left to purge: no form
            }
            try await client.execute(uri: "/archive/certificates/999", method: .get, headers: keeper.headers) { response in
                #expect(response.status == .notFound)
            }
        }
    }

    @Test func underTheTwoPersonRuleASecondArchivistApprovesPurgesAndReleases() async throws {
        let home = try DueHome(twoPerson: true)
        let expired = try home.catalog.expiredCalls(asOf: Date())
        let callID = try #require(expired.first?.callID)
        let due = expired.count - 1  // the held one waits
        #expect(due >= 1)
        let hold = try home.catalog.placeHold(holder: "legal", reason: "case 12", selection: .calls([callID]), by: "keeper",
                                             from: "test", at: Date())
        try await home.test { client in
            let keeper = try await Browser.signIn(client, "keeper", password: DueHome.passwords["keeper"])
            let second = try await Browser.signIn(client, "keeper2", password: DueHome.passwords["keeper2"])
            // Releasing the hold alone records a request; the hold stays.
            let (rh, release) = keeper.form(["reason": "case closed"])
            let released = try await client.execute(uri: "/archive/holds/\(hold.id)/release", method: .post, headers: rh, body: release) { Self.location($0) }
            #expect(released.hasPrefix("/archive?done=requested"))
            #expect(try home.catalog.legalHold(id: hold.id)?.releasedAt == nil)
            // Purging alone records a request for the count due.
            let (ph, purge) = keeper.form(["confirm": "\(due)", "reason": "scheduled"])
            let requested = try await client.execute(uri: "/archive/purge", method: .post, headers: ph, body: purge) { Self.location($0) }
            #expect(requested.hasPrefix("/archive?done=requested"))
            #expect(try home.destroyed() == 0)
            let requests = try home.catalog.retentionRequests()
            let purgeRequest = try #require(requests.first { $0.kind == .purge }), releaseRequest = try #require(requests.first { $0.kind == .holdRelease })
            // The requester can neither approve their own request nor run it unapproved.
            let (oh, own) = keeper.form([:])
            try await client.execute(uri: "/archive/requests/\(purgeRequest.id)/approve", method: .post, headers: oh, body: own) { response in
                #expect(response.status == .badRequest)
            }
            let (uh, unapproved) = keeper.form(["confirm": "\(due)", "reason": "scheduled", "request": "\(purgeRequest.id)"])
            try await client.execute(uri: "/archive/purge", method: .post, headers: uh, body: unapproved) { response in
                #expect(response.status == .badRequest)
            }
            #expect(try home.destroyed() == 0)
            // A second archivist approves both on the console; then the requester runs them.
            for id in [purgeRequest.id, releaseRequest.id] {
                let (ah, approve) = second.form([:])
                try await client.execute(uri: "/archive/requests/\(id)/approve", method: .post, headers: ah, body: approve) { response in
                    #expect(response.status == .seeOther, "\(String(buffer: response.body))")
                }
            }
            let (rh2, release2) = keeper.form(["reason": "case closed", "request": "\(releaseRequest.id)"])
            try await client.execute(uri: "/archive/holds/\(hold.id)/release", method: .post, headers: rh2, body: release2) { response in
                #expect(Self.location(response) == "/archive?done=released")
            }
            #expect(try home.catalog.legalHold(id: hold.id)?.releasedAt != nil)
            let (rph, run) = keeper.form(["confirm": "\(due)", "reason": "scheduled", "request": "\(purgeRequest.id)"])
            try await client.execute(uri: "/archive/purge", method: .post, headers: rph, body: run) { response in
                #expect(Self.location(response).hasPrefix("/archive?done=purged"), "\(String(buffer: response.body))")
            }
            #expect(try home.destroyed() == due)
            // A used request does not run again.
            try await client.execute(uri: "/archive/purge", method: .post, headers: rph, body: keeper.form(["confirm": "\(due)", "reason": "x", "request": "\(purgeRequest.id)"]).1) { response in
                #expect(response.status == .badRequest)
            }
            #expect(try home.destroyed() == due)
        }
    }
}

import CallArchive
import CallCatalog
import CallModel
import CLITestSupport
import Foundation
import Testing

/// Issue #21, weak item "personal data in the catalog in plain text": whoever got a copy of `catalog.sqlite` read
/// every caller number and the numbers recorders put into event details, and a purge erased them only by SQL.
/// Now they are sealed under each call's own data key (CallArchive's `PersonalDataSeal`), with a keyed hash kept
/// for lookups and repeat-call counts.
@Suite(.serialized) struct SealedPersonalDataTests {
    static let caller = "010-7777-1234"
    static let detail = "forwarded to 010-5555-6666"

    /// Six demo calls; the first two sidecars get the same caller number, the first a transfer event with a number.
    nonisolated(unsafe) static let shared = Result { () throws -> SecurityHome in
        try SecurityHome(calls: 6) { drop in
            let sidecars = try SecurityHome.sidecars(drop)
            guard sidecars.count >= 2 else { throw SecurityHomeError(message: "the demo drop folder needs two sidecar JSON files") }
            try SecurityHome.edit(sidecars[0]) { doc in
                doc["caller_number"] = caller
                doc["events"] = (doc["events"] as? [[String: Any]] ?? []) + [["type": "transfer", "start": 1.0, "detail": detail]]
            }
            try SecurityHome.edit(sidecars[1]) { $0["caller_number"] = "+82 10 7777 1234" }
        }
    }

    @Test func theCatalogFileHoldsNoCallerOrEventNumbers() throws {
        // Attack: copy catalog.sqlite (and its WAL) off the host and read it with sqlite3 or `strings`.
        let home = try Self.shared.get()
        let catalog = try Catalog(path: home.path + "/catalog.sqlite")
        let calls = try home.revealedCalls(catalog)
        let numbers = calls.compactMap(\.metadata.callerNumber)
        let details = calls.flatMap { $0.metadata.events.compactMap(\.detail) }.filter { $0.contains { $0.isNumber } }
        #expect(numbers.count >= 3 && numbers.contains(Self.caller) && details.contains(Self.detail), "\(numbers.count) of \(calls.count)")
        // Not in the rows the catalog returns...
        #expect(try catalog.calls(CallQuery(limit: 100)).allSatisfy { $0.metadata.callerNumber == nil })
        // ...nor anywhere in the file's bytes, as written or as digits only.
        let bytes = try home.catalogBytes()
        for secret in numbers + details + ["5555-6666", "01077771234", "7777 1234"] {
            #expect(!bytes.contains(secret), "the catalog file holds \(secret)")
            let digits = secret.filter(\.isNumber)
            #expect(digits.count < 8 || !bytes.contains(digits), "the catalog file holds \(digits)")
        }
    }

    @Test func callsShowStillShowsThemByRole() throws {
        // Sealing must not change what people see: the supervisor of the team sees the event detail whole, an
        // assigned evaluator sees it masked; both see the caller masked, as before.
        let home = try Self.shared.get()
        let catalog = try Catalog(path: home.path + "/catalog.sqlite")
        let call = try #require(try home.revealedCalls(catalog).first { $0.metadata.events.contains { $0.detail == Self.detail } })
        #expect(try catalog.call(id: call.id)?.metadata.events.contains { $0.detail != nil } == false, "stored sealed only")
        let team = try #require(call.metadata.team)
        let supervisor = try home.addUser("floor7", password: "one team supervisor 7", ["--role", "supervisor", "--team", team])
        let evaluator = try home.addUser("qa7", password: "evaluates calls daily 7", ["--role", "evaluator"])
        #expect(try catalog.assign(CallAssignment(callID: call.id, username: "qa7", assignedAt: Date(), assignedBy: "test")))
        let masked = try #require(PersonalDataRedactor.maskNumber(Self.caller))

        let asSupervisor = try CLIRunner.run(["calls", "show", call.id.rawValue, "--json", "--home", home.path], environment: supervisor)
        #expect(asSupervisor.status == 0, "\(asSupervisor.stderr)")
        let shown = try #require(asSupervisor.json as? [String: Any])
        #expect(shown["caller_number_masked"] as? String == masked)
        #expect(asSupervisor.stdout.contains(Self.detail))
        let text = try CLIRunner.run(["calls", "show", call.id.rawValue, "--home", home.path], environment: supervisor)
        #expect(text.stdout.contains(masked) && text.stdout.contains(Self.detail), "\(text.stdout)")

        let asEvaluator = try CLIRunner.run(["calls", "show", call.id.rawValue, "--json", "--home", home.path], environment: evaluator)
        #expect(asEvaluator.status == 0, "\(asEvaluator.stderr)")
        #expect((asEvaluator.json as? [String: Any])?["caller_number_masked"] as? String == masked)
        #expect(asEvaluator.stdout.contains("forwarded to ***-6666") && !asEvaluator.stdout.contains("5555"), "\(asEvaluator.stdout)")
    }

    @Test func theKeyedHashStillFindsAndCountsACaller() throws {
        // Lookups and repeat-call counts go through HMAC-SHA256 under the home's caller-hash key, not the number.
        let home = try Self.shared.get()
        let catalog = try Catalog(path: home.path + "/catalog.sqlite")
        let hasher = try CallerNumberHash(home: home.home)
        let hash = try #require(hasher.hash(Self.caller))
        #expect(hasher.hash("01077771234") == hash && hasher.hash("+82-10-7777-1234") == hash)
        let found = try catalog.callIDs(callerHash: hash)
        #expect(found.count == 2)
        let revealed = try home.revealedCalls(catalog).filter { found.contains($0.id) }
        #expect(revealed.count == 2 && revealed.allSatisfy { $0.metadata.callerNumber?.filter(\.isNumber).hasSuffix("1077771234") == true })
        let repeats = try catalog.repeatCallers()
        #expect(repeats.contains { $0.callerHash == hash && $0.calls == 2 }, "\(repeats)")
        #expect(try catalog.callIDs(callerHash: try #require(hasher.hash("010-0000-9999"))).isEmpty)
        // The hash is keyed: without the home's secret the same number hashes to something else.
        #expect(CallerNumberHash(secret: Array(repeating: 7, count: 32)).hash(Self.caller) != hash)
    }
}

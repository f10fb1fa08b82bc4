import CallArchive
import CallCatalog
import CallModel
import CLITestSupport
import Foundation
import Testing

/// Issue #21, weak item "personal data": an evaluator, who sees the caller number masked, read the numbers a
/// recorder wrote into event details ("forwarded to 010-5555-6666"); resident registration numbers and e-mail
/// addresses typed into a reason were kept whole in the audit trail that admins and archivists list.
@Suite(.serialized) struct PersonalDataMaskTests {
    static let detail = "forwarded to 010-5555-6666 for 900101-1234567 (hong.gildong@example.com)"

    @Test func anEvaluatorSeesNumbersInEventDetailsMasked() throws {
        // Attack: an evaluator assigned a call runs `calls show ID` (or `calls list --json`) and reads the number,
        // resident registration number and e-mail the recorder put in a transfer event's detail.
        var marked: String?
        let home = try SecurityHome(calls: 6) { drop in
            let files = try FileManager.default.subpathsOfDirectory(atPath: drop).filter { $0.hasSuffix(".json") }.sorted()
            for file in files {
                let path = drop + "/" + file
                guard var doc = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as? [String: Any],
                      doc["call_id"] != nil || doc["agent"] != nil || doc["events"] != nil || doc["legs"] != nil || doc["audio"] != nil else { continue }
                var events = doc["events"] as? [[String: Any]] ?? []
                events.append(["type": "transfer", "start": 1.0, "detail": Self.detail])
                doc["events"] = events
                try JSONSerialization.data(withJSONObject: doc).write(to: URL(fileURLWithPath: path))
                marked = file
                return
            }
        }
        try #require(marked != nil, "the demo drop folder must hold a sidecar JSON")
        let catalog = try Catalog(path: home.path + "/catalog.sqlite")
        // Event details are sealed in the catalog (issue #21): opened with the home's keys to find the marked call.
        let call = try #require(try home.revealedCalls(catalog).first { $0.metadata.events.contains { $0.detail == Self.detail } })
        let evaluator = try home.addUser("qa1", password: "evaluates calls daily 3", ["--role", "evaluator"])
        #expect(try catalog.assign(CallAssignment(callID: call.id, username: "qa1", assignedAt: Date(), assignedBy: "test")))

        for arguments in [["calls", "show", call.id.rawValue, "--json"], ["calls", "show", call.id.rawValue], ["calls", "list", "--json"]] {
            let shown = try CLIRunner.run(arguments + ["--home", home.path], environment: evaluator)
            #expect(shown.status == 0, "\(shown.stderr)")
            #expect(shown.stdout.contains("forwarded to ***-6666"), "\(arguments): \(shown.stdout)")
            for secret in ["5555", "900101", "1234567", "hong.gildong"] {
                #expect(!shown.stdout.contains(secret), "\(arguments) shows \(secret)")
            }
            #expect(shown.stdout.contains("***@example.com"))
        }
        // The archivist, who may see the number, sees the detail as recorded.
        let asArchivist = try CLIRunner.run(["calls", "show", call.id.rawValue, "--json", "--home", home.path], environment: home.archivist)
        #expect(asArchivist.stdout.contains("010-5555-6666"))
    }

    @Test func auditReasonsMaskRegistrationNumbersAndEmails() throws {
        // Attack: whoever reads the audit trail (admins, archivists, an export of it) reads a resident registration
        // number or an e-mail address that an archivist typed into a reason.
        let home = try SecurityHome(calls: 1)
        let id = try #require(try home.callIDs().first)
        let reason = "court order for 900101-1234567, reply to clerk.kim@court.example.kr, tel 010-2222-3333"
        let export = try CLIRunner.run(["export", id, "--home", home.path, "--out", home.tmp.path("out.wav"), "--reason", reason],
                                       environment: home.archivist)
        #expect(export.status == 0, "\(export.stderr)")
        let list = try CLIRunner.run(["audit", "list", "--home", home.path, "--limit", "100", "--json"], environment: home.admin)
        let entries = try #require(list.json as? [[String: Any]])
        let recorded = try #require(entries.first { $0["action"] as? String == "export-call" }?["reason"] as? String)
        #expect(recorded == "court order for ******-*******, reply to ***@court.example.kr, tel ***-3333")
        for secret in ["900101", "1234567", "clerk.kim", "2222"] { #expect(!list.stdout.contains(secret)) }
        // Dates, times and call ids are not mistaken for them.
        #expect(PersonalDataRedactor.redact("2026-12-07 22:40 call 20261207-000123 ref 261207-0001") == "2026-12-07 22:40 call 20261207-000123 ref 261207-0001")
    }
}

import CallArchive
import CallCatalog
import CallModel
import CLITestSupport
import Crypto
import Foundation
import Testing

/// Issue #21, "personal data sealed": what an attacker with write access to the catalog can do with the sealed
/// fields, what a purge leaves, and how a catalog written before sealing is sealed.
@Suite(.serialized) struct SealedPersonalStorageTests {
    static func call(_ n: Int, caller: String, detail: String?) -> Call {
        let source = String(repeating: "\(n)", count: 64)
        return Call(
            id: CallID(rawValue: "20261207-00000000\(n)"), sourceSHA256: source, runID: nil,
            metadata: CallMetadata(startTime: Date(timeIntervalSince1970: 1_796_600_000 + Double(n)), team: "team-1", callerNumber: caller,
                                   events: [CallEvent(kind: .transfer, start: 1, end: nil, detail: detail)]),
            flags: [], layout: .stereo, agentChannel: 0,
            archive: ArchiveRef(relativePath: "2026/12/07/\(source).opus", sha256: source, bytes: 1, sampleRate: 8000,
                                channels: 2, frames: 8000, bitratePerChannel: 12000, format: .encryptedV1),
            durationSeconds: 1, ingestedAt: Date(timeIntervalSince1970: 1_796_600_000), legs: [], metadataFiles: [])
    }

    @Test func aSealedFieldCopiedOntoAnotherCallIsRefused() throws {
        // Attack: with write access to the catalog, copy call 1's sealed caller number *and* its wrapped data key onto
        // call 2, so that call 2 shows call 1's caller. The call id is the associated data: it does not open.
        let tmp = try TempDir()
        let catalog = try Catalog(path: tmp.path("catalog.sqlite"))
        let keys = InMemoryKeyProvider([.generate(at: Date())])
        let hasher = CallerNumberHash(secret: Array(repeating: 1, count: 32))
        let first = Self.call(1, caller: "010-1111-2222", detail: "forwarded to 010-3333-4444")
        let (dataKey, wrapped) = try keys.newDataKey()
        let record = ArchiveKeyRecord(kekID: wrapped.kekID, wrappedKey: wrapped.wrapped, fileID: Array(repeating: 1, count: 16))
        let sealed = try PersonalDataSeal.seal(first, dataKey: dataKey, hasher: hasher)
        #expect(try catalog.commit(sealed.call, archiveKey: record, sealedPersonal: sealed.sealed) == .inserted)
        // Call 2 stored with call 1's sealed bytes and call 1's wrapped key, as an attacker would write them.
        let second = try PersonalDataSeal.seal(Self.call(2, caller: "010-9999-8888", detail: nil), dataKey: dataKey, hasher: hasher).call
        #expect(try catalog.commit(second, archiveKey: record, sealedPersonal: sealed.sealed) == .inserted)

        let vault = PersonalDataVault(catalog: catalog, keys: keys)
        #expect(try vault.reveal(try #require(try catalog.call(id: first.id))).metadata.callerNumber == "010-1111-2222")
        let moved = try #require(try catalog.call(id: second.id))
        #expect(throws: ArchiveError.self) { try vault.reveal(moved) }
        // Field by field too: the same key, another call id (or another field) does not open it.
        let key = PersonalDataSeal.subkey(of: dataKey)
        let blob = try #require(sealed.sealed.callerNumber)
        #expect(try PersonalDataSeal.open(blob, field: .callerNumber, callID: first.id, key: key) == "010-1111-2222")
        #expect(throws: ArchiveError.self) { try PersonalDataSeal.open(blob, field: .callerNumber, callID: second.id, key: key) }
        #expect(throws: ArchiveError.self) { try PersonalDataSeal.open(blob, field: .eventDetail, callID: first.id, key: key) }
        // And the sealing key is not the data key that seals the audio.
        #expect(throws: ArchiveError.self) { try PersonalDataSeal.open(blob, field: .callerNumber, callID: first.id, key: dataKey) }
    }

    @Test func aPurgeLeavesNothingToOpen() throws {
        // Claim: purging a call erases its data key, so its sealed fields cannot be opened any more, and the purge
        // clears the sealed columns and the caller hash as well.
        let files = try TempDir()
        let brief = try RetentionSafeguardTests.pipeline(files, "brief", RetentionSafeguardTests.oneDay)
        let home = try SecurityHome(calls: 2, initArguments: ["--retention-floor-days", "1"], ingestArguments: ["--pipeline", brief])
        let catalog = try Catalog(path: home.path + "/catalog.sqlite")
        let before = try catalog.calls(CallQuery(limit: 10)).filter { try catalog.sealedPersonal(callID: $0.id)?.callerNumber != nil }
        try #require(!before.isEmpty, "the demo calls must have caller numbers")
        let sealed = try before.map { try #require(try catalog.sealedPersonal(callID: $0.id)) }
        let keysBefore = try before.map { try #require(try catalog.archiveKey(callID: $0.id)) }
        #expect(sealed.allSatisfy { $0.callerHash != nil })
        let purge = try CLIRunner.run(["purge", "--home", home.path], environment: home.archivist)
        #expect(purge.status == 0, "\(purge.stderr)")
        let vault = PersonalDataVault(catalog: catalog, keys: KeyFileStore(home: home.home))
        for (call, (blob, key)) in zip(before, zip(sealed, keysBefore)) {
            #expect(try catalog.sealedPersonal(callID: call.id) == nil)
            #expect(try catalog.archiveKey(callID: call.id) == nil)
            #expect(try vault.reveal(try #require(try catalog.call(id: call.id))).metadata.callerNumber == nil)
            // The old blob is useless without the erased key: another data key does not open it.
            let other = PersonalDataSeal.subkey(of: SymmetricKey(size: .bits256))
            #expect(throws: ArchiveError.self) {
                try PersonalDataSeal.open(try #require(blob.callerNumber), field: .callerNumber, callID: call.id, key: other)
            }
            #expect(!(try home.catalogBytes()).contains(Data(key.wrappedKey)))
        }
        let hashes = sealed.compactMap(\.callerHash)
        #expect(try hashes.allSatisfy { try catalog.callIDs(callerHash: $0).isEmpty })
    }

    @Test func anOldPlaintextCatalogIsSealedByTheCommand() throws {
        // Claim: rows stored in plain text before sealing existed are sealed by `keys seal-personal` (admins), which
        // clears the plain text, is audited, counts in `status`, and changes nothing when run again.
        let home = try SecurityHome()
        let catalog = try Catalog(path: home.path + "/catalog.sqlite")
        let keys = KeyFileStore(home: home.home)
        var ids: [CallID] = []
        for n in 1...3 {
            let (_, wrapped) = try keys.newDataKey()
            let call = Self.call(n, caller: "010-3131-000\(n)", detail: "forwarded to 010-4242-000\(n)")
            // Committed as an older version did: no sealed record, the fields in plain text.
            #expect(try catalog.commit(call, archiveKey: ArchiveKeyRecord(kekID: wrapped.kekID, wrappedKey: wrapped.wrapped,
                                                                          fileID: Array(repeating: UInt8(n), count: 16))) == .inserted)
            ids.append(call.id)
        }
        var plain = Self.call(4, caller: "010-3131-0004", detail: nil)
        plain.archive.format = .oggOpus
        #expect(try catalog.commit(plain) == .inserted)  // a plaintext archive: no data key
        #expect(try home.catalogBytes().contains("010-3131-0001"))
        let status = try CLIRunner.run(["status", "--json", "--home", home.path], environment: home.archivist)
        let counts = (status.json as? [String: Any])?["personal_plaintext"] as? [String: Any]
        #expect(counts?["sealable"] as? Int == 3 && counts?["without_key"] as? Int == 1, "\(status.stdout) \(status.stderr)")

        #expect(try CLIRunner.run(["keys", "seal-personal", "--home", home.path], environment: home.archivist).status != 0)
        let run = try CLIRunner.run(["keys", "seal-personal", "--json", "--page-size", "2", "--home", home.path], environment: home.admin)
        #expect(run.status == 0, "\(run.stderr)")
        let report = try #require(run.json as? [String: Any])
        #expect(report["sealed"] as? Int == 3 && report["failed"] as? Int == 0 && report["without_key"] as? Int == 1, "\(run.stdout)")
        let again = try CLIRunner.run(["keys", "seal-personal", "--json", "--home", home.path], environment: home.admin)
        #expect((again.json as? [String: Any])?["sealed"] as? Int == 0, "\(again.stdout) \(again.stderr)")

        let bytes = try home.catalogBytes()
        for n in 1...3 {
            #expect(!bytes.contains("010-3131-000\(n)") && !bytes.contains("010-4242-000\(n)"), "call \(n) still in plain text")
        }
        let vault = PersonalDataVault(catalog: catalog, keys: keys)
        for (n, id) in zip(1..., ids) {
            let stored = try #require(try catalog.call(id: id))
            #expect(stored.metadata.callerNumber == nil && stored.metadata.events.allSatisfy { $0.detail == nil })
            let opened = try vault.reveal(stored)
            #expect(opened.metadata.callerNumber == "010-3131-000\(n)" && opened.metadata.events.first?.detail == "forwarded to 010-4242-000\(n)")
        }
        #expect(try catalog.plaintextPersonalCounts() == PlaintextPersonalCounts(sealable: 0, withoutKey: 1))
        let audit = try CLIRunner.run(["audit", "list", "--limit", "100", "--json", "--home", home.path], environment: home.admin)
        let pages = (audit.json as? [[String: Any]] ?? []).filter { $0["action"] as? String == "seal-personal" }
        #expect(pages.count == 2 && pages.allSatisfy { $0["account"] as? String == "admin" }, "\(audit.stdout)")
    }

    @Test func anIngestSealsWhatAnOlderVersionLeft() throws {
        // Claim: the ingest (a timer job) runs the sealing pass first, so a home upgraded without an admin at hand
        // does not keep its old rows in plain text until someone runs `keys seal-personal`.
        let home = try SecurityHome()
        let catalog = try Catalog(path: home.path + "/catalog.sqlite")
        let (_, wrapped) = try KeyFileStore(home: home.home).newDataKey()
        let call = Self.call(5, caller: "010-5151-0005", detail: "forwarded to 010-6161-0005")
        #expect(try catalog.commit(call, archiveKey: ArchiveKeyRecord(kekID: wrapped.kekID, wrappedKey: wrapped.wrapped,
                                                                      fileID: Array(repeating: 5, count: 16))) == .inserted)
        #expect(try catalog.plaintextPersonalCounts().sealable == 1)
        let empty = try TempDir()
        let ingest = try CLIRunner.run(["ingest", empty.url.path, "--home", home.path], environment: home.archivist)
        #expect(ingest.status == 0, "\(ingest.stderr)")
        #expect(try catalog.plaintextPersonalCounts().sealable == 0)
        #expect(try catalog.call(id: call.id)?.metadata.callerNumber == nil)
        let bytes = try home.catalogBytes()
        #expect(!bytes.contains("010-5151-0005") && !bytes.contains("010-6161-0005"))
    }
}

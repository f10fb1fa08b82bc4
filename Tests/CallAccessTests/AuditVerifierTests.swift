import CallModel
import Crypto
import Foundation
import Testing
@testable import CallAccess
@testable import CallCatalog

@Suite struct AuditVerifierTests {
    /// A fixture with 10 entries and a checkpoint of the head.
    func checkpointedChain() throws -> AccessFixture {
        let f = try AccessFixture()
        try f.appendEntries(10)
        try f.checkpointer.writeCheckpoint()
        return f
    }

    @Test func aCleanChainPasses() throws {
        let f = try checkpointedChain()
        defer { f.removeHome() }
        try f.appendEntries(3)
        try f.checkpointer.writeCheckpoint()
        let report = try f.verifier(pageSize: 4).verify()
        #expect(report.isIntact, "\(report.problems)")
        #expect(report.entriesChecked == 13 && report.headSeq == 13 && report.checkpointsChecked == 2 && report.lastCheckpointSeq == 13)
        #expect(report.headHash == (try #require(try f.catalog.auditHead())).hash)
    }

    @Test func anEmptyChainWithoutCheckpointsPasses() throws {
        let catalog = try Catalog()
        let report = try AuditVerifier(catalog: catalog, checkpointFile: nil, trustedKey: nil).verify()
        #expect(report.isIntact && report.entriesChecked == 0 && report.headHash == AuditEntry.genesisHash)
    }

    @Test func anEditedEntryIsFound() throws {
        let f = try checkpointedChain()
        defer { f.removeHome() }
        try f.tamper("UPDATE audit_entry SET account = 'someone-else' WHERE seq = 6")
        let report = try f.verifier().verify()
        #expect(report.problems.first == AuditProblem(.editedEntry, seq: 6, "entry 6 was edited: its content no longer matches its hash"))
        #expect(report.entriesChecked == 5)
    }

    @Test func anEditedEntryWithARecomputedHashBreaksTheNextLink() throws {
        let f = try checkpointedChain()
        defer { f.removeHome() }
        var entry = try #require(try f.catalog.auditEntry(seq: 4))
        entry.account = "someone-else"
        let forged = AuditChainHash.hash(of: entry)
        try f.tamper("UPDATE audit_entry SET account = 'someone-else', hash = '\(forged)' WHERE seq = 4")
        let report = try f.verifier().verify()
        #expect(report.problems.first?.kind == .brokenLink && report.problems.first?.seq == 5)
    }

    @Test func aDeletedEntryIsFound() throws {
        let f = try checkpointedChain()
        defer { f.removeHome() }
        try f.tamper("DELETE FROM audit_entry WHERE seq = 7")
        let report = try f.verifier().verify()
        #expect(report.problems.first == AuditProblem(.missingEntries, seq: 7, "entry 7 is missing: deleted from the catalog"))
        // The checkpoint of entry 10 still holds: the chain after the gap was not rewritten.
        #expect(report.problems.count == 1)
    }

    @Test func deletedAndRenumberedEntriesAreFound() throws {
        let f = try checkpointedChain()
        defer { f.removeHome() }
        try f.tamper("DELETE FROM audit_entry WHERE seq = 3; UPDATE audit_entry SET seq = seq - 1 WHERE seq > 3")
        let report = try f.verifier().verify()
        #expect(report.problems.first?.kind == .reorderedEntries && report.problems.first?.seq == 3)
        #expect(report.problems.contains { $0.kind == .truncatedTail && $0.seq == 10 })
    }

    @Test func swappedEntriesAreFound() throws {
        let f = try checkpointedChain()
        defer { f.removeHome() }
        try f.tamper("""
            UPDATE audit_entry SET seq = -4 WHERE seq = 4; UPDATE audit_entry SET seq = 4 WHERE seq = 5;
            UPDATE audit_entry SET seq = 5 WHERE seq = -4;
            """)
        let report = try f.verifier().verify()
        #expect(report.problems.first == AuditProblem(.reorderedEntries, seq: 4,
            "the entry at seq 4 was written as entry 5: entries were reordered or renumbered"))
    }

    @Test func aTruncatedTailIsFoundThroughTheCheckpoint() throws {
        let f = try checkpointedChain()
        defer { f.removeHome() }
        try f.tamper("DELETE FROM audit_entry WHERE seq > 7")
        let report = try f.verifier().verify()
        // The chain that is left is consistent; only the checkpoint tells.
        #expect(report.entriesChecked == 7 && report.headSeq == 7)
        #expect(report.problems.map(\.kind) == [.truncatedTail])
        #expect(report.problems.first?.message.contains("entries after 7 were deleted") == true)
    }

    @Test func aTruncatedAndRegrownChainIsFound() throws {
        let f = try checkpointedChain()
        defer { f.removeHome() }
        try f.tamper("DELETE FROM audit_entry WHERE seq > 7")
        try f.appendEntries(5)
        let report = try f.verifier().verify()
        #expect(report.problems.map(\.kind) == [.checkpointMismatch])
        #expect(report.problems.first?.seq == 10)
    }

    @Test func aForgedCheckpointSignatureIsFound() throws {
        let f = try checkpointedChain()
        defer { f.removeHome() }
        let file = f.checkpointer.checkpointFile
        var checkpoint = try JSONDecoder().decode(AuditCheckpoint.self, from: try Data(contentsOf: file).split(separator: 0x0A)[0])
        checkpoint.seq = 12  // claims more than was signed
        try (try checkpoint.jsonLine() + "\n").write(to: file, atomically: false, encoding: .utf8)
        let report = try f.verifier().verify()
        #expect(report.problems.map(\.kind) == [.checkpointSignatureInvalid] && report.problems.first?.line == 1)
    }

    @Test func aCheckpointSignedWithAnotherKeyIsFound() throws {
        let f = try checkpointedChain()
        defer { f.removeHome() }
        let otherKey = AuditSigningKey(privateKey: Curve25519.Signing.PrivateKey())
        let head = try #require(try f.catalog.auditHead())
        let forged = try AuditCheckpoint.signed(seq: head.seq, hash: head.hash, at: f.clock.now(), key: otherKey)
        let handle = try FileHandle(forWritingTo: f.checkpointer.checkpointFile)
        try handle.seekToEnd()
        try handle.write(contentsOf: Data((try forged.jsonLine() + "\n").utf8))
        try handle.close()
        let report = try f.verifier().verify()
        #expect(forged.hasValidSignature)
        #expect(report.problems.map(\.kind) == [.checkpointUnknownKey] && report.problems.first?.line == 2)
    }

    @Test func aTornCheckpointLineIsReportedAndTheNextOneStartsClean() throws {
        let f = try checkpointedChain()
        defer { f.removeHome() }
        let handle = try FileHandle(forWritingTo: f.checkpointer.checkpointFile)
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(#"{"seq":1"#.utf8))
        try handle.close()
        try f.checkpointer.writeCheckpoint()
        let report = try f.verifier().verify()
        #expect(report.problems.map(\.kind) == [.checkpointMalformed] && report.problems.first?.line == 2)
        #expect(report.checkpointsChecked == 3 && report.lastCheckpointSeq == 10)
    }

    @Test func checkpointsWithoutTheKeyAreReported() throws {
        let f = try checkpointedChain()
        defer { f.removeHome() }
        try FileManager.default.removeItem(atPath: AuditSigningKey.path(in: f.keys))
        let report = try f.verifier().verify()
        #expect(report.problems.map(\.kind) == [.signingKeyMissing])
    }

    @Test func aDeletedOrEmptiedCheckpointFileIsReported() throws {
        let f = try checkpointedChain()
        defer { f.removeHome() }
        try Data().write(to: f.checkpointer.checkpointFile)
        #expect(try f.verifier().verify().problems.map(\.kind) == [.checkpointsMissing])
        try FileManager.default.removeItem(at: f.checkpointer.checkpointFile)
        #expect(try f.verifier().verify().problems.map(\.kind) == [.checkpointsMissing])
    }

    @Test func theKeyFileIsPrivateAndRefusedWhenOthersCanReadIt() throws {
        let f = try checkpointedChain()
        defer { f.removeHome() }
        let path = AuditSigningKey.path(in: f.keys)
        let fm = FileManager.default
        #expect((try fm.attributesOfItem(atPath: path)[.posixPermissions] as? Int) == 0o600)
        #expect((try fm.attributesOfItem(atPath: f.keys.path)[.posixPermissions] as? Int) == 0o700)
        let before = try #require(try AuditSigningKey.load(from: f.keys)).publicKeyBase64
        #expect(try AuditSigningKey.loadOrCreate(in: f.keys, logger: f.logger).publicKeyBase64 == before)
        try fm.setAttributes([.posixPermissions: 0o644], ofItemAtPath: path)
        #expect { try f.checkpointer.writeCheckpoint() } throws: { ($0 as? AccessError)?.code == .keyFileInsecure }
        #expect { try f.verifier() } throws: { ($0 as? AccessError)?.code == .keyFileInsecure }
        #expect(!String(describing: AccessError(.keyFileInsecure, "x", path: path)).contains(before))
    }

    @Test func checkpointsAreSignedJSONLines() throws {
        let f = try checkpointedChain()
        defer { f.removeHome() }
        let text = try String(contentsOf: f.checkpointer.checkpointFile, encoding: .utf8)
        #expect(text.hasSuffix("\n") && text.split(separator: "\n").count == 1)
        let checkpoint = try JSONDecoder().decode(AuditCheckpoint.self, from: Data(text.utf8))
        let head = try #require(try f.catalog.auditHead())
        #expect(checkpoint.seq == 10 && checkpoint.hash == head.hash && checkpoint.hasValidSignature)
        #expect(text.contains(#""public_key":"#) && checkpoint.at == "2026-11-23T02:13:20.000Z")
    }
}

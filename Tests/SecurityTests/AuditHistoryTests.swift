import CallModel
import Crypto
import Foundation
import Logging
import Testing
@testable import CallAccess
@testable import CallCatalog

/// Issue #21, item 4: whoever can write the data home can delete or rewrite audit rows and checkpoints (and even
/// the signing key). Verified against the public key pinned at `init` and an off-host copy of the checkpoints
/// (shipped as they are written), every such rewrite shows; a missing or replaced key is never silently replaced.
@Suite struct AuditHistoryTests {
    struct Fixture {
        let catalog: Catalog
        let home: URL
        var keys: URL { home.appendingPathComponent("keys") }
        var audit: URL { home.appendingPathComponent("audit") }
        var homeCheckpoints: URL { audit.appendingPathComponent(AuditCheckpointer.fileName) }
        var offHost: URL { home.appendingPathComponent("offhost/checkpoints.jsonl") }

        init() throws {
            catalog = try Catalog()
            home = FileManager.default.temporaryDirectory.appendingPathComponent("nokchwi-sec-audit-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: home.appendingPathComponent("offhost"), withIntermediateDirectories: true)
        }

        /// The checkpointer as the CLI runs it with `audit.checkpoint_command: cat >> OFFHOST`.
        var checkpointer: AuditCheckpointer {
            var c = AuditCheckpointer(catalog: catalog, keysDirectory: keys, auditDirectory: audit)
            c.shipper = AuditCheckpointShipper(command: "cat >> '\(offHost.path)'")
            return c
        }

        /// One "command": a few entries, then its checkpoint.
        func command(_ name: String, entries: Int = 2) throws {
            for i in 0..<entries {
                try catalog.appendAudit(AuditDraft(at: Date(), account: name, sourceAddress: "local:uid=1000",
                                                   action: .viewCall, detail: ["i": String(i)]))
            }
            try checkpointer.writeCheckpoint()
        }

        func pinnedKey() throws -> Curve25519.Signing.PublicKey { try #require(try AuditSigningKey.load(from: keys)).publicKey }

        func verify(pinned: Curve25519.Signing.PublicKey? = nil, offHost: Bool = false) throws -> AuditVerificationReport {
            try AuditVerifier(catalog: catalog, keysDirectory: keys, auditDirectory: audit, pinnedKey: pinned,
                              offHostCheckpoints: offHost ? self.offHost : nil).verify()
        }

        /// What an attacker with write access to the database runs (triggers dropped first).
        func tamper(_ sql: String) throws {
            try catalog.unsafeExecuteForTesting(sql: """
                DROP TRIGGER IF EXISTS audit_entry_no_update; DROP TRIGGER IF EXISTS audit_entry_no_delete;
                DROP TRIGGER IF EXISTS audit_entry_append_only; \(sql)
                """)
        }

        /// Drops the checkpoint file's last `count` lines.
        func dropLastCheckpoints(_ count: Int) throws {
            let lines = try String(contentsOf: homeCheckpoints, encoding: .utf8).split(separator: "\n")
            try (lines.dropLast(count).joined(separator: "\n") + "\n").write(to: homeCheckpoints, atomically: true, encoding: .utf8)
        }

        func remove() { try? FileManager.default.removeItem(at: home) }
    }

    @Test func checkpointsAreShippedAsTheyAreWritten() throws {
        let f = try Fixture()
        defer { f.remove() }
        try f.command("eva")
        try f.command("evb")
        let shipped = try String(contentsOf: f.offHost, encoding: .utf8).split(separator: "\n")
        let home = try String(contentsOf: f.homeCheckpoints, encoding: .utf8).split(separator: "\n")
        #expect(shipped == home && shipped.count == 2)
        #expect(try f.verify(pinned: try f.pinnedKey(), offHost: true).isIntact)
    }

    @Test func deletingTheLastCommandAndItsCheckpointShowsAgainstTheOffHostCopy() throws {
        let f = try Fixture()
        defer { f.remove() }
        try f.command("eva")
        let kept = try #require(try f.catalog.auditHead()).seq
        try f.command("mallory", entries: 3)
        try f.tamper("DELETE FROM audit_entry WHERE seq > \(kept)")
        try f.dropLastCheckpoints(1)
        // The home alone cannot tell (what the issue reported).
        #expect(try f.verify().isIntact)
        let report = try f.verify(pinned: try f.pinnedKey(), offHost: true)
        let kinds = Set(report.problems.map(\.kind))
        #expect(kinds.contains(.checkpointMissingFromHome) && kinds.contains(.truncatedTail), "\(report.problems)")
    }

    @Test func aRechainedAndResignedHistoryShowsAgainstTheOffHostCopy() throws {
        let f = try Fixture()
        defer { f.remove() }
        try f.command("eva")
        let kept = try #require(try f.catalog.auditHead()).seq
        try f.command("mallory", entries: 3)
        // Rewrite: drop mallory's rows and checkpoint, append innocent rows that chain correctly, re-sign with the
        // key in keys/ (without shipping: the attacker controls this host, not the remote copy).
        try f.tamper("DELETE FROM audit_entry WHERE seq > \(kept)")
        try f.dropLastCheckpoints(1)
        for i in 0..<3 {
            try f.catalog.appendAudit(AuditDraft(at: Date(), account: "eva", sourceAddress: "local:uid=1000", action: .viewCall, detail: ["i": "\(i)"]))
        }
        try AuditCheckpointer(catalog: f.catalog, keysDirectory: f.keys, auditDirectory: f.audit).writeCheckpoint()
        #expect(try f.verify().isIntact, "the rewrite is consistent on the host")
        let report = try f.verify(pinned: try f.pinnedKey(), offHost: true)
        #expect(report.problems.contains { $0.kind == .checkpointMismatch }, "\(report.problems)")
    }

    @Test func aNewSigningKeyWithRewrittenCheckpointsShowsAgainstThePinnedKey() throws {
        let f = try Fixture()
        defer { f.remove() }
        try f.command("eva")
        let pinned = try f.pinnedKey()
        // The attacker throws away key and checkpoints and starts over with a key of their own.
        try FileManager.default.removeItem(at: f.keys.appendingPathComponent(AuditSigningKey.fileName))
        try FileManager.default.removeItem(at: f.homeCheckpoints)
        try f.tamper("UPDATE audit_entry SET account = 'someone'")
        try AuditCheckpointer(catalog: f.catalog, keysDirectory: f.keys, auditDirectory: f.audit).writeCheckpoint()
        let report = try f.verify(pinned: pinned)
        let kinds = Set(report.problems.map(\.kind))
        #expect(kinds.contains(.signingKeyReplaced) && kinds.contains(.checkpointUnknownKey), "\(report.problems)")
    }

    @Test func aMissingOrReplacedSigningKeyIsReportedNeverReplaced() throws {
        let f = try Fixture()
        defer { f.remove() }
        try f.command("eva")
        let keyFile = f.keys.appendingPathComponent(AuditSigningKey.fileName)
        let original = try Data(contentsOf: keyFile)
        try FileManager.default.removeItem(at: keyFile)
        #expect { try f.checkpointer.writeCheckpoint() } throws: { ($0 as? AccessError)?.code == .keyFileInvalid }
        #expect(!FileManager.default.fileExists(atPath: keyFile.path), "a new key was made in place of the missing one")
        // A different key put in its place is refused too.
        _ = try AuditSigningKey.create(in: f.keys, logger: Logger(label: "test"))
        #expect { try f.checkpointer.writeCheckpoint() } throws: { ($0 as? AccessError)?.code == .keyFileInvalid }
        // The original restored: checkpoints resume.
        try FileManager.default.removeItem(at: keyFile)
        try original.write(to: keyFile)
        chmod(keyFile.path, 0o600)
        #expect(throws: Never.self) { try f.checkpointer.writeCheckpoint() }
    }

    @Test func theFingerprintIsTheGroupedSHA256OfTheRawPublicKey() throws {
        let key = Curve25519.Signing.PrivateKey().publicKey
        let fingerprint = AuditSigningKey.fingerprint(of: key)
        let hex = SHA256.hash(data: key.rawRepresentation).map { String(format: "%02x", $0) }.joined()
        #expect(fingerprint.replacingOccurrences(of: " ", with: "") == hex)
        #expect(fingerprint.split(separator: " ").count == 16)
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("pub-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: file) }
        try (AuditPublicKey.line(key) + "\n").write(to: file, atomically: true, encoding: .utf8)
        #expect(try AuditPublicKey.load(path: file.path).rawRepresentation == key.rawRepresentation)
    }
}

import CLITestSupport
import Foundation
import Testing

/// Issue #21, item 4 on the real binary: `init` prints the audit public key and its fingerprint and writes
/// audit/signing-key.pub; `audit verify --public-key` passes with it and fails once keys/ holds another key, which
/// every command reports instead of using.
@Suite(.serialized) struct AuditPinnedKeyCLITests {
    @Test func aReplacedSigningKeyIsReportedAndFailsVerificationAgainstThePinnedKey() throws {
        let tmp = try TempDir()
        let home = tmp.path("home")
        let created = try CLIRunner.run(["init", "--admin", "admin", "--home", home], environment: ["NOKCHWI_PASSWORD": SecurityHome.adminPassword])
        #expect(created.status == 0, "\(created.stderr)")
        let pub = home + "/audit/signing-key.pub"
        let line = try String(contentsOfFile: pub, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(created.stdout.contains(line) && created.stdout.contains("fingerprint"))
        // Record it off the host.
        let pinned = tmp.path("pinned.pub")
        try FileManager.default.copyItem(atPath: pub, toPath: pinned)
        let admin = ["NOKCHWI_USER": "admin", "NOKCHWI_PASSWORD": SecurityHome.adminPassword]
        let intact = try CLIRunner.run(["audit", "verify", "--home", home, "--public-key", pinned], environment: admin)
        #expect(intact.status == 0, "\(intact.stdout)\(intact.stderr)")

        // Another key in keys/: the next command reports it and writes no checkpoint with it.
        let keyFile = home + "/keys/audit-signing.ed25519"
        var raw = [UInt8](repeating: 0, count: 32)
        for i in raw.indices { raw[i] = UInt8.random(in: 0...255) }
        try FileManager.default.removeItem(atPath: keyFile)
        try ("nokchwi-audit-signing-key-v1 " + Data(raw).base64EncodedString() + "\n").write(toFile: keyFile, atomically: false, encoding: .utf8)
        chmod(keyFile, 0o600)
        let checkpoints = try String(contentsOfFile: home + "/audit/checkpoints.jsonl", encoding: .utf8)
        let listed = try CLIRunner.run(["users", "list", "--home", home], environment: admin)
        #expect(listed.stderr.contains("audit signing key"), "\(listed.stderr)")
        #expect(try String(contentsOfFile: home + "/audit/checkpoints.jsonl", encoding: .utf8) == checkpoints)
        let replaced = try CLIRunner.run(["audit", "verify", "--home", home, "--public-key", pinned, "--json"], environment: admin)
        #expect(replaced.status != 0)
        #expect(replaced.stdout.contains("signing-key-replaced"), "\(replaced.stdout)")
    }
}

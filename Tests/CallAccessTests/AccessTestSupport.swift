import CallAccess
import CallModel
import Foundation
import Logging
@testable import CallCatalog

/// A clock tests can move.
final class TestClock: WallClock, @unchecked Sendable {
    private let lock = NSLock()
    private var current: Date
    init(_ start: Date = Date(timeIntervalSince1970: 1_795_400_000)) { current = start }
    func now() -> Date { lock.withLock { current } }
    func advance(_ seconds: TimeInterval) { lock.withLock { current += seconds } }
}

let testSource = "192.0.2.10"
let strongPassword = "correct horse battery staple"

/// An in-memory catalog with an admin, a supervisor of team-2, two evaluators, an archivist and a sample call
/// of team-2 assigned to `eva`; keys and checkpoints in a temporary home.
struct AccessFixture {
    let catalog: Catalog
    let clock = TestClock()
    let hasher: PasswordHasher
    let home: URL
    let logger = Logger(label: "test")

    init() throws {
        catalog = try Catalog()
        hasher = try PasswordHasher(settings: .insecureFastForTests)
        home = FileManager.default.temporaryDirectory.appendingPathComponent("nokchwi-access-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
        let users: [(String, Set<Role>, Set<String>)] = [
            ("root", [.admin], []), ("sup", [.supervisor], ["team-2"]), ("eva", [.evaluator], []),
            ("evb", [.evaluator], []), ("arch", [.archivist], []),
        ]
        for (name, roles, teams) in users {
            try catalog.addUser(UserAccount(username: name, roles: roles, teams: teams, createdAt: clock.now()),
                                passwordHash: try hasher.hash(strongPassword))
        }
        _ = try catalog.commit(Self.call(id: "20261123-abcdef0123", team: "team-2"))
        try catalog.assign(CallAssignment(callID: "20261123-abcdef0123", username: "eva", assignedAt: clock.now(), assignedBy: "sup"))
    }

    var keys: URL { home.appendingPathComponent("keys") }
    var audit: URL { home.appendingPathComponent("audit") }
    var authenticator: Authenticator { Authenticator(catalog: catalog, hasher: hasher, clock: clock, logger: logger) }
    var accessGuard: AccessGuard { AccessGuard(catalog: catalog, clock: clock, logger: logger) }
    var administration: UserAdministration { UserAdministration(catalog: catalog, hasher: hasher, clock: clock, logger: logger) }
    var checkpointer: AuditCheckpointer { AuditCheckpointer(catalog: catalog, keysDirectory: keys, auditDirectory: audit, clock: clock, logger: logger) }
    func verifier(pageSize: Int = 2000) throws -> AuditVerifier {
        try AuditVerifier(catalog: catalog, keysDirectory: keys, auditDirectory: audit, pageSize: pageSize, logger: logger)
    }

    func session(_ name: String) throws -> Session {
        try authenticator.login(username: name, password: strongPassword, sourceAddress: testSource)
    }

    /// Appends `count` plain entries.
    func appendEntries(_ count: Int) throws {
        for i in 0..<count {
            try catalog.appendAudit(AuditDraft(at: clock.now(), account: "eva", sourceAddress: testSource, action: .viewCall,
                                               callID: "20261123-abcdef0123", detail: ["i": String(i)]))
        }
    }

    /// Raw SQL as an attacker with write access to the database would run it (triggers dropped first).
    func tamper(_ sql: String) throws {
        try catalog.unsafeExecuteForTesting(sql: """
            DROP TRIGGER IF EXISTS audit_entry_no_update; DROP TRIGGER IF EXISTS audit_entry_no_delete;
            DROP TRIGGER IF EXISTS audit_entry_append_only; \(sql)
            """)
    }

    func removeHome() { try? FileManager.default.removeItem(at: home) }

    static func call(id: CallID, team: String?) -> Call {
        let source = String(repeating: id.rawValue.last == "3" ? "a" : "e", count: 64)
        return Call(
            id: id, sourceSHA256: source, runID: nil,
            metadata: CallMetadata(startTime: Date(timeIntervalSince1970: 1_795_400_000), team: team, callerNumber: "010-1234-5678"),
            flags: [], layout: .stereo, agentChannel: 0,
            archive: ArchiveRef(relativePath: "2026/11/23/\(source).opus", sha256: source, bytes: 1, sampleRate: 8000,
                                channels: 2, frames: 8000, bitratePerChannel: 12000),
            durationSeconds: 1, ingestedAt: Date(timeIntervalSince1970: 1_795_400_000), legs: [], metadataFiles: [])
    }
}

import CLITestSupport
import CallArchive
import CallCatalog
import CallModel
import Foundation
import Testing

/// What the fault tests share, made once per test process (users are slow to make: scrypt): a data home with a user
/// and a token, a drop folder of three stereo calls (30, 12 and 12 seconds) with sidecar JSON dated 2025-01-10 (written
/// here, no demo sounds needed), and two homes with those calls already ingested: under the default retention, and
/// under a 1-day class so that every call has expired. Each test copies the home it needs (`cp -a`).
final class FaultFixture: @unchecked Sendable {  // immutable after init
    static let callCount = 3
    /// The first call's archive (about 80 KB) is longer than one 64 KiB envelope segment, so a write in the middle of
    /// the stream (from inside the encoder) is exercised; the others are short to keep the tests fast.
    static let callSeconds = [30, 12, 12]
    /// Made on first use; every later test reuses it (or its error).
    static let shared = Result { try FaultFixture() }
    static func get() throws -> FaultFixture { try shared.get() }

    private let tmp: TempDir  // lives as long as the process; removed at exit
    let drop: String
    /// A pipeline whose only retention class keeps calls 1 day: the 2025 calls are expired as soon as they are stored.
    let expiringPipeline: String
    private let users: CLIHome
    private let ingestedHome: String
    private let expiredHome: String
    /// SHA-256 of every source file (sources must never change).
    let sourceHashes: [String: String]

    private init() throws {
        let tmp = try TempDir()
        self.tmp = tmp
        FaultFixtureCleanup.register(tmp.url.path)
        drop = tmp.path("drop")
        try FileManager.default.createDirectory(atPath: drop, withIntermediateDirectories: true)
        for n in 1...Self.callCount {
            try TestCall.wav(seconds: Self.callSeconds[n - 1], seed: UInt64(n)).write(to: URL(fileURLWithPath: drop + "/call-\(n).wav"))
            try Data(TestCall.sidecar(n).utf8).write(to: URL(fileURLWithPath: drop + "/call-\(n).json"))
        }
        sourceHashes = try Self.hashes(of: drop)
        expiringPipeline = tmp.path("expiring.yaml")
        try Data("name: fault-expiring\nretention:\n  default_class: short\n  classes:\n    - name: short\n      days: 1\n".utf8)
            .write(to: URL(fileURLWithPath: expiringPipeline))
        users = try Self.makeHome(tmp.path("users"))
        ingestedHome = tmp.path("ingested")
        expiredHome = tmp.path("expired")
        let homes: [(String, String?)] = [(ingestedHome, nil), (expiredHome, expiringPipeline)]
        for (path, pipeline) in homes {
            try Shell.copyTree(users.path, to: path)
            let ingest = try CLIRunner.run(["ingest", drop, "--home", path, "--json"] + (pipeline.map { ["--pipeline", $0] } ?? []),
                                           environment: users.archivist)
            guard ingest.status == 0 else { throw CLIHomeError(message: "fixture ingest failed: \(ingest.stderr)") }
        }
    }

    /// `nokchwi init` and one user who is admin, archivist and supervisor of team-1 (every role the fault tests act
    /// in): two password hashes instead of `CLIHome.make`'s eight.
    private static func makeHome(_ home: String) throws -> CLIHome {
        let password = ["NOKCHWI_PASSWORD": CLIHome.adminPassword]
        // The fault pipeline keeps calls one day: below the default retention floor (30 days), so the home allows it.
        let created = try CLIRunner.run(["init", "--admin", "admin", "--home", home, "--retention-floor-days", "1"], environment: password)
        guard created.status == 0 else { throw CLIHomeError(message: "init failed: \(created.stderr)") }
        for arguments in [["users", "roles", "admin", "--role", "admin", "--role", "archivist", "--role", "supervisor"],
                          ["users", "teams", "admin", "--team", "team-1"]] {
            // A role change revokes the account's tokens (issue #21): a new token for each step.
            let token = ["NOKCHWI_TOKEN": try CLIHome.token(home: home, user: "admin", password: CLIHome.adminPassword)]
            let changed = try CLIRunner.run(arguments + ["--home", home], environment: token)
            guard changed.status == 0 else { throw CLIHomeError(message: "\(arguments.prefix(2)) failed: \(changed.stderr)") }
        }
        let token = ["NOKCHWI_TOKEN": try CLIHome.token(home: home, user: "admin", password: CLIHome.adminPassword)]
        return CLIHome(path: home, admin: token, archivist: token, supervisor: token, evaluator: [:])
    }

    /// A copy of the home with users and no calls, at `tmp/home`.
    func freshHome(in tmp: TempDir) throws -> CLIHome { try copy(users.path, to: tmp.path("home")) }
    /// A copy of the home holding the three calls (default retention: not expired).
    func ingestedHome(in tmp: TempDir) throws -> CLIHome { try copy(ingestedHome, to: tmp.path("home")) }
    /// A copy of the home holding the three calls, all expired (1-day class, dated 2025).
    func expiredHome(in tmp: TempDir) throws -> CLIHome { try copy(expiredHome, to: tmp.path("home")) }

    /// The home with users and no calls copied into `path`, an existing (mounted) folder.
    func freshHome(contentsInto path: String) throws -> CLIHome {
        let result = try Shell.run("/bin/cp", ["-a", users.path + "/.", path])
        guard result.status == 0 else { throw CLIHomeError(message: "cp -a failed: \(result.output)") }
        return home(at: path)
    }

    private func copy(_ source: String, to path: String) throws -> CLIHome {
        try Shell.copyTree(source, to: path)
        return home(at: path)
    }

    private func home(at path: String) -> CLIHome {
        return CLIHome(path: path, admin: users.admin, archivist: users.archivist, supervisor: users.supervisor,
                       evaluator: users.evaluator)
    }

    static func hashes(of folder: String) throws -> [String: String] {
        var result: [String: String] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: folder) {
            result[name] = try ContentHasher.hashFile(atPath: folder + "/" + name).sha256
        }
        return result
    }
}

/// Removes the fixture's folder when the test process exits.
enum FaultFixtureCleanup {
    nonisolated(unsafe) private static var paths: [String] = []
    private static let lock = NSLock()

    static func register(_ path: String) {
        lock.lock()
        defer { lock.unlock() }
        if paths.isEmpty { atexit { FaultFixtureCleanup.removeAll() } }
        paths.append(path)
    }

    private static func removeAll() {
        for path in paths { try? FileManager.default.removeItem(atPath: path) }
    }
}

/// Synthetic calls: two parties taking turns (noise shaped like syllables over a faint line noise), deterministic
/// per seed, so every call has its own bytes and a realistic archive size (about 3 KB per second).
enum TestCall {
    static func wav(seconds: Int, seed: UInt64, rate: Int = 8000) -> Data {
        var state = seed &* 0x9E37_79B9_7F4A_7C15 | 1
        func noise() -> Double {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Double(state >> 11) / Double(1 << 53) * 2 - 1
        }
        let frames = seconds * rate
        var pcm = [Int16](repeating: 0, count: frames * 2)
        for f in 0..<frames {
            let t = Double(f) / Double(rate)
            let speaker = Int(t / 4) % 2  // 4-second turns: agent (channel 0), then caller
            let envelope = max(0, sin(2 * Double.pi * 3 * t))
            for channel in 0..<2 {
                let level = channel == speaker ? 0.25 * envelope : 0
                pcm[f * 2 + channel] = Int16((level * noise() + 0.002 * noise()) * 32767)
            }
        }
        var data = Data()
        func le<T: FixedWidthInteger>(_ value: T) { withUnsafeBytes(of: value.littleEndian) { data.append(contentsOf: $0) } }
        let bytes = UInt32(pcm.count * 2)
        data.append(contentsOf: Array("RIFF".utf8)); le(36 + bytes); data.append(contentsOf: Array("WAVEfmt ".utf8))
        le(UInt32(16)); le(UInt16(1)); le(UInt16(2)); le(UInt32(rate)); le(UInt32(rate * 4)); le(UInt16(4)); le(UInt16(16))
        data.append(contentsOf: Array("data".utf8)); le(bytes)
        pcm.withUnsafeBytes { data.append(contentsOf: $0) }
        return data
    }

    static func sidecar(_ n: Int) -> String {
        """
        { "call_id": "FAULT-\(n)", "start_time": "2025-01-10T10:0\(n):00+09:00", "agent_id": "A0\(n)", "team": "team-1",
          "department": "water", "category": "inquiry", "direction": "inbound", "caller_number": "010-5555-000\(n)",
          "agent_channel": 0 }
        """
    }
}

/// Small shell helpers for the fault tests (copying homes, mounting file systems).
enum Shell {
    @discardableResult
    static func run(_ tool: String, _ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: output, as: UTF8.self))
    }

    /// `cp -a`: modes (keys/ is 0700), owners and times kept.
    static func copyTree(_ source: String, to destination: String) throws {
        let result = try run("/bin/cp", ["-a", source, destination])
        guard result.status == 0 else { throw CLIHomeError(message: "cp -a \(source) failed: \(result.output)") }
    }
}

import CLITestSupport
import CallArchive
import CallCatalog
import CallModel
import Foundation
import Testing

/// Issue 7, faults: a damaged catalog is refused (never replaced by an empty one), and a damaged archive or a wrong
/// key is found by playback, export and scrub, each with a message naming what is wrong.
@Suite(.serialized) struct DamageDetectionTests {
    enum CatalogDamage: String, CaseIterable, Sendable {
        /// Random bytes where the catalog was.
        case garbage
        /// The first half of the catalog (a copy or a disk that stopped short).
        case truncated
        /// Cut to 0 bytes (SQLite would quietly start a new catalog in it).
        case empty
        /// The database lost, its write-ahead log left behind (by a run killed after a commit).
        case walWithoutDatabase
    }

    @Test(arguments: CatalogDamage.allCases)
    func aDamagedCatalogIsRefusedAndLeftUntouched(_ damage: CatalogDamage) throws {
        let fixture = try FaultFixture.get()
        let tmp = try TempDir()
        let users = try fixture.freshHome(in: tmp)
        let catalog = users.path + "/catalog.sqlite"
        let expected: String
        switch damage {
        case .garbage:
            var generator = SystemRandomNumberGenerator()
            try Data((0..<65_536).map { _ in UInt8.random(in: 0...255, using: &generator) }).write(to: URL(fileURLWithPath: catalog))
            expected = "not an SQLite database"
        case .truncated:
            let bytes = try Data(contentsOf: URL(fileURLWithPath: catalog))
            try bytes.prefix(bytes.count / 2).write(to: URL(fileURLWithPath: catalog))
            expected = "the catalog file is damaged"
        case .empty:
            try Data().write(to: URL(fileURLWithPath: catalog))
            expected = "is empty (0 bytes)"
        case .walWithoutDatabase:
            let killed = try HomeChecks.ingest(fixture, users, fault: "after-commit:1")
            #expect(killed.killed)
            #expect((try FileManager.default.attributesOfItem(atPath: catalog + "-wal")[.size] as? Int ?? 0) > 0,
                    "a killed run leaves its WAL")
            try FileManager.default.removeItem(atPath: catalog)
            expected = "write-ahead log exists without its database"
        }
        let before = try snapshot(users.path)

        var commands = [["status"], ["calls", "list"], ["ingest", fixture.drop], ["scrub"], ["purge"]]
        if damage != .empty { commands.append(["init", "--admin", "someone"]) }  // init may start a catalog in an empty file
        for command in commands {
            let result = try CLIRunner.run(command + ["--home", users.path],
                                           environment: users.archivist.merging(["NOKCHWI_PASSWORD": CLIHome.adminPassword]) { $1 })
            #expect(result.status != 0 && !result.killed, "\(command[0]) must refuse")
            #expect(result.stderr.contains(expected), "\(command[0]): \(result.stderr)")
            #expect(!result.stderr.contains("run `nokchwi init` first"))
        }
        #expect(try snapshot(users.path) == before, "the damaged files are left as they were, nothing created beside them")
    }

    /// Names and SHA-256 of the home's top-level files.
    private func snapshot(_ home: String) throws -> [String: String] {
        var files: [String: String] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: home) {
            var isDirectory: ObjCBool = false
            _ = FileManager.default.fileExists(atPath: home + "/" + name, isDirectory: &isDirectory)
            files[name] = isDirectory.boolValue ? "dir" : try ContentHasher.hashFile(atPath: home + "/" + name).sha256
        }
        return files
    }

    @Test func aFlippedByteATruncatedArchiveAndAWrongKeyAreFoundByPlaybackExportAndScrub() throws {
        let fixture = try FaultFixture.get()
        let tmp = try TempDir()
        let users = try fixture.ingestedHome(in: tmp)
        // The longest call (two envelope segments) is cut inside its second segment.
        let calls = try Catalog(path: users.path + "/catalog.sqlite").calls(CallQuery(limit: 10)).sorted { $0.archive.bytes > $1.archive.bytes }
        try #require(calls.count == 3 && calls[0].archive.bytes > 70_000)
        let (cut, flipped, intact) = (calls[0], calls[1], calls[2])
        let flippedPath = users.path + "/archive/" + flipped.archive.relativePath
        var bytes = try Data(contentsOf: URL(fileURLWithPath: flippedPath))
        bytes[bytes.count / 2] ^= 0x01
        try bytes.write(to: URL(fileURLWithPath: flippedPath))
        let cutPath = users.path + "/archive/" + cut.archive.relativePath
        try Data(contentsOf: URL(fileURLWithPath: cutPath)).prefix(70_000).write(to: URL(fileURLWithPath: cutPath))

        let scrub = try HomeChecks.scrub(users)
        #expect(scrub.status == 1)
        let statuses = Dictionary(uniqueKeysWithValues: scrub.problems.map { ($0["call_id"] as? String ?? "", $0["status"] as? String ?? "") })
        #expect(statuses == [flipped.id.rawValue: "tampered", cut.id.rawValue: "tampered"], "\(scrub.problems)")
        for call in [flipped, cut] {
            let out = tmp.path("\(call.id.rawValue).wav")
            let export = try CLIRunner.run(["export", call.id.rawValue, "--home", users.path, "--out", out, "--reason", "fault test"],
                                           environment: users.archivist)
            #expect(export.status != 0 && export.stderr.contains("does not match its recorded SHA-256"), "\(export.stderr)")
            #expect(!FileManager.default.fileExists(atPath: out), "nothing exported from a damaged archive")
            let play = try CLIRunner.run(["calls", "analyze", call.id.rawValue, "--home", users.path], environment: users.supervisor)
            #expect(play.status != 0 && play.stderr.contains("failed authentication"), "\(play.stderr)")
        }
        let control = try CLIRunner.run(["export", intact.id.rawValue, "--home", users.path, "--out", tmp.path("ok.wav"), "--reason", "fault test"],
                                        environment: users.archivist)
        #expect(control.status == 0, "\(control.stderr)")

        // The key file replaced by another key under the same id.
        let keys = users.path + "/keys"
        let id = try String(contentsOfFile: keys + "/active", encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        var generator = SystemRandomNumberGenerator()
        let other = Data((0..<32).map { _ in UInt8.random(in: 0...255, using: &generator) }).base64EncodedString() + "\n"
        try Data(other.utf8).write(to: URL(fileURLWithPath: keys + "/kek-\(id).key"))
        #expect(chmod(keys + "/kek-\(id).key", 0o600) == 0)
        let wrongKey = try HomeChecks.scrub(users)
        #expect(wrongKey.status == 1 && wrongKey.problems.count == 3 && wrongKey.problems.allSatisfy { $0["status"] as? String == "wrong-key" })
        let export = try CLIRunner.run(["export", intact.id.rawValue, "--home", users.path, "--out", tmp.path("again.wav"), "--reason", "fault test"],
                                       environment: users.archivist)
        #expect(export.status != 0 && export.stderr.contains("does not unwrap with key \(id)"), "\(export.stderr)")
        let play = try CLIRunner.run(["calls", "analyze", intact.id.rawValue, "--home", users.path], environment: users.supervisor)
        #expect(play.status != 0 && play.stderr.contains("does not unwrap with key \(id)"), "\(play.stderr)")
    }
}

import CLITestSupport
import CallAudio
import Foundation
import Testing

/// Issue #21, item 2: a drop-folder file swapped for a link (or anything but a regular file) after the scan must
/// not be followed: each source is opened once, without following links, and hashed and decoded from that descriptor.
@Suite(.serialized) struct DropFolderSwapTests {
    @Test func aSourceSwappedForALinkAfterTheScanIsNotArchived() throws {
        let home = try SecurityHome()
        let gen = try CLIRunner.run(["demo-data", home.tmp.path("input"), "--calls", "2", "--seed", "9", "--mean-seconds", "20", "--no-bad-inputs"])
        #expect(gen.status == 0, "\(gen.stderr)")
        // A recording outside the drop folder that the attacker wants archived (or read) through the pipeline.
        let drop = home.tmp.path("input/drop")
        let wav = try #require(FileManager.default.enumerator(atPath: drop)?.compactMap { $0 as? String }.first { $0.hasSuffix(".wav") })
        try FileManager.default.createDirectory(atPath: home.tmp.path("outside"), withIntermediateDirectories: true)
        let secret = home.tmp.path("outside/secret.wav")
        try FileManager.default.copyItem(atPath: drop + "/" + wav, toPath: secret)

        let raced = try CLIRunner.run(["ingest", drop, "--home", home.path, "--json"],
                                      environment: home.archivist.merging(["NOKCHWI_RACE": "ingest-before-open=\(secret)"]) { $1 })
        let report = try #require(raced.json as? [String: Any], "\(raced.stderr)")
        #expect(report["archived"] as? Int == 0, "a file outside the drop folder was archived through a swapped link")
        #expect((report["quarantined"] as? Int ?? 0) >= 1)
        #expect(try home.callIDs().isEmpty)
        let text = try JSONSerialization.data(withJSONObject: report["quarantine"] ?? [])
        #expect(String(decoding: text, as: UTF8.self).contains("symbolic link"))
    }

    @Test func sourceFileOpensOnlyRegularFilesInsideTheFolderWithoutLinks() throws {
        let tmp = try TempDir()
        let root = tmp.path("drop")
        try FileManager.default.createDirectory(atPath: root + "/sub", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: tmp.path("outside"), withIntermediateDirectories: true)
        try Data("RIFF....".utf8).write(to: URL(fileURLWithPath: tmp.path("outside/secret.wav")))
        try Data("RIFF1234".utf8).write(to: URL(fileURLWithPath: root + "/sub/ok.wav"))
        try FileManager.default.createSymbolicLink(atPath: root + "/link.wav", withDestinationPath: tmp.path("outside/secret.wav"))
        try FileManager.default.createSymbolicLink(atPath: root + "/linkdir", withDestinationPath: tmp.path("outside"))
        #expect(mkfifo(root + "/fifo.wav", 0o600) == 0)

        let ok = try SourceFile(folder: root, relativePath: "sub/ok.wav")
        #expect(ok.size == 8)
        for bad in ["link.wav", "linkdir/secret.wav", "fifo.wav", "sub", "../outside/secret.wav"] {
            #expect(throws: AudioError.self, "\(bad) was opened") { try SourceFile(folder: root, relativePath: bad) }
        }
        // The descriptor keeps reading the file that was opened, whatever is put at its name afterwards.
        try FileManager.default.removeItem(atPath: root + "/sub/ok.wav")
        try FileManager.default.createSymbolicLink(atPath: root + "/sub/ok.wav", withDestinationPath: tmp.path("outside/secret.wav"))
        var bytes = [UInt8](repeating: 0, count: 8)
        let n = try bytes.withUnsafeMutableBytes { try ok.read(into: $0, at: 0) }
        #expect(n == 8 && String(decoding: bytes, as: UTF8.self) == "RIFF1234")
    }
}

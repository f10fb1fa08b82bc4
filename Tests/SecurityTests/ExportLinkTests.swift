import CLITestSupport
import Foundation
import Testing

/// Issue #21, item 1: `export` must never write through a symbolic link, planted before the run or during it.
@Suite(.serialized) struct ExportLinkTests {
    static let precious = "the victim's file, which export must never touch\n"

    @Test func exportNeverWritesThroughALink() throws {
        let home = try SecurityHome(calls: 1)
        let id = try #require(try home.callIDs().first)
        func victim(_ name: String) throws -> String {
            let path = home.tmp.path(name)
            try Self.precious.write(toFile: path, atomically: false, encoding: .utf8)
            return path
        }
        func untouched(_ path: String) -> Bool { (try? String(contentsOfFile: path, encoding: .utf8)) == Self.precious }
        func export(_ out: String, format: String = "wav", environment: [String: String] = [:]) throws -> CLIRunner.Result {
            try CLIRunner.run(["export", id, "--home", home.path, "--out", out, "--reason", "attack test", "--format", format],
                              environment: home.archivist.merging(environment) { $1 })
        }

        // A link at the old fixed temporary name (`OUT.partial`): export used to truncate and fill its target.
        for format in ["wav", "opus"] {
            let target = try victim("victim-partial-\(format)")
            let out = home.tmp.path("export-\(format).\(format)")
            try FileManager.default.createSymbolicLink(atPath: out + ".partial", withDestinationPath: target)
            _ = try export(out, format: format)
            #expect(untouched(target), "export wrote through a link at \(out).partial")
        }

        // A dangling link given as --out: refused, its target never created.
        let absent = home.tmp.path("created-through-link")
        let dangling = home.tmp.path("dangling.wav")
        try FileManager.default.createSymbolicLink(atPath: dangling, withDestinationPath: absent)
        let refused = try export(dangling)
        #expect(refused.status != 0 && refused.stderr.contains("exists"), "\(refused.stderr)")
        #expect(!FileManager.default.fileExists(atPath: absent))

        // A link planted at --out after the check, before the output is created (the race, driven by the hook).
        let raced = try victim("victim-race")
        let out = home.tmp.path("raced.wav")
        let race = try export(out, environment: ["NOKCHWI_RACE": "export-before-create=\(raced)"])
        #expect(race.status != 0, "the export must fail when --out appears during the run")
        #expect(untouched(raced))
        #expect((try? FileManager.default.destinationOfSymbolicLink(atPath: out)) == raced, "the planted link is left as it was")
        // No temporary file is left behind in the folder.
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: home.tmp.url.path).filter { $0.hasSuffix(".partial") && $0.hasPrefix(".") }
        #expect(leftovers.isEmpty, "\(leftovers)")

        // And an ordinary export still works, writing a private file.
        let plain = home.tmp.path("plain.wav")
        let ok = try export(plain)
        #expect(ok.status == 0, "\(ok.stderr)")
        let mode = try #require(try FileManager.default.attributesOfItem(atPath: plain)[.posixPermissions] as? Int)
        #expect(mode & 0o077 == 0, "exports are created mode 0600")
    }
}

import CLITestSupport
import CallAudio
import Foundation
import Testing

/// `hold-audio add|list|remove` and `analyze --hold-audio` on the real binary (issue 22), with Debian's opsound music.
@Suite(.serialized, .enabled(if: CLIRunner.soundsInstalled, "needs asterisk-moh-opsound-wav (make test installs it)"))
struct HoldAudioCLITests {
    static let moh = "/usr/share/asterisk/moh"

    @Test func registerListRemoveAndRefuse() throws {
        let tmp = try TempDir()
        let users = try CLIHome.make(tmp)
        let home = users.path
        let added = try CLIRunner.run(["hold-audio", "add", Self.moh, "--home", home, "--json"], environment: users.archivist)
        let rows = try #require(added.json as? [[String: Any]], "\(added.stderr)")
        #expect(rows.count == 5 && rows.allSatisfy { $0["current"] as? Bool == true && ($0["duration_s"] as? Double ?? 0) > 60 })
        #expect(rows.allSatisfy { ($0["name"] as? String)?.contains("/") == false })
        let refused = try CLIRunner.run(["hold-audio", "list", "--home", home], environment: users.supervisor)
        #expect(refused.status != 0 && refused.stderr.contains("ingest-calls"))
        let id = try #require(rows.first?["id"] as? Int)
        let removed = try CLIRunner.run(["hold-audio", "remove", String(id), "--home", home, "--json"], environment: users.archivist)
        #expect((removed.json as? [String: Any])?["removed"] as? Int == 1, "\(removed.stderr)")
        let listed = try CLIRunner.run(["hold-audio", "list", "--home", home, "--json"], environment: users.archivist)
        #expect((listed.json as? [[String: Any]])?.count == 4)
        let missing = try CLIRunner.run(["hold-audio", "add", tmp.path("nothing.wav"), "--home", home], environment: users.archivist)
        #expect(missing.status != 0 && missing.stderr.contains("no such file"))
    }

    /// A stereo call whose agent channel carries 30 s of a registered track (from 37 s into it, at -10 dB) between
    /// weak noise: without `--hold-audio` no fingerprint hold, with the file or its folder one from 10 to 40 s.
    @Test func analyzeWithHoldAudio() throws {
        let tmp = try TempDir()
        let track = Self.moh + "/macroform-cold_day.wav"
        let reader = try SndFileReader(path: track)
        var music: [Float] = []
        while true {
            let chunk = try reader.readChunk(maxFrames: 65536)
            if chunk.isEmpty { break }
            music += chunk
        }
        let n = 50 * 8000
        var call = [Float](repeating: 0, count: 2 * n)
        var seed: UInt32 = 7
        for i in 0..<n {
            seed = seed &* 1_664_525 &+ 1_013_904_223
            let noise = (Float(seed >> 8) / Float(1 << 24) - 0.5) * 0.002
            call[2 * i] = noise + (i >= 80_000 && i < 320_000 ? 0.3 * music[296_984 + i - 80_000] : 0)
            call[2 * i + 1] = noise * 0.5
        }
        let path = tmp.path("call.wav")
        let writer = try SndFileWriter(path: path, format: .wavULaw, sampleRate: 8000, channels: 2)
        try writer.write(call)
        try writer.close()
        func printed(_ extra: [String]) throws -> [[String: Any]] {
            let r = try CLIRunner.run(["analyze", path, "--json"] + extra)
            let hold = try #require((r.json as? [String: Any])?["hold"] as? [String: Any], "\(r.stderr)")
            return ((hold["segments"] as? [[String: Any]]) ?? []).filter { $0["source"] as? String == "fingerprint" }
        }
        #expect(try printed([]).isEmpty)
        for source in [track, Self.moh] {
            let holds = try printed(["--hold-audio", source])
            #expect(holds.count == 1)
            let start = holds.first?["start"] as? Double ?? -1, end = holds.first?["end"] as? Double ?? -1
            #expect(abs(start - 10) <= 1 && abs(end - 40) <= 1, "\(holds)")
        }
    }
}

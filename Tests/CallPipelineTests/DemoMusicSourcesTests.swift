import CallAudio
import CallDemo
import Foundation
import Testing

/// The demo generator's hold music from several sources: a library folder of WAV folders, each one source.
@Suite(.enabled(if: DemoDataFixture.available, DemoDataFixture.skipReason))
struct DemoMusicSourcesTests {
    /// A library of two sources (`brass`, `organ`) of two 25 s tracks each (chords of tones) in a temporary folder.
    static func library() throws -> URL {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("nokchwi-music-\(UUID().uuidString)")
        for (source, base) in [("brass", 220.0), ("organ", 330.0)] {
            let dir = root.appendingPathComponent(source)
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
            for track in 0..<2 {
                let samples = (0..<(25 * 8000)).map { i -> Float in
                    let t = Double(i) / 8000, note = Double((i / 4000) % 4)
                    let f = base * (1 + 0.25 * note) * (1 + 0.1 * Double(track))
                    return Float(0.2 * sin(2 * .pi * f * t) + 0.1 * sin(2 * .pi * 1.5 * f * t))
                }
                let w = try SndFileWriter(path: dir.appendingPathComponent("t\(track).wav").path, format: .wavPCM16,
                                          sampleRate: 8000, channels: 1)
                try w.write(samples)
                try w.close()
            }
        }
        try Data("not audio".utf8).write(to: root.appendingPathComponent("README.txt"))
        return root
    }

    @Test func aLibraryIsItsFoldersOfAudioSorted() throws {
        let root = try Self.library()
        defer { try? FileManager.default.removeItem(at: root) }
        #expect(DemoMusicSources.library(at: root.path) == [root.path + "/brass", root.path + "/organ"])
        #expect(DemoMusicSources.library(at: root.path + "/brass") == [root.path + "/brass"])
        #expect(DemoMusicSources.library(at: root.path + "/missing").isEmpty)
    }

    @Test func holdsPlayMusicFromEverySourceAndOpsoundAloneIsUnchanged() throws {
        let root = try Self.library()
        defer { try? FileManager.default.removeItem(at: root) }
        var options = DemoDataOptions(seed: 11, calls: 20, meanCallSeconds: 40, includeBadInputs: false,
                                      holdFraction: 1)
        options.musicDirectories = DemoMusicSources.library(at: root.path)
        let mixed = try DemoDataFixture(options)
        defer { mixed.remove() }
        let tracks = try mixed.truths().compactMap(\.mohTrack)
        #expect(tracks.count >= 8)
        let sources = Set(tracks.map { $0.split(separator: "/").count == 2 ? String($0.split(separator: "/")[0]) : "opsound" })
        #expect(sources.isSuperset(of: ["brass", "organ"]), "\(tracks)")

        // Only the library's sources, opsound left out.
        options.mohDirectory = ""
        let only = try DemoDataFixture(options)
        defer { only.remove() }
        #expect(try only.truths().compactMap(\.mohTrack).allSatisfy { $0.hasPrefix("brass/") || $0.hasPrefix("organ/") })

        // No extra source: the same calls as the defaults (opsound alone).
        options.mohDirectory = DemoDataGenerator.defaultMOHDirectory
        options.musicDirectories = []
        let plain = try DemoDataFixture(options)
        defer { plain.remove() }
        #expect(try plain.truths().compactMap(\.mohTrack).allSatisfy { !$0.contains("/") })
        let defaults = try DemoDataFixture(DemoDataOptions(seed: 11, calls: 20, meanCallSeconds: 40, includeBadInputs: false,
                                                           holdFraction: 1))
        defer { defaults.remove() }
        #expect(plain.summary == defaults.summary)
    }
}

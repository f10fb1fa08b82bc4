import CallArchive
import CallAudio
import CallCatalog
import CallModel
import Foundation
import Testing
@testable import CallPipeline

/// A drop folder and a data home in a temporary directory, with helpers to write test recordings.
final class IngestFixture {
    let root: URL
    let drop: URL
    let home: NokchwiHome
    let catalog: Catalog
    /// The key-encryption key every archive of the fixture is sealed under.
    let keys = InMemoryKeyProvider([KeyEncryptionKey.generate(at: Date(timeIntervalSince1970: 1_795_400_000))])
    let actor = AuditActor(account: "ingest-test", sourceAddress: "local:test")

    init() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("nokchwi-ingest-\(UUID().uuidString)")
        drop = root.appendingPathComponent("drop")
        try FileManager.default.createDirectory(at: drop, withIntermediateDirectories: true)
        home = NokchwiHome(root: root.appendingPathComponent("home"))
        try home.prepare()
        catalog = try Catalog(path: home.catalogPath)
    }

    deinit { try? FileManager.default.removeItem(at: root) }

    /// Writes a recording whose channel `c` is a tone at `frequencies[c]` Hz (0 = silence) during `active[c]`
    /// (a range of seconds), and silence elsewhere.
    func writeTones(_ relative: String, format: SndFileWriter.Format = .wavPCM16, rate: Int = 8000, seconds: Double,
                    frequencies: [Double], active: [ClosedRange<Double>]? = nil) throws {
        let url = drop.appendingPathComponent(relative)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        let channels = frequencies.count
        let frames = Int(seconds * Double(rate))
        var samples = [Float](repeating: 0, count: frames * channels)
        for f in 0..<frames {
            let t = Double(f) / Double(rate)
            for c in 0..<channels where frequencies[c] > 0 && (active?[c].contains(t) ?? true) {
                samples[f * channels + c] = Float(0.3 * sin(2 * .pi * frequencies[c] * t))
            }
        }
        let writer = try SndFileWriter(path: url.path, format: format, sampleRate: rate, channels: channels)
        try writer.write(samples)
        try writer.close()
    }

    func writeText(_ relative: String, _ text: String) throws {
        let url = drop.appendingPathComponent(relative)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }

    func runner(jobs: Int = 2, definition: PipelineDefinition = PipelineDefinition()) -> (IngestRunner, Int) {
        (IngestRunner(home: home, catalog: catalog, definition: definition, keys: keys, actor: actor,
                      clock: FixedWallClock(Date(timeIntervalSince1970: 1_795_400_000))), jobs)
    }

    func ingest(jobs: Int = 2) async throws -> IngestReport {
        let (runner, jobs) = runner(jobs: jobs)
        return try await runner.run(dropFolder: drop, jobs: jobs)
    }

    /// Decodes a call's archive completely: channels, decoding rate, samples per channel, the original rate in its header.
    func decode(_ call: Call) throws -> (channels: Int, rate: Int, samples: [[Float]], originalRate: Int) {
        let store = ArchiveStore(root: home.archiveRoot)
        try store.verify(relativePath: call.archive.relativePath, sha256: call.archive.sha256)
        #expect(call.archive.format == .encryptedV1)
        let reader = try ArchiveOpener(store: store, catalog: catalog, keys: keys).reader(for: call)
        var channels = [[Float]](repeating: [], count: reader.channels)
        while true {
            let block = try reader.read(maxFrames: 4096)
            if block.isEmpty { break }
            for (i, s) in block.enumerated() { channels[i % reader.channels].append(s) }
        }
        return (reader.channels, reader.decodeRate, channels, reader.inputSampleRate)
    }

    func archiveFiles() -> [String] {
        let enumerator = FileManager.default.enumerator(atPath: home.archiveRoot.path)
        return (enumerator?.allObjects as? [String] ?? []).filter { $0.hasSuffix(".opus") }.sorted()
    }

    func sha256(_ relative: String) throws -> String {
        try ContentHasher.hashFile(atPath: drop.appendingPathComponent(relative).path).sha256
    }
}

/// RMS in dBFS of samples[start..<end] seconds.
func rmsDB(_ samples: [Float], rate: Int, from start: Double, to end: Double) -> Double {
    let a = max(0, Int(start * Double(rate))), b = min(samples.count, Int(end * Double(rate)))
    guard b > a else { return -200 }
    var sum = 0.0
    for i in a..<b { sum += Double(samples[i]) * Double(samples[i]) }
    return 10 * log10(max(sum / Double(b - a), 1e-20))
}

import CallAudio
import CallDemo
import Foundation
import Testing

/// Shared helpers of the demo-data tests: a generated drop folder in a temporary directory, truth loading,
/// decoding a party's channel.
struct DemoDataFixture {
    static let available = DemoDataGenerator.soundsAvailable()
    static let skipReason: Comment = "demo sounds missing: install asterisk-core-sounds-en-wav asterisk-moh-opsound-wav"

    let root: URL
    let summary: DemoDataSummary
    var drop: URL { root.appendingPathComponent("drop") }
    var truthFolder: URL { root.appendingPathComponent("truth") }

    init(_ options: DemoDataOptions) throws {
        root = FileManager.default.temporaryDirectory
            .appendingPathComponent("nokchwi-demo-\(UUID().uuidString)")
        summary = try DemoDataGenerator(options: options)
            .generate(into: root.appendingPathComponent("drop"), truthFolder: root.appendingPathComponent("truth"))
    }

    func remove() { try? FileManager.default.removeItem(at: root) }

    /// Truth of the regular calls, in call order.
    func truths() throws -> [DemoCallTruth] {
        try summary.truthFiles.filter { $0.hasPrefix("DEMO-") }.sorted().map { name in
            try JSONDecoder().decode(DemoCallTruth.self, from: Data(contentsOf: truthFolder.appendingPathComponent(name)))
        }
    }

    func dropFile(_ relative: String) -> URL { drop.appendingPathComponent(relative) }

    /// One party's samples (decoded, every channel of the file read through).
    func channel(of truth: DemoCallTruth, agent: Bool) throws -> [Float] {
        if truth.layout == "stereo" {
            let all = try Self.decode(dropFile(truth.files[0]).path)
            let wanted = agent ? truth.agentChannel! : 1 - truth.agentChannel!
            return stride(from: wanted, to: all.samples.count, by: all.channels).map { all.samples[$0] }
        }
        return try Self.decode(dropFile(agent ? truth.agentFile! : truth.callerFile!).path).samples
    }

    static func decode(_ path: String) throws -> (samples: [Float], channels: Int) {
        let reader = try SndFileReader(path: path)
        var out: [Float] = []
        while true {
            let chunk = try reader.readChunk(maxFrames: 65_536)
            if chunk.isEmpty { break }
            out += chunk
        }
        return (out, reader.info.channels)
    }

    /// Mean energy in dB of the samples where `inside(t)` holds (t in seconds), nil when there are none.
    static func energyDB(_ x: [Float], rate: Int, where inside: (Double) -> Bool) -> Double? {
        var sum = 0.0
        var n = 0
        for (i, v) in x.enumerated() where inside(Double(i) / Double(rate)) {
            sum += Double(v) * Double(v)
            n += 1
        }
        return n == 0 ? nil : 10 * log10(sum / Double(n) + 1e-20)
    }

    static func contains(_ intervals: [[Double]], _ t: Double) -> Bool {
        intervals.contains { t >= $0[0] && t < $0[1] }
    }
}

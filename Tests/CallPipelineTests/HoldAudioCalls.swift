import CallAudio
import CallDSP
import CallModel
import CallPipeline
import Foundation
import Testing

/// Test calls for the hold-audio fingerprint: Asterisk prompts as the agent's and caller's speech, a moh track as the
/// music on hold on the agent's channel, weak deterministic line noise, written through a codec.
enum HoldAudioCalls {
    static let moh = "/usr/share/asterisk/moh"
    static let sounds = "/usr/share/asterisk/sounds/en"
    static var installed: Bool {
        FileManager.default.fileExists(atPath: moh + "/macroform-cold_day.wav") && FileManager.default.fileExists(atPath: sounds)
    }

    enum Codec: String, CaseIterable, CustomTestStringConvertible {
        case ulaw, alaw, gsm, adpcm, opus
        var testDescription: String { rawValue }
    }

    final class Directory {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("nokchwi-holdaudio-\(UUID().uuidString)")
        init() { try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true) }
        deinit { try? FileManager.default.removeItem(at: url) }
    }

    /// A mono 8 kHz file's samples.
    static func mono(_ path: String) throws -> [Float] {
        let reader = try SndFileReader(path: path)
        precondition(reader.info.sampleRate == 8000 && reader.info.channels == 1, "the Debian files are mono 8 kHz")
        var out: [Float] = []
        while true {
            let chunk = try reader.readChunk(maxFrames: 65536)
            if chunk.isEmpty { return out }
            out += chunk
        }
    }

    /// `seconds` of prompts one after another (0.4 s apart), starting with the `skip`-th prompt.
    static func speech(seconds: Double, skip: Int) throws -> [Float] {
        let names = try FileManager.default.contentsOfDirectory(atPath: sounds).filter { $0.hasSuffix(".wav") }.sorted()
        var out: [Float] = []
        var i = skip
        while Double(out.count) < seconds * 8000 {
            if let s = try? mono(sounds + "/" + names[i % names.count]) { out += s + [Float](repeating: 0, count: 3200) }
            i += 1
        }
        return Array(out.prefix(Int(seconds * 8000)))
    }

    /// A 56 s stereo call: the agent speaks 0-9 s and 41-50 s, the music (from sample `from`, looping, times `gain`)
    /// fills 10-40 s of the agent's channel; the caller speaks 2-8 s and 50-55 s; weak noise on both channels.
    static func call(music: [Float], from: Int, gain: Float) throws -> [Float] {
        let n = 56 * 8000
        var agent = [Float](repeating: 0, count: n), caller = agent
        let words = try speech(seconds: 30, skip: 40)
        func put(_ src: [Float], _ at: Double, _ seconds: Double, into dst: inout [Float], from offset: Int = 0) {
            let start = Int(at * 8000)
            for i in 0..<Int(seconds * 8000) { dst[start + i] += src[(offset + i) % src.count] }
        }
        put(words, 0, 9, into: &agent)
        put(words, 41, 9, into: &agent, from: 9 * 8000)
        put(words, 2, 6, into: &caller, from: 18 * 8000)
        put(words, 50, 5, into: &caller, from: 24 * 8000)
        let start = 10 * 8000
        for i in 0..<(30 * 8000) { agent[start + i] += gain * music[(from + i) % music.count] }
        var seed: UInt32 = 12345
        func noise() -> Float {
            seed = seed &* 1_664_525 &+ 1_013_904_223
            return (Float(seed >> 8) / Float(1 << 24) - 0.5) * 0.002
        }
        var out = [Float](repeating: 0, count: 2 * n)
        for i in 0..<n {
            out[2 * i] = agent[i] + noise()
            out[2 * i + 1] = caller[i] * 0.7 + noise()
        }
        return out
    }

    /// The stereo 8 kHz call through `codec` and back, analysed with `library` (GSM 6.10 in WAV is mono only: each
    /// channel goes through its own file, as recorders that write one file per leg do).
    static func analyze(_ samples: [Float], _ codec: Codec, library: HoldAudioLibrary?) throws -> CallAnalysis {
        let dir = Directory()
        let analyzer = FileAnalyzer(holdAudio: library)
        guard codec == .gsm else { return try analyzer.analyze(path: try encode(samples, codec, in: dir)) }
        var legs: [[Float]] = []
        for c in 0..<2 {
            let path = dir.url.appendingPathComponent("leg\(c).wav").path
            let writer = try SndFileWriter(path: path, format: .wavGSM610, sampleRate: 8000, channels: 1)
            try writer.write(stride(from: c, to: samples.count, by: 2).map { samples[$0] })
            try writer.close()
            legs.append(try mono(path))
        }
        let n = min(legs[0].count, legs[1].count)
        var both = [Float](repeating: 0, count: 2 * n)
        for i in 0..<n { both[2 * i] = legs[0][i]; both[2 * i + 1] = legs[1][i] }
        return try analyzer.analyze(MemoryBlockSource(samples: both, channels: 2, sampleRate: 8000))
    }

    /// Writes the stereo 8 kHz call through `codec` (not GSM); returns the path.
    static func encode(_ samples: [Float], _ codec: Codec, in dir: Directory) throws -> String {
        if codec == .opus {
            let path = dir.url.appendingPathComponent("call.opus").path
            var bytes: [UInt8] = []
            let writer = try OpusArchiveWriter(sampleRate: 8000, channels: 2, settings: OpusEncodingSettings(),
                                               serialNumber: 7, comments: []) { bytes.append(contentsOf: $0) }
            try samples.withUnsafeBufferPointer { try writer.write(interleaved: $0, frames: samples.count / 2) }
            _ = try writer.finish()
            try Data(bytes).write(to: URL(fileURLWithPath: path))
            return path
        }
        let format: SndFileWriter.Format = switch codec {
        case .ulaw: .wavULaw
        case .alaw: .wavALaw
        case .adpcm: .wavIMAADPCM
        case .gsm, .opus: .wavPCM16
        }
        let path = dir.url.appendingPathComponent("call-\(codec.rawValue).wav").path
        let writer = try SndFileWriter(path: path, format: format, sampleRate: 8000, channels: 2)
        try writer.write(samples)
        try writer.close()
        return path
    }
}

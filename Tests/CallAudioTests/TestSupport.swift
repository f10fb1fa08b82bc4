import Foundation
@testable import CallAudio

/// A fresh temporary folder, removed when the value is released.
final class TempDir {
    let url: URL
    init() throws {
        url = FileManager.default.temporaryDirectory
            .appendingPathComponent("callaudio-tests-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }
    deinit { try? FileManager.default.removeItem(at: url) }
    func path(_ name: String) -> String { url.appendingPathComponent(name).path }
}

/// SplitMix64: a tiny deterministic generator for test signals.
struct SeededRandom: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

enum Signal {
    /// One channel of a sine.
    static func sine(frequency: Double, rate: Int, frames: Int, amplitude: Float = 0.5) -> [Float] {
        (0..<frames).map { amplitude * Float(sin(2 * Double.pi * frequency * Double($0) / Double(rate))) }
    }

    /// A linear sweep from `from` to `to` Hz: no period, so a delay shows up in a correlation.
    static func chirp(from: Double, to: Double, rate: Int, frames: Int, amplitude: Float = 0.4) -> [Float] {
        let seconds = Double(frames) / Double(rate)
        let k = (to - from) / (2 * seconds)
        return (0..<frames).map { i in
            let t = Double(i) / Double(rate)
            return amplitude * Float(sin(2 * Double.pi * (from * t + k * t * t)))
        }
    }

    /// Uniform white noise in -amplitude...amplitude.
    static func noise(frames: Int, amplitude: Float = 0.3, seed: UInt64) -> [Float] {
        var rng = SeededRandom(seed: seed)
        return (0..<frames).map { _ in Float.random(in: -amplitude...amplitude, using: &rng) }
    }

    /// Speech-like noise: white noise shaped by a slow syllable envelope with pauses.
    static func speechLike(frames: Int, rate: Int, seed: UInt64) -> [Float] {
        var rng = SeededRandom(seed: seed)
        var out = [Float](repeating: 0, count: frames)
        var low: Float = 0
        for i in 0..<frames {
            let t = Double(i) / Double(rate)
            let syllable = max(0, sin(2 * Double.pi * 4 * t)) * (sin(2 * Double.pi * 0.3 * t) > -0.3 ? 1 : 0)
            let white = Float.random(in: -1...1, using: &rng)
            low = 0.7 * low + 0.3 * white
            out[i] = Float(syllable) * 0.4 * low
        }
        return out
    }

    static func interleave(_ channels: [[Float]]) -> [Float] {
        let frames = channels[0].count
        var out = [Float](repeating: 0, count: frames * channels.count)
        for (c, samples) in channels.enumerated() {
            for i in 0..<frames { out[i * channels.count + c] = samples[i] }
        }
        return out
    }

    static func channel(_ interleaved: [Float], _ c: Int, of channels: Int) -> [Float] {
        stride(from: c, to: interleaved.count, by: channels).map { interleaved[$0] }
    }

    static func rms(_ x: ArraySlice<Float>) -> Double {
        guard !x.isEmpty else { return 0 }
        return (x.reduce(0.0) { $0 + Double($1) * Double($1) } / Double(x.count)).squareRoot()
    }

    static func rms(_ x: [Float]) -> Double { rms(x[...]) }

    static func dBFS(_ rms: Double) -> Double { 20 * log10(max(rms, 1e-12)) }

    /// Normalised correlation of two equally long signals, after shifting `b` by `lag` samples.
    static func correlation(_ a: [Float], _ b: [Float], lag: Int = 0) -> Double {
        var ab = 0.0, aa = 0.0, bb = 0.0
        for i in 0..<a.count where i + lag >= 0 && i + lag < b.count {
            let x = Double(a[i]), y = Double(b[i + lag])
            ab += x * y; aa += x * x; bb += y * y
        }
        return aa > 0 && bb > 0 ? ab / (aa * bb).squareRoot() : 0
    }

    /// Frequency with the most energy (Goertzel over candidate frequencies), in Hz.
    static func dominantFrequency(_ x: [Float], rate: Int, candidates: [Double]) -> Double {
        candidates.max { goertzel(x, rate: rate, frequency: $0) < goertzel(x, rate: rate, frequency: $1) }!
    }

    static func goertzel(_ x: [Float], rate: Int, frequency: Double) -> Double {
        let w = 2 * Double.pi * frequency / Double(rate)
        let coeff = 2 * cos(w)
        var s1 = 0.0, s2 = 0.0
        for v in x {
            let s0 = Double(v) + coeff * s1 - s2
            s2 = s1; s1 = s0
        }
        return s1 * s1 + s2 * s2 - coeff * s1 * s2
    }
}

/// Builds WAV files byte by byte, so tests control every header field.
struct WAVBytes {
    var channels: UInt16 = 1
    var sampleRate: UInt32 = 8000
    var bitsPerSample: UInt16 = 16
    var formatTag: UInt16 = 1
    var pcm: [UInt8] = []
    var dataSizeOverride: UInt32?
    var riffSizeOverride: UInt32?

    static func pcm16(_ samples: [Float]) -> [UInt8] {
        samples.flatMap { s -> [UInt8] in
            let v = UInt16(bitPattern: Int16((max(-1, min(1, s)) * 32767).rounded()))
            return [UInt8(v & 0xFF), UInt8(v >> 8)]
        }
    }

    var bytes: [UInt8] {
        let blockAlign = channels * bitsPerSample / 8
        var fmt: [UInt8] = []
        fmt += le16(formatTag) + le16(channels) + le32(sampleRate)
        fmt += le32(sampleRate * UInt32(blockAlign)) + le16(blockAlign) + le16(bitsPerSample)
        var body = Array("WAVE".utf8) + Array("fmt ".utf8) + le32(UInt32(fmt.count)) + fmt
        body += Array("data".utf8) + le32(dataSizeOverride ?? UInt32(pcm.count)) + pcm
        return Array("RIFF".utf8) + le32(riffSizeOverride ?? UInt32(body.count)) + body
    }

    func write(to path: String) throws {
        try Data(bytes).write(to: URL(fileURLWithPath: path))
    }

    private func le16(_ v: UInt16) -> [UInt8] { [UInt8(v & 0xFF), UInt8(v >> 8)] }
    private func le32(_ v: UInt32) -> [UInt8] { (0..<4).map { UInt8((v >> (8 * $0)) & 0xFF) } }
}

/// Reads a whole (small) recording through SndFileReader in chunks.
func readAll(_ path: String, chunk: Int = 4096) throws -> (info: AudioFormatInfo, samples: [Float]) {
    let reader = try SndFileReader(path: path)
    var all: [Float] = []
    while true {
        let part = try reader.readChunk(maxFrames: chunk)
        if part.isEmpty { break }
        all += part
    }
    return (reader.info, all)
}

func writeFile(_ path: String, _ format: SndFileWriter.Format, rate: Int, channels: Int, _ samples: [Float]) throws {
    let writer = try SndFileWriter(path: path, format: format, sampleRate: rate, channels: channels)
    try writer.write(samples)
    try writer.close()
}

func bytes(of path: String) throws -> [UInt8] { [UInt8](try Data(contentsOf: URL(fileURLWithPath: path))) }
func put(_ bytes: [UInt8], at path: String) throws { try Data(bytes).write(to: URL(fileURLWithPath: path)) }

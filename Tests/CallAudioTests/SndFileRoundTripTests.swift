import Testing
@testable import CallAudio

@Suite struct SndFileRoundTripTests {
    struct Case: Sendable, CustomStringConvertible {
        var format: SndFileWriter.Format
        var channels: Int
        var container: String
        var encoding: String
        /// Lowest acceptable correlation between source and decoded signal.
        var minCorrelation: Double
        /// Frames the codec may add at the end (block padding).
        var padding: Int64
        var description: String { "\(format.rawValue) x\(channels)" }
    }

    static let cases: [Case] = [
        Case(format: .wavPCM16, channels: 1, container: "WAV", encoding: "PCM_16", minCorrelation: 0.9999, padding: 0),
        Case(format: .wavPCM16, channels: 2, container: "WAV", encoding: "PCM_16", minCorrelation: 0.9999, padding: 0),
        Case(format: .wavPCM24, channels: 2, container: "WAV", encoding: "PCM_24", minCorrelation: 0.99999, padding: 0),
        Case(format: .wavFloat, channels: 2, container: "WAV", encoding: "FLOAT", minCorrelation: 0.999999, padding: 0),
        Case(format: .wavULaw, channels: 1, container: "WAV", encoding: "ULAW", minCorrelation: 0.999, padding: 0),
        Case(format: .wavALaw, channels: 2, container: "WAV", encoding: "ALAW", minCorrelation: 0.999, padding: 0),
        Case(format: .wavGSM610, channels: 1, container: "WAV", encoding: "GSM610", minCorrelation: 0.9, padding: 640),
        Case(format: .wavIMAADPCM, channels: 2, container: "WAV", encoding: "IMA_ADPCM", minCorrelation: 0.98, padding: 1024),
        Case(format: .wavMSADPCM, channels: 1, container: "WAV", encoding: "MS_ADPCM", minCorrelation: 0.98, padding: 1024),
        Case(format: .flac, channels: 2, container: "FLAC", encoding: "PCM_16", minCorrelation: 0.9999, padding: 0),
        Case(format: .auULaw, channels: 1, container: "AU", encoding: "ULAW", minCorrelation: 0.999, padding: 0),
    ]

    @Test(arguments: cases)
    func writeThenRead(_ c: Case) throws {
        let dir = try TempDir()
        let path = dir.path("rt-\(c.format.rawValue)-\(c.channels)")
        let frames = 8000 * 2 + 123
        let sources = (0..<c.channels).map { ch in
            Signal.sine(frequency: 440 + 300 * Double(ch), rate: 8000, frames: frames, amplitude: 0.4)
        }
        try writeFile(path, c.format, rate: 8000, channels: c.channels, Signal.interleave(sources))

        let (info, samples) = try readAll(path, chunk: 1000)
        #expect(info.container == c.container)
        #expect(info.encoding == c.encoding)
        #expect(info.sampleRate == 8000)
        #expect(info.channels == c.channels)
        #expect(info.frames >= Int64(frames) && info.frames <= Int64(frames) + c.padding)
        #expect(samples.count == Int(info.frames) * c.channels)
        #expect(abs(info.durationSeconds - Double(info.frames) / 8000) < 1e-9)
        for ch in 0..<c.channels {
            let decoded = Array(Signal.channel(samples, ch, of: c.channels).prefix(frames))
            let r = Signal.correlation(sources[ch], decoded)
            #expect(r >= c.minCorrelation, "channel \(ch) correlation \(r)")
        }
    }

    @Test func chunkSizeDoesNotChangeSamples() throws {
        let dir = try TempDir()
        let path = dir.path("chunks.wav")
        let stereo = Signal.interleave([Signal.noise(frames: 20_011, seed: 1), Signal.noise(frames: 20_011, seed: 2)])
        try writeFile(path, .wavPCM16, rate: 16000, channels: 2, stereo)
        let small = try readAll(path, chunk: 160).samples
        let large = try readAll(path, chunk: 4096).samples
        #expect(small == large)
        #expect(small.count == stereo.count)
    }

    @Test func readIntoReusedBufferReachesEndWithZero() throws {
        let dir = try TempDir()
        let path = dir.path("buffer.wav")
        try writeFile(path, .wavULaw, rate: 8000, channels: 1, Signal.noise(frames: 10_000, seed: 3))
        let reader = try SndFileReader(path: path)
        var buffer = [Float](repeating: 0, count: 4096)
        var total = 0
        var calls = 0
        while true {
            let n = try buffer.withUnsafeMutableBufferPointer { try reader.read(into: $0, maxFrames: 4096) }
            if n == 0 { break }
            total += n
            calls += 1
        }
        #expect(total == 10_000)
        #expect(calls == 3)
        #expect(reader.framesRead == 10_000)
        #expect(try buffer.withUnsafeMutableBufferPointer { try reader.read(into: $0, maxFrames: 4096) } == 0)
    }

    @Test func readsHandCraftedPCM16() throws {
        let dir = try TempDir()
        let path = dir.path("hand.wav")
        let source = Signal.sine(frequency: 1000, rate: 8000, frames: 800)
        try WAVBytes(pcm: WAVBytes.pcm16(source)).write(to: path)
        let (info, samples) = try readAll(path)
        #expect(info == AudioFormatInfo(sampleRate: 8000, channels: 1, frames: 800, container: "WAV", encoding: "PCM_16"))
        #expect(zip(source, samples).allSatisfy { abs($0 - $1) < 1.0 / 16384 })
    }

    @Test func writerRejectsBadArguments() throws {
        let dir = try TempDir()
        #expect(throws: AudioError.self) { try SndFileWriter(path: dir.path("a.wav"), format: .wavPCM16, sampleRate: 8000, channels: 0) }
        #expect(throws: AudioError.self) { try SndFileWriter(path: dir.path("b.wav"), format: .wavPCM16, sampleRate: 100, channels: 1) }
        let gsmStereo = #expect(throws: AudioError.self) {
            try SndFileWriter(path: dir.path("c.wav"), format: .wavGSM610, sampleRate: 8000, channels: 2)
        }
        #expect(gsmStereo?.code == .invalidArgument)
        let noFolder = #expect(throws: AudioError.self) {
            try SndFileWriter(path: dir.path("missing/d.wav"), format: .wavPCM16, sampleRate: 8000, channels: 1)
        }
        #expect(noFolder?.code == .cannotOpen)
        let writer = try SndFileWriter(path: dir.path("e.wav"), format: .wavPCM16, sampleRate: 8000, channels: 2)
        let odd = #expect(throws: AudioError.self) { try writer.write([0.1, 0.2, 0.3]) }
        #expect(odd?.code == .invalidArgument)
        try writer.close()
        let closed = #expect(throws: AudioError.self) { try writer.write([0.1, 0.2]) }
        #expect(closed?.code == .writeFailed)
    }

    @Test func writerClipsInsteadOfWrapping() throws {
        let dir = try TempDir()
        let path = dir.path("clip.wav")
        try writeFile(path, .wavPCM16, rate: 8000, channels: 1, [1.5, -1.5, 0.25])
        let samples = try readAll(path).samples
        #expect(samples[0] > 0.99)
        #expect(samples[1] < -0.99)
        #expect(abs(samples[2] - 0.25) < 0.001)
    }
}

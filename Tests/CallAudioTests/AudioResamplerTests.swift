import Testing
@testable import CallAudio

@Suite struct AudioResamplerTests {
    func resample(_ input: [Float], from: Int, to: Int, channels: Int, chunk: Int) throws -> [Float] {
        let resampler = try AudioResampler(fromRate: from, toRate: to, channels: channels)
        var out: [Float] = []
        let frames = input.count / channels
        var offset = 0
        try input.withUnsafeBufferPointer { all in
            while offset < frames {
                let n = min(chunk, frames - offset)
                out += try resampler.process(UnsafeBufferPointer(rebasing: all[(offset * channels)..<((offset + n) * channels)]),
                                             frames: n)
                offset += n
            }
        }
        out += try resampler.flush()
        return out
    }

    @Test(arguments: [(44100, 48000), (22050, 24000), (11025, 12000), (32000, 48000), (48000, 8000), (96000, 48000)])
    func sineKeepsFrequencyLengthAndLevel(from: Int, to: Int) throws {
        let frames = from * 2 + 17
        let left = Signal.sine(frequency: 1000, rate: from, frames: frames, amplitude: 0.5)
        let right = Signal.sine(frequency: 600, rate: from, frames: frames, amplitude: 0.25)
        let out = try resample(Signal.interleave([left, right]), from: from, to: to, channels: 2, chunk: 4096)
        let expected = Double(frames) * Double(to) / Double(from)
        #expect(abs(Double(out.count / 2) - expected) <= 2, "got \(out.count / 2) frames, expected about \(expected)")
        let outLeft = Signal.channel(out, 0, of: 2)
        let outRight = Signal.channel(out, 1, of: 2)
        let candidates: [Double] = [400, 600, 800, 900, 1000, 1100, 1200]
        #expect(Signal.dominantFrequency(outLeft, rate: to, candidates: candidates) == 1000)
        #expect(Signal.dominantFrequency(outRight, rate: to, candidates: candidates) == 600)
        let middle = outLeft.count / 4..<(outLeft.count * 3 / 4)
        #expect(abs(Signal.rms(outLeft[middle]) - 0.5 / 2.0.squareRoot()) < 0.01)
        #expect(abs(Signal.rms(outRight[middle]) - 0.25 / 2.0.squareRoot()) < 0.01)
    }

    @Test func chunkSizeDoesNotChangeOutput() throws {
        let input = Signal.noise(frames: 44100, seed: 101)
        let a = try resample(input, from: 44100, to: 48000, channels: 1, chunk: 4096)
        let b = try resample(input, from: 44100, to: 48000, channels: 1, chunk: 999)
        #expect(a.count == b.count)
        let worst = zip(a, b).map { abs($0 - $1) }.max() ?? 0
        #expect(worst < 1e-5)
    }

    @Test func refusesBadArgumentsAndUseAfterFlush() throws {
        #expect(throws: AudioError.self) { try AudioResampler(fromRate: 0, toRate: 8000, channels: 1) }
        #expect(throws: AudioError.self) { try AudioResampler(fromRate: 8000, toRate: 16000, channels: 0) }
        let r = try AudioResampler(fromRate: 8000, toRate: 16000, channels: 1)
        _ = try r.flush()
        #expect(try r.flush().isEmpty)
        let error = #expect(throws: AudioError.self) { try [Float](repeating: 0, count: 10).withUnsafeBufferPointer { try r.process($0, frames: 10) } }
        #expect(error?.code == .invalidArgument)
    }

    @Test func nativeOpusRates() {
        let cases = [(8000, 8000), (11025, 12000), (12000, 12000), (16000, 16000), (22050, 24000), (24000, 24000),
                     (32000, 48000), (44100, 48000), (48000, 48000), (96000, 48000), (6000, 8000)]
        for (source, native) in cases {
            #expect(OpusRate.nativeRate(for: source) == native, "\(source) Hz")
        }
    }
}

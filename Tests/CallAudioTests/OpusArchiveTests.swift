import Foundation
import Testing
@testable import CallAudio

@Suite struct OpusArchiveTests {
    @Test func stereoChannelsDoNotBleed() throws {
        let frames = 8000 * 4
        let tone = Signal.sine(frequency: 440, rate: 8000, frames: frames, amplitude: 0.5)
        let silence = [Float](repeating: 0, count: frames)
        let (bytes, summary) = try encodeOpus(Signal.interleave([tone, silence]), rate: 8000, channels: 2)
        let (reader, decoded) = try decodeOpus(bytes)

        #expect(reader.channels == 2 && reader.streamCount == 2 && reader.coupledCount == 0 && reader.mappingFamily == 1)
        #expect(reader.decodeRate == 8000)
        #expect(decoded.count == frames * 2)
        #expect(summary.frames == Int64(frames))
        let left = Signal.channel(decoded, 0, of: 2)
        let right = Signal.channel(decoded, 1, of: 2)
        let rightDB = Signal.dBFS(Signal.rms(right))
        #expect(rightDB < -60, "silent party decoded at \(rightDB) dBFS")
        // Skip the first 100 ms (codec start-up) and compare the tone sample by sample: no delay after pre-skip.
        let r = Signal.correlation(Array(tone[800...]), Array(left[800...]))
        #expect(r > 0.9, "tone correlation \(r)")
        #expect(abs(Signal.dBFS(Signal.rms(left)) - Signal.dBFS(Signal.rms(tone))) < 2)
    }

    @Test(arguments: [8000, 16000])
    func decodedLengthEqualsInputForOddLengths(rate: Int) throws {
        for frames in [rate * 3 + 37, 1, 159, 160, 161] {
            let source = Signal.interleave([Signal.speechLike(frames: frames, rate: rate, seed: 21),
                                            Signal.speechLike(frames: frames, rate: rate, seed: 22)])
            let (bytes, summary) = try encodeOpus(source, rate: rate, channels: 2, chunk: 1000)
            let (reader, decoded) = try decodeOpus(bytes, chunk: 777)
            #expect(reader.totalFrames == Int64(frames))
            #expect(decoded.count == frames * 2, "\(frames) frames at \(rate) Hz")
            let scale = Int64(48000 / rate)
            #expect(summary.granulePosition == Int64(summary.preSkip) + Int64(frames) * scale)
            #expect(reader.preSkip == summary.preSkip)
            #expect(oggPages(bytes).last?.granule == summary.granulePosition)
        }
    }

    @Test(arguments: [8000, 16000])
    func decodedAudioIsSampleAligned(rate: Int) throws {
        let frames = rate * 3
        let sweep = Signal.chirp(from: 200, to: 2000, rate: rate, frames: frames)
        let (_, decoded) = try decodeOpus(try encodeOpus(sweep, rate: rate, channels: 1).bytes)
        let head = rate / 10
        let source = Array(sweep[head..<(frames - 10)])
        let byLag = (-3...3).map { lag in Signal.correlation(source, Array(decoded[(head + lag)..<(frames - 10 + lag)])) }
        #expect(byLag[3] > 0.95, "correlation at lag 0: \(byLag[3])")
        #expect(byLag.firstIndex(of: byLag.max()!) == 3, "pre-skip removed exactly: best lag is 0 (\(byLag))")
    }

    @Test func monoRoundTrip() throws {
        let frames = 16000 * 2 + 5
        let tone = Signal.sine(frequency: 300, rate: 16000, frames: frames, amplitude: 0.4)
        let (bytes, _) = try encodeOpus(tone, rate: 16000, channels: 1, settings: OpusEncodingSettings(bitratePerChannel: 24000))
        let (reader, decoded) = try decodeOpus(bytes)
        #expect(reader.channels == 1 && reader.mappingFamily == 0 && reader.streamCount == 1)
        #expect(reader.decodeRate == 16000)
        #expect(decoded.count == frames)
        #expect(Signal.correlation(Array(tone[1600...]), Array(decoded[1600...])) > 0.9)
        #expect(Signal.dominantFrequency(decoded, rate: 16000, candidates: [200, 250, 300, 350, 400]) == 300)
    }

    @Test func sameInputGivesIdenticalBytes() throws {
        let source = Signal.interleave([Signal.speechLike(frames: 8000 * 5, rate: 8000, seed: 31),
                                        Signal.speechLike(frames: 8000 * 5, rate: 8000, seed: 32)])
        let a = try encodeOpus(source, rate: 8000, channels: 2, chunk: 4096)
        let b = try encodeOpus(source, rate: 8000, channels: 2, chunk: 333)
        #expect(a.bytes == b.bytes)
        #expect(a.summary == b.summary)
        let c = try encodeOpus(source, rate: 8000, channels: 2, serial: 99)
        #expect(c.bytes != a.bytes, "the serial number is part of every page")
    }

    @Test func tagsAndHeaderRoundTrip() throws {
        let comments = [("NOKCHWI_CALL_ID", "20250101-abcdef0123"), ("ENCODER", "nokchwi 0.1.0"), ("TITLE", "상담 통화")]
        let (bytes, _) = try encodeOpus(Signal.noise(frames: 4410, seed: 41), rate: 48000, channels: 1,
                                        comments: comments, inputRate: 44100)
        let (reader, decoded) = try decodeOpus(bytes)
        #expect(reader.comments.map { "\($0.0)=\($0.1)" } == comments.map { "\($0.0)=\($0.1)" })
        #expect(reader.comment("nokchwi_call_id") == "20250101-abcdef0123")
        #expect(reader.vendor.contains("libopus") && reader.vendor.contains("nokchwi"))
        #expect(reader.inputSampleRate == 44100)
        #expect(reader.decodeRate == 48000)
        #expect(decoded.count == 4410)
    }

    @Test func headersHaveTheirOwnPagesAndPagesStayShort() throws {
        let seconds = 7
        let source = Signal.interleave([Signal.speechLike(frames: 8000 * seconds, rate: 8000, seed: 51),
                                        Signal.speechLike(frames: 8000 * seconds, rate: 8000, seed: 52)])
        let settings = OpusEncodingSettings(maxPageMilliseconds: 500)
        let (bytes, summary) = try encodeOpus(source, rate: 8000, channels: 2, settings: settings)
        let pages = oggPages(bytes)
        #expect(pages.count == summary.pages)
        #expect(pages.map(\.length).reduce(0, +) == bytes.count)
        #expect(Int64(bytes.count) == summary.bytes)
        #expect(pages[0].flags == 2 && pages[0].granule == 0)  // BOS, OpusHead alone
        #expect(pages[1].flags == 0 && pages[1].granule == 0)  // OpusTags alone
        #expect(pages.last?.flags == 4)  // EOS
        let head = OpusHeader(packet: Array(bytes[(pages[0].offset + 28)..<(pages[0].offset + pages[0].length)]))
        #expect(head?.mapping == [0, 1])
        var previous: Int64 = 0
        for page in pages.dropFirst(2) {
            #expect(page.granule - previous <= 500 * 48, "page spans \(page.granule - previous) samples at 48 kHz")
            previous = page.granule
        }
        #expect(pages.count >= 2 + seconds * 2)
    }

    @Test func settingsAreValidated() throws {
        let bad = [OpusEncodingSettings(bitratePerChannel: 100), OpusEncodingSettings(complexity: 11),
                   OpusEncodingSettings(frameMilliseconds: 30), OpusEncodingSettings(maxPageMilliseconds: 5000),
                   OpusEncodingSettings(frameMilliseconds: 60, maxPageMilliseconds: 40)]
        for settings in bad {
            let error = #expect(throws: AudioError.self) { try settings.validate() }
            #expect(error?.code == .invalidArgument)
            #expect(throws: AudioError.self) {
                try OpusArchiveWriter(sampleRate: 8000, channels: 1, settings: settings, serialNumber: 1, comments: []) { _ in }
            }
        }
        try OpusEncodingSettings().validate()
        let decoded = try JSONDecoder().decode(OpusEncodingSettings.self, from: Data(#"{"complexity": 9}"#.utf8))
        #expect(decoded == OpusEncodingSettings(complexity: 9))
        #expect(throws: AudioError.self) {
            try OpusArchiveWriter(sampleRate: 44100, channels: 1, serialNumber: 1, comments: []) { _ in }
        }
        #expect(throws: AudioError.self) {
            try OpusArchiveWriter(sampleRate: 8000, channels: 3, serialNumber: 1, comments: []) { _ in }
        }
        #expect(throws: AudioError.self) {
            try OpusArchiveWriter(sampleRate: 8000, channels: 1, serialNumber: 1, comments: [("BAD=KEY", "x")]) { _ in }
        }
    }

    @Test(arguments: [10, 20, 40, 60])
    func everyFrameDurationKeepsExactLength(ms: Int) throws {
        let frames = 12000 + 7
        let (bytes, _) = try encodeOpus(Signal.speechLike(frames: frames, rate: 12000, seed: 61), rate: 12000, channels: 1,
                                        settings: OpusEncodingSettings(complexity: 0, frameMilliseconds: ms))
        let (_, decoded) = try decodeOpus(bytes)
        #expect(decoded.count == frames)
    }

    @Test func nonFiniteInputIsEncodedAsSilence() throws {
        var samples = Signal.sine(frequency: 440, rate: 8000, frames: 8000)
        for i in stride(from: 4000, to: 8000, by: 1) { samples[i] = i % 2 == 0 ? .nan : .infinity }
        let (_, decoded) = try decodeOpus(try encodeOpus(samples, rate: 8000, channels: 1).bytes)
        #expect(decoded.count == 8000)
        #expect(decoded.allSatisfy { $0.isFinite })
        #expect(Signal.dBFS(Signal.rms(decoded[4400..<7600])) < -50)
        #expect(Signal.dBFS(Signal.rms(decoded[800..<3600])) > -12)
    }

    @Test func sinkErrorsBecomeWriteFailed() throws {
        struct DiskFull: Error {}
        var calls = 0
        let writer = try OpusArchiveWriter(sampleRate: 8000, channels: 1, serialNumber: 1, comments: []) { _ in
            calls += 1
            if calls > 2 { throw DiskFull() }
        }
        let noise = Signal.noise(frames: 8000 * 3, seed: 71)
        let error = #expect(throws: AudioError.self) {
            try noise.withUnsafeBufferPointer { try writer.write(interleaved: $0, frames: $0.count) }
            _ = try writer.finish()
        }
        #expect(error?.code == .writeFailed)
        #expect(error?.underlying?.contains("DiskFull") == true)
        let after = #expect(throws: AudioError.self) { _ = try writer.finish() }
        #expect(after?.code == .invalidArgument)
    }

    @Test func fileRoundTripThroughFileByteSource() throws {
        let dir = try TempDir()
        let path = dir.path("call.opus")
        let source = Signal.interleave([Signal.speechLike(frames: 8000 * 2, rate: 8000, seed: 81),
                                        Signal.speechLike(frames: 8000 * 2, rate: 8000, seed: 82)])
        let (bytes, _) = try encodeOpus(source, rate: 8000, channels: 2)
        try put(bytes, at: path)
        let reader = try OpusArchiveReader(path: path)
        var total = 0
        while true {
            let part = try reader.read(maxFrames: 4096)
            if part.isEmpty { break }
            total += part.count / 2
        }
        #expect(total == 16000)
        #expect(reader.durationSeconds == 2)
    }
}

import CallAudio
import CallDSP

extension AccuracyHarness {
    /// `audio` as the archive keeps it: resampled to the Opus rate the pipeline would pick, encoded to Ogg Opus
    /// with `encoding` in memory and decoded again (what `nokchwi analyze ARCHIVE` and the player see).
    public static func throughArchive(_ audio: Audio, encoding: OpusEncodingSettings) throws -> Audio {
        let rate = OpusRate.nativeRate(for: audio.sampleRate)
        var samples = audio.samples
        if rate != audio.sampleRate {
            let resampler = try AudioResampler(fromRate: audio.sampleRate, toRate: rate, channels: audio.channels)
            samples = try audio.samples.withUnsafeBufferPointer { try resampler.process($0, frames: audio.frames) }
            samples += try resampler.flush()
        }
        var bytes: [UInt8] = []
        let writer = try OpusArchiveWriter(sampleRate: rate, channels: audio.channels, settings: encoding,
                                           serialNumber: 1, comments: [],
                                           sink: { bytes.append(contentsOf: $0) })
        try samples.withUnsafeBufferPointer { try writer.write(interleaved: $0, frames: $0.count / audio.channels) }
        _ = try writer.finish()
        let reader = try OpusArchiveReader(source: MemoryByteSource(bytes))
        var decoded: [Float] = []
        decoded.reserveCapacity(samples.count)
        while true {
            let chunk = try reader.read(maxFrames: 65_536)
            if chunk.isEmpty { break }
            decoded += chunk
        }
        return Audio(samples: decoded, channels: audio.channels, sampleRate: reader.decodeRate)
    }
}

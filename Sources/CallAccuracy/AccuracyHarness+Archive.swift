import CallAudio
import CallPipeline

extension AccuracyHarness {
    /// `audio` (at an Opus rate, as `decode` gives it) as the archive keeps it: encoded to Ogg Opus with `encoding`
    /// in memory and decoded again (what `nokchwi analyze ARCHIVE` and the player see).
    public static func throughArchive(_ audio: Audio, encoding: OpusEncodingSettings) throws -> Audio {
        var bytes: [UInt8] = []
        let writer = try OpusArchiveWriter(sampleRate: audio.sampleRate, channels: audio.channels, settings: encoding,
                                           serialNumber: 1, comments: [], sink: { bytes.append(contentsOf: $0) })
        try DecodePass.run(audio.blocks(65_536), into: [writer])
        _ = try writer.finish()
        let decoded = ArchiveBlockSource(try OpusArchiveReader(source: MemoryByteSource(bytes)), blockFrames: 65_536)
        let collector = SampleCollector()
        try DecodePass.run(decoded, into: [collector])
        return Audio(samples: collector.samples, channels: decoded.channels, sampleRate: decoded.sampleRate)
    }
}

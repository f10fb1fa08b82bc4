import CallArchive
import CallAudio
import Foundation

/// Writes generated seed inputs for a fuzz target into a folder: the bad-input catalogues, short recordings in
/// every format `SndFileWriter` writes, Ogg Opus archives and the same archives sealed with the fixed key.
/// (`Benchmarks/fuzz.sh` adds the metadata fixtures and real metadata files.)
public enum FuzzSeeds {
    /// Writes the seeds; returns how many files were written.
    @discardableResult
    public static func write(_ target: FuzzTarget, to folder: URL) throws -> Int {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        var seeds: [(String, [UInt8])] = []
        switch target {
        case .sndfile:
            seeds = try BadRecordingCatalog.all().map { ($0.name + ".wav", $0.bytes) } + formats()
        case .opus:
            seeds = try archives()
        case .encrypted:
            seeds = try archives().map { name, bytes in (name + ".enc", try seal(bytes, segmentSize: 512)) }
            seeds.append(("default-segment.enc", try seal(try archives()[0].1, segmentSize: ArchiveEnvelope.defaultSegmentSize)))
        case .sidecar, .asterisk, .freeswitch, .siprec:
            seeds = BadMetadataCatalog.all.filter { $0.target == target && $0.bytes.count <= 65_536 }
                .map { ($0.name + "." + $0.fileExtension, $0.bytes) }
        }
        for (name, bytes) in seeds {
            try Data(bytes).write(to: folder.appendingPathComponent("seed-" + name))
        }
        return seeds.count
    }

    /// 0.1 s of a tone in every format the writer knows.
    static func formats() throws -> [(String, [UInt8])] {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("nokchwi-seeds-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        var out: [(String, [UInt8])] = []
        for format in SndFileWriter.Format.allCases {
            for channels in format == .wavGSM610 ? [1] : [1, 2] {  // GSM 6.10 is mono only
                let name = "\(format.rawValue)-\(channels)ch." + (format == .flac ? "flac" : format == .auULaw ? "au" : "wav")
                let path = scratch.appendingPathComponent(name).path
                let writer = try SndFileWriter(path: path, format: format, sampleRate: 8000, channels: channels)
                try writer.write(Array(BadRecordingCatalog.sine(440, frames: 800 * channels)))
                try writer.close()
                out.append((name, [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))))
            }
        }
        return out
    }

    /// Short Ogg Opus archives, mono and stereo, as the ingest writes them.
    static func archives() throws -> [(String, [UInt8])] {
        var out: [(String, [UInt8])] = []
        for (channels, rate) in [(1, 8000), (2, 8000), (2, 16000)] {
            var bytes: [UInt8] = []
            let writer = try OpusArchiveWriter(sampleRate: rate, channels: channels, serialNumber: 7,
                                               comments: [("ENCODER", "nokchwi fuzz seed")]) { bytes.append(contentsOf: $0) }
            let frames = rate / 5
            let samples = (0..<(frames * channels)).map { Float(0.3 * sin(Double($0) * 0.07)) }
            try samples.withUnsafeBufferPointer { try writer.write(interleaved: $0, frames: frames) }
            _ = try writer.finish()
            out.append(("opus-\(channels)ch-\(rate)", bytes))
        }
        return out
    }

    /// `plaintext` sealed with the fixed data key of the `encrypted` target.
    static func seal(_ plaintext: [UInt8], segmentSize: Int) throws -> [UInt8] {
        var out: [UInt8] = []
        let header = try ArchiveEnvelope.Header(segmentSize: segmentSize, kekID: "fuzz")
        let sealer = try ArchiveSealer(dataKey: AudioFuzzEntry.fixedDataKey, header: header) { out.append(contentsOf: $0) }
        try plaintext.withUnsafeBytes { try sealer.write($0) }
        try sealer.finish()
        return out
    }
}

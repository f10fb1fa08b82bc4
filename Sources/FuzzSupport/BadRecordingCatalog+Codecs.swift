import CallAudio
import Foundation

extension BadRecordingCatalog {
    /// G.711, GSM 6.10 and ADPCM files written by libsndfile, then cut or with broken blocks.
    static func codecCases() throws -> [BadRecording] {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("nokchwi-bad-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        func written(_ format: SndFileWriter.Format, channels: Int = 1, frames: Int = 8000) throws -> [UInt8] {
            let path = scratch.appendingPathComponent("\(format.rawValue)-\(channels).wav").path
            let writer = try SndFileWriter(path: path, format: format, sampleRate: 8000, channels: channels)
            let mono = sine(440, frames: frames)
            try writer.write(channels == 1 ? mono : zip(mono, sine(660, frames: frames)).flatMap { [$0, $1] })
            try writer.close()
            return [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        }
        let ulawStereo = try written(.wavULaw, channels: 2, frames: frames)
        let ima = try written(.wavIMAADPCM)
        let ms = try written(.wavMSADPCM)
        let msStereo = try written(.wavMSADPCM, channels: 2)
        let gsm = try written(.wavGSM610)
        // libsndfile rounds a GSM file up to whole 320-sample blocks: count its frames rather than assume them.
        let gsmFrames = try SndFileReader(path: scratch.appendingPathComponent("\(SndFileWriter.Format.wavGSM610.rawValue)-1.wav").path).info.frames
        let ulaw = try written(.wavULaw, frames: frames)
        var random = SplitMix(seed: 7)
        return [
            BadRecording("ulaw-stereo-cut-mid-frame", "G.711 mu-law stereo cut one byte into its last frame",
                         Array(ulawStereo.dropLast(1)), .refused(.truncated)),
            BadRecording("ima-adpcm-cut-mid-block", "IMA ADPCM cut in the middle of a block",
                         Array(ima.dropLast(100)), .refused(.truncated)),
            BadRecording("gsm-cut-mid-block", "GSM 6.10 cut in the middle of a block",
                         Array(gsm.dropLast(30)), .refused(.truncated)),
            BadRecording("ima-adpcm-broken-block", "IMA ADPCM with a non-zero reserved byte in block 3's header",
                         blockBroken(ima, block: 3) { $0[3] = 0x5A }, .refused(.decodeFailed)),
            BadRecording("ima-adpcm-random-blocks", "IMA ADPCM whose data is random bytes",
                         dataReplaced(ima, &random), .refused(.decodeFailed)),
            BadRecording("ms-adpcm-broken-block", "MS ADPCM with predictor index 80 (of 0-6) in block 3",
                         blockBroken(ms, block: 3) { $0[0] = 80 }, .refused(.decodeFailed)),
            BadRecording("ms-adpcm-stereo-broken-block", "stereo MS ADPCM with a broken predictor in block 2",
                         blockBroken(msStereo, block: 2) { $0[1] = 200 }, .refused(.decodeFailed)),
            // GSM 6.10 and G.711 carry no redundancy: any bytes decode, as noise. Not detectable; must not crash.
            BadRecording("gsm-broken-block", "GSM 6.10 with block 3 overwritten by 0xFF (decodes as noise)",
                         blockBroken(gsm, block: 3) { for i in $0.indices { $0[i] = 0xFF } },
                         .accepted(frames: gsmFrames, samePCMAsPlain: false)),
            BadRecording("ulaw-random-bytes", "G.711 mu-law whose data is random bytes (decodes as noise)",
                         dataReplaced(ulaw, &random), .accepted(frames: Int64(frames), samePCMAsPlain: false)),
        ]
    }

    /// The file with `change` applied to the bytes of data block `block` (block size from the fmt chunk).
    static func blockBroken(_ file: [UInt8], block: Int, _ change: (inout [UInt8]) -> Void) -> [UInt8] {
        guard let fmt = WAVEBuilder.chunk("fmt ", in: file), let data = WAVEBuilder.chunk("data", in: file) else { return file }
        let blockAlign = Int(file[fmt.offset + 12]) | Int(file[fmt.offset + 13]) << 8
        var bytes = file
        let start = data.offset + block * blockAlign
        var blockBytes = Array(bytes[start..<min(start + blockAlign, bytes.count)])
        change(&blockBytes)
        bytes.replaceSubrange(start..<(start + blockBytes.count), with: blockBytes)
        return bytes
    }

    /// The file with every byte of its data chunk replaced by random bytes.
    static func dataReplaced(_ file: [UInt8], _ random: inout SplitMix) -> [UInt8] {
        guard let data = WAVEBuilder.chunk("data", in: file) else { return file }
        var bytes = file
        for i in data.offset..<min(data.offset + data.size, bytes.count) { bytes[i] = UInt8(truncatingIfNeeded: random.next()) }
        return bytes
    }
}

/// SplitMix64: a tiny deterministic generator.
struct SplitMix: RandomNumberGenerator {
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

import CallAudio
import Foundation

/// Every kind of damaged or unusual recording issue 7 lists, generated from a fixed tone (a few KB each).
/// Used by the bad-input tests (reader and ingest level) and as seeds for the audio fuzz target.
public enum BadRecordingCatalog {
    /// The plain mono PCM16 file the PCM cases are variations of.
    public static let plainName = "plain-pcm16"
    static let frames = 2000

    public static func all() throws -> [BadRecording] {
        try riffCases() + formatCases() + chunkCases() + codecCases()
    }

    /// 0.25 s of a 440 Hz tone at 8 kHz, as PCM16 bytes (mono) or interleaved with a 660 Hz tone (stereo).
    static let tone = WAVEBuilder.pcm16(sine(440))
    static let stereoTone = WAVEBuilder.pcm16(zip(sine(440), sine(660)).flatMap { [$0, $1] })

    static func sine(_ hz: Double, frames: Int = frames) -> [Float] {
        (0..<frames).map { Float(0.4 * sin(2 * Double.pi * hz * Double($0) / 8000)) }
    }

    static func plain() -> WAVEBuilder { WAVEBuilder.pcm(tone) }

    static func riffCases() -> [BadRecording] {
        let size = plain().bytes.count
        var riffPastEnd = plain()
        riffPastEnd.riffSize = UInt32(size - 8 + 1000)
        var riffZero = plain()
        riffZero.riffSize = 0
        var riffFF = plain()
        riffFF.riffSize = 0xFFFF_FFFF
        var dataPastEnd = plain()
        dataPastEnd.chunks[1].declaredSize = UInt32(tone.count * 10)
        var dataZero = plain()
        dataZero.chunks[1].declaredSize = 0
        var dataFF = plain()
        dataFF.chunks[1].declaredSize = 0xFFFF_FFFF
        return [
            BadRecording(plainName, "a plain PCM16 WAV", plain().bytes, .accepted(frames: Int64(frames), samePCMAsPlain: true)),
            BadRecording("zero-length", "0 bytes", [], .refused(.empty)),
            BadRecording("header-without-frames", "a complete header and an empty data chunk",
                         WAVEBuilder.pcm([]).bytes, .refused(.empty)),
            BadRecording("text-named-wav", "a text file with a .wav name",
                         Array("Call log export\nagent=A003 calls=71\nnot audio\n".utf8), .refused(.unsupportedEncoding)),
            BadRecording("riff-size-past-end", "RIFF size 1000 bytes larger than the file (a chunk went missing)",
                         riffPastEnd.bytes, .refused(.truncated)),
            BadRecording("riff-size-0", "RIFF size 0 (never finalised)", riffZero.bytes, .refused(.headerMismatch)),
            BadRecording("riff-size-ffffffff", "RIFF size 0xFFFFFFFF (never finalised)", riffFF.bytes, .refused(.headerMismatch)),
            BadRecording("data-size-past-end", "data size 10x the file while the RIFF size is true",
                         dataPastEnd.bytes, .refused(.headerMismatch)),
            BadRecording("cut-after-finished-header", "RIFF and data sizes agree but the file was cut at 2/3",
                         Array(plain().bytes.prefix(size * 2 / 3)), .refused(.truncated)),
            BadRecording("data-size-0", "data size 0 with the audio following", dataZero.bytes, .refused(.headerMismatch)),
            BadRecording("data-size-ffffffff", "data size 0xFFFFFFFF with a true RIFF size", dataFF.bytes,
                         .refused(.headerMismatch)),
            BadRecording("cut-inside-header", "the file ends inside the fmt chunk", Array(plain().bytes.prefix(30)),
                         .refused(.truncated)),
            // Found by fuzzing: libsndfile read these as 768 frames of MPEG Layer I and a 2-frame MPC2K sample.
            BadRecording("mpeg-frames-named-wav", "12 bytes libsndfile takes for MPEG audio",
                         [0xFF, 0xFF, 0x05, 0x00, 0x00, 0xFF, 0xFF, 0xFF, 0x05, 0x00, 0x00, 0x0D], .refused(.unsupportedEncoding)),
            BadRecording("mpc2k-named-wav", "46 bytes libsndfile takes for an Akai MPC2000 sample",
                         [0x01, 0x04] + Array("RIFX".utf8) + [0x00, 0x53, 0x53, 0x05, 0x00] + Array("IFX".utf8)
                             + [UInt8](repeating: 0, count: 24) + [0x08, 0x43, 0x53, 0x53, 0x01, 0x00, 0x00, 0x0D],
                         .refused(.unsupportedEncoding)),
        ]
    }

    static func formatCases() -> [BadRecording] {
        func with(_ fmt: WAVEBuilder.Chunk, _ data: [UInt8] = tone) -> [UInt8] {
            WAVEBuilder([fmt, .init("data", data)]).bytes
        }
        var short = WAVEBuilder.Chunk.fmt()
        short.body = Array(short.body.prefix(14))
        return [
            BadRecording("channels-0", "0 channels", with(.fmt(channels: 0)), .refused(.invalidFormat)),
            BadRecording("channels-9", "9 channels", with(.fmt(channels: 9), Array(tone.prefix(18 * 100))), .refused(.invalidFormat)),
            BadRecording("channels-65535", "65535 channels", with(.fmt(channels: 65535)), .refused(.invalidFormat)),
            BadRecording("rate-0", "sample rate 0", with(.fmt(rate: 0)), .refused(.invalidFormat)),
            BadRecording("rate-1000", "sample rate 1000 Hz", with(.fmt(rate: 1000)), .refused(.invalidFormat)),
            BadRecording("rate-ffffffff", "sample rate 4294967295 Hz", with(.fmt(rate: 0xFFFF_FFFF)), .refused(.invalidFormat)),
            BadRecording("fmt-14-bytes", "a 14-byte fmt chunk (no bits per sample)", with(short), .refused(.invalidFormat)),
            BadRecording("second-fmt-different", "a second fmt chunk saying 16 kHz stereo",
                         WAVEBuilder([.fmt(), .fmt(channels: 2, rate: 16000), .init("data", tone)]).bytes, .refused(.headerMismatch)),
            BadRecording("second-fmt-identical", "the fmt chunk written twice",
                         WAVEBuilder([.fmt(), .fmt(), .init("data", tone)]).bytes, .refused(.headerMismatch)),
        ]
    }

    static func chunkCases() -> [BadRecording] {
        let same = BadRecording.Expected.accepted(frames: Int64(frames), samePCMAsPlain: true)
        let junk = WAVEBuilder.Chunk("JUNK", [UInt8](repeating: 0, count: 28))
        let evenList = WAVEBuilder.Chunk.listInfo("INAM", "call")  // 16 bytes
        let oddInfo = WAVEBuilder.Chunk.listInfo("ISFT", "rec")  // 15 bytes
        var noPad = oddInfo
        noPad.pad = false
        let junkNoPad = WAVEBuilder.Chunk("JUNK", [1, 2, 3, 4, 5, 6, 7], pad: false)
        let stereo = WAVEBuilder.pcm(stereoTone, channels: 2).bytes
        let partial = WAVEBuilder.pcm(Array(stereoTone.dropLast(2)), channels: 2)  // 1999.5 frames
        let garbage = Array("LIST".utf8) + [0xFF, 0xFF, 0xFF, 0x7F] + Array("garbage".utf8) + (0..<200).map { UInt8($0) }
        return [
            BadRecording("junk-and-list", "JUNK before fmt, LIST/INFO between fmt and data (valid)",
                         WAVEBuilder([junk, .fmt(), evenList, .init("data", tone)]).bytes, same),
            BadRecording("odd-list-with-pad", "an odd-sized LIST chunk followed by its pad byte (valid)",
                         WAVEBuilder([.fmt(), oddInfo, .init("data", tone)]).bytes, same),
            BadRecording("odd-junk-with-pad", "an odd-sized JUNK chunk before fmt, with its pad byte (valid)",
                         WAVEBuilder([.init("JUNK", [1, 2, 3, 4, 5, 6, 7]), .fmt(), .init("data", tone)]).bytes, same),
            BadRecording("list-after-data", "a LIST chunk after the data chunk (valid)",
                         WAVEBuilder([.fmt(), .init("data", tone), oddInfo]).bytes, same),
            BadRecording("trailing-garbage", "bytes after the RIFF chunk that look like a 2 GB chunk (ignored)",
                         WAVEBuilder([.fmt(), .init("data", tone)], trailing: garbage).bytes, same),
            BadRecording("odd-list-without-pad", "an odd-sized LIST chunk without its pad byte: data is misaligned",
                         WAVEBuilder([.fmt(), noPad, .init("data", tone)]).bytes, .refused(.headerMismatch)),
            BadRecording("odd-junk-without-pad", "an odd-sized JUNK chunk before fmt without its pad byte",
                         WAVEBuilder([junkNoPad, .fmt(), .init("data", tone)]).bytes, .refused(.headerMismatch)),
            BadRecording("stereo-cut-mid-frame", "stereo PCM16 cut 3 bytes into its last frame",
                         Array(stereo.dropLast(3)), .refused(.truncated)),
            BadRecording("partial-last-frame", "stereo PCM16 whose (consistent) data ends half-way into a frame",
                         partial.bytes, .accepted(frames: Int64(frames - 1), samePCMAsPlain: false)),
        ]
    }
}

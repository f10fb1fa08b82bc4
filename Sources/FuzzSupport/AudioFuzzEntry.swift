import CallArchive
import CallAudio
import Crypto
import Foundation

/// The audio fuzz entry points. Each reads at most `maxFrames` frames per input, so a tiny file that claims
/// hours of audio (FLAC, ADPCM) costs a bounded time.
enum AudioFuzzEntry {
    static let maxFrames: Int64 = 1 << 20
    /// The data key of the `encrypted` target (fixed, so seeds sealed with it open).
    static let fixedDataKey = SymmetricKey(data: [UInt8](repeating: 0x42, count: 32))

    /// A per-process scratch file for libsndfile, which reads paths (in /dev/shm when there is one).
    static let scratchPath: String = {
        let folder = FileManager.default.fileExists(atPath: "/dev/shm") ? "/dev/shm" : NSTemporaryDirectory()
        return folder + "/nokchwi-fuzz-\(getpid()).wav"
    }()

    static func sndfile(_ bytes: [UInt8]) -> FuzzOutcome {
        guard write(bytes, to: scratchPath) else { return .refused(code: "scratch-write-failed") }
        defer { unlink(scratchPath) }
        do {
            let reader = try SndFileReader(path: scratchPath)
            while reader.framesRead < maxFrames, try !reader.readChunk(maxFrames: 4096).isEmpty {}
            return .accepted("\(reader.info.container) \(reader.info.encoding) \(reader.framesRead) frames")
        } catch {
            return .refused(code: error.code.rawValue)
        }
    }

    static func opus(_ bytes: [UInt8]) -> FuzzOutcome {
        readOpus(MemoryByteSource(bytes))
    }

    static func encrypted(_ bytes: [UInt8]) -> FuzzOutcome {
        do {
            let source = try EncryptedArchiveSource(ciphertext: MemoryByteSource(bytes), dataKey: fixedDataKey)
            return readOpus(source)
        } catch let error as ArchiveError {
            return .refused(code: "archive-" + error.code.rawValue)
        } catch {
            return .refused(code: "\(type(of: error))")
        }
    }

    static func readOpus(_ source: any ArchiveByteSource) -> FuzzOutcome {
        do {
            let reader = try OpusArchiveReader(source: source)
            while reader.framesRead < maxFrames, try !reader.read(maxFrames: 4096).isEmpty {}
            return .accepted("opus \(reader.channels) ch \(reader.framesRead) frames")
        } catch {
            return .refused(code: error.code.rawValue)
        }
    }

    static func write(_ bytes: [UInt8], to path: String) -> Bool {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var done = 0
        while done < bytes.count {
            let n = bytes.withUnsafeBytes { Foundation.write(fd, $0.baseAddress! + done, $0.count - done) }
            guard n > 0 else { return false }
            done += n
        }
        return true
    }
}

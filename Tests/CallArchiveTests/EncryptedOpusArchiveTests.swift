import CallArchive
import CallAudio
import CallModel
import Crypto
import Foundation
import Testing

/// The player's path: Opus pages → sealer → file; file → decrypting source → Ogg Opus reader.
@Suite struct EncryptedOpusArchiveTests {
    static let rate = 8000
    static let frames = 12_345

    static func tone() -> [Float] {
        (0..<frames).flatMap { i -> [Float] in
            let t = Double(i) / Double(rate)
            return [Float(0.4 * sin(2 * Double.pi * 300 * t)), Float(0.3 * sin(2 * Double.pi * 700 * t))]
        }
    }

    /// Encodes the tone as stereo Ogg Opus into `sink`.
    static func encode(into sink: @escaping (UnsafeRawBufferPointer) throws -> Void) throws -> OpusArchiveSummary {
        let writer = try OpusArchiveWriter(sampleRate: rate, channels: 2, serialNumber: 77, comments: [("NOKCHWI_CALL_ID", "test")],
                                           sink: sink)
        let samples = tone()
        try samples.withUnsafeBufferPointer { try writer.write(interleaved: $0, frames: frames) }
        return try writer.finish()
    }

    static func decodeAll(_ reader: OpusArchiveReader) throws -> Int {
        var frames = 0
        while true {
            let part = try reader.read(maxFrames: 4096)
            if part.isEmpty { return frames }
            frames += part.count / reader.channels
        }
    }

    @Test func anEncryptedOpusArchivePlaysFromMemory() throws {
        var plain: [UInt8] = []
        _ = try Self.encode { plain.append(contentsOf: $0) }
        let keys = InMemoryKeyProvider([.generate(at: Date())])
        var encrypted: [UInt8] = []
        let (sealer, dataKey) = try ArchiveSealer.start(keys: keys, segmentSize: 1024) { encrypted.append(contentsOf: $0) }
        let summary = try Self.encode { try sealer.write($0) }
        try sealer.finish()
        #expect(summary.frames == Int64(Self.frames))
        #expect(!encrypted.starts(with: Array("OggS".utf8)))

        let source = try EncryptedArchiveSource(ciphertext: MemoryByteSource(encrypted), wrappedKey: dataKey, keys: keys)
        #expect(source.size == Int64(plain.count))
        #expect(source.layout.segmentCount > 3)
        #expect(try source.readRange(offset: 0, count: plain.count) == plain)
        let reader = try OpusArchiveReader(source: source)
        #expect(reader.channels == 2)
        #expect(reader.totalFrames == Int64(Self.frames))
        #expect(reader.comment("NOKCHWI_CALL_ID") == "test")
        #expect(try Self.decodeAll(reader) == Self.frames)
        #expect(abs(reader.durationSeconds - Double(Self.frames) / Double(Self.rate)) < 1e-9)
    }

    @Test func aDamagedEncryptedArchiveDoesNotPlay() throws {
        let keys = InMemoryKeyProvider([.generate(at: Date())])
        var encrypted: [UInt8] = []
        let (sealer, dataKey) = try ArchiveSealer.start(keys: keys, segmentSize: 1024) { encrypted.append(contentsOf: $0) }
        _ = try Self.encode { try sealer.write($0) }
        try sealer.finish()
        let header = 32 + dataKey.kekID.utf8.count
        encrypted[header + 1040 + 500] ^= 0x01  // inside segment 1
        let source = try EncryptedArchiveSource(ciphertext: MemoryByteSource(encrypted), wrappedKey: dataKey, keys: keys)
        do {
            let reader = try OpusArchiveReader(source: source)
            _ = try Self.decodeAll(reader)
            Issue.record("a damaged archive decoded without an error")
        } catch let error as AudioError {
            #expect(error.underlying?.contains("segment 1 failed authentication") == true)
        }
    }

    @Test func anEncryptedArchiveIsWrittenDurablyAndPlaysFromItsFile() throws {
        let folder = try TemporaryFolder()
        let home = NokchwiHome(root: folder.url)
        let keys = KeyFileStore(home: home)
        try keys.initialize(clock: SystemWallClock())
        let store = ArchiveStore(root: home.archiveRoot)
        let file = try store.begin()
        let (sealer, dataKey) = try ArchiveSealer.start(keys: keys) { try file.write($0) }
        _ = try Self.encode { try sealer.write($0) }
        try sealer.finish()
        #expect(file.bytesWritten == sealer.ciphertextBytes)
        let relative = try store.commit(file, day: ArchiveDay(year: 2026, month: 11, day: 23))
        let path = try store.absolutePath(relative)

        let source = try EncryptedArchiveSource(path: path, wrappedKey: dataKey, keys: keys)
        #expect(source.path == path)
        let reader = try OpusArchiveReader(source: source, path: path)
        #expect(try Self.decodeAll(reader) == Self.frames)
        let verified = try EncryptedArchiveSource.verifyAll(ciphertext: FileByteSource(path: path), dataKey: keys.unwrap(dataKey))
        #expect(verified.plaintextBytes == source.size)
        #expect(archiveErrorCode { _ = try EncryptedArchiveSource(path: path + ".gone", wrappedKey: dataKey, keys: keys) } == .missing)
    }
}

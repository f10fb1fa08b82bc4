import CallArchive
import CallAudio
import Crypto
import Foundation
import Testing

@Suite struct ArchiveEnvelopeTests {
    static let segment = 64

    /// 0, 1, segment − 1, segment, segment + 1 and 5.5 segments, written in odd-sized pieces.
    @Test(arguments: [0, 1, segment - 1, segment, segment + 1, segment * 11 / 2])
    func roundTrip(size: Int) throws {
        let plaintext = testBytes(size, seed: UInt64(size) + 1)
        let key = DataKey.generate()
        let ciphertext = try sealInMemory(plaintext, key: key, segmentSize: Self.segment)
        let header = try ArchiveEnvelope.Header.read(from: MemoryByteSource(ciphertext))
        #expect(Int64(ciphertext.count) == ArchiveEnvelope.fileSize(plaintextSize: Int64(size), header: header))
        let source = try openInMemory(ciphertext, key: key)
        #expect(source.size == Int64(size))
        #expect(source.layout.segmentCount == Int64(max(1, (size + Self.segment - 1) / Self.segment)))
        #expect(try source.readRange(offset: 0, count: size + 10) == plaintext)
        let verified = try EncryptedArchiveSource.verifyAll(ciphertext: MemoryByteSource(ciphertext), dataKey: key)
        var hasher = ContentHasher()
        plaintext.withUnsafeBytes { hasher.update($0) }
        #expect(verified.plaintextSHA256 == hasher.finalize())
        #expect(verified.plaintextBytes == Int64(size))
    }

    @Test func roundTripWithTheDefaultSegmentSize() throws {
        let size = 2 * ArchiveEnvelope.defaultSegmentSize + 1000
        let plaintext = testBytes(size, seed: 9)
        let key = DataKey.generate()
        let ciphertext = try sealInMemory(plaintext, key: key, segmentSize: ArchiveEnvelope.defaultSegmentSize, chunk: 4099)
        let source = try openInMemory(ciphertext, key: key)
        #expect(source.header.segmentSize == 65_536)
        #expect(source.layout.segmentCount == 3)
        #expect(try source.readRange(offset: 0, count: size) == plaintext)
    }

    @Test func headerFieldsAreWhereTheFormatSays() throws {
        let fileID = [UInt8](1...16)
        let header = try ArchiveEnvelope.Header(segmentSize: 65_536, kekID: "k1", fileID: fileID)
        #expect(header.encoded == Array("NKCHWENC".utf8) + [1, 0] + [0, 0, 1, 0] + fileID + [2, 0] + Array("k1".utf8))
        let parsed = try ArchiveEnvelope.Header.read(from: MemoryByteSource(header.encoded))
        #expect(parsed == header)
    }

    @Test func ciphertextHidesThePlaintext() throws {
        let plaintext = Array(String(repeating: "NOKCHWI-PLAINTEXT ", count: 40).utf8)
        let ciphertext = try sealInMemory(plaintext, key: DataKey.generate(), segmentSize: Self.segment)
        let needle = Array("PLAINTEXT".utf8)
        let found = (0...(ciphertext.count - needle.count)).contains { ciphertext[$0..<($0 + needle.count)].elementsEqual(needle) }
        #expect(!found)
    }

    @Test func randomAccessReadsEqualThePlaintextSlice() throws {
        let size = Self.segment * 11 / 2
        let plaintext = testBytes(size, seed: 3)
        let key = DataKey.generate()
        let source = try openInMemory(try sealInMemory(plaintext, key: key, segmentSize: Self.segment), key: key)
        var rng = SystemRandomNumberGenerator()
        var cases: [(Int, Int)] = [(0, 1), (63, 2), (64, 64), (100, 200), (size - 1, 1), (size - 1, 50), (size, 5), (5, 0)]
        for _ in 0..<200 { cases.append((Int.random(in: 0...size, using: &rng), Int.random(in: 0...150, using: &rng))) }
        for (offset, count) in cases {
            let expected = Array(plaintext[offset..<min(size, offset + count)])
            #expect(try source.readRange(offset: Int64(offset), count: count) == expected, "offset \(offset) count \(count)")
        }
        // seek + small reads, as the Ogg reader does.
        try source.seek(to: 70)
        var buffer = [UInt8](repeating: 0, count: 13)
        let n = try buffer.withUnsafeMutableBytes { try source.read(into: $0) }
        #expect(n == 13 && buffer == Array(plaintext[70..<83]))
        #expect(archiveErrorCode { _ = try source.readRange(offset: Int64(size) + 1, count: 1) } == .outOfRange)
        #expect(archiveErrorCode { try source.seek(to: -1) } == .outOfRange)
    }

    /// 5.5 segments of 64: header, then segments at header + i·80.
    private func sample() throws -> (plaintext: [UInt8], ciphertext: [UInt8], key: SymmetricKey, header: Int) {
        let plaintext = testBytes(Self.segment * 11 / 2, seed: 5)
        let key = DataKey.generate()
        let ciphertext = try sealInMemory(plaintext, key: key, segmentSize: Self.segment, kekID: "kek-a")
        return (plaintext, ciphertext, key, 32 + 5)
    }

    private var stride: Int { Self.segment + 16 }

    @Test func aFlippedHeaderByteIsDetected() throws {
        let (_, ciphertext, key, header) = try sample()
        let expectations: [(Int, ArchiveError.Code)] = [(0, .notAnArchive), (8, .unsupportedVersion), (12, .tampered), (13, .notAnArchive),
                                                        (20, .tampered), (header - 1, .tampered)]
        for (offset, code) in expectations {
            var damaged = ciphertext
            damaged[offset] ^= 0x04
            #expect(archiveErrorCode { _ = try openInMemory(damaged, key: key) } == code, "byte \(offset)")
        }
    }

    @Test(arguments: [false, true])
    func aFlippedSegmentByteIsDetectedAndNamed(inTag: Bool) throws {
        let (plaintext, ciphertext, key, header) = try sample()
        var damaged = ciphertext
        damaged[header + 2 * stride + (inTag ? Self.segment + 3 : 10)] ^= 0x80
        let source = try openInMemory(damaged, key: key)
        #expect(try source.readRange(offset: 0, count: 64) == Array(plaintext[0..<64]))
        let error = archiveError { _ = try source.readRange(offset: 130, count: 4) }
        #expect(error?.code == .tampered)
        #expect(error?.message.contains("segment 2 failed authentication") == true)
        #expect(archiveErrorCode { _ = try EncryptedArchiveSource.verifyAll(ciphertext: MemoryByteSource(damaged), dataKey: key) } == .tampered)
    }

    @Test func swappedSegmentsAreDetected() throws {
        let (_, ciphertext, key, header) = try sample()
        var swapped = ciphertext
        let first = header + stride, second = header + 2 * stride
        swapped.replaceSubrange(first..<(first + stride), with: ciphertext[second..<(second + stride)])
        swapped.replaceSubrange(second..<(second + stride), with: ciphertext[first..<(first + stride)])
        let source = try openInMemory(swapped, key: key)
        #expect(archiveErrorCode { _ = try source.readRange(offset: 64, count: 1) } == .tampered)
        #expect(archiveErrorCode { _ = try source.readRange(offset: 128, count: 1) } == .tampered)
    }

    @Test func truncationAtASegmentBoundaryIsDetectedAtOpen() throws {
        let (_, ciphertext, key, header) = try sample()
        let cut = Array(ciphertext.prefix(header + 5 * stride))
        let error = archiveError { _ = try openInMemory(cut, key: key) }
        #expect(error?.code == .truncated)
        #expect(error?.message.contains("cut short") == true)
        #expect(archiveErrorCode { _ = try EncryptedArchiveSource.verifyAll(ciphertext: MemoryByteSource(cut), dataKey: key) } == .truncated)
    }

    @Test(arguments: [1, 20, 40, 60])
    func truncationInsideASegmentIsDetectedAtOpen(dropped: Int) throws {
        let (_, ciphertext, key, _) = try sample()
        let cut = Array(ciphertext.dropLast(dropped))
        let code = archiveErrorCode { _ = try openInMemory(cut, key: key) }
        #expect(code == .truncated || code == .tampered)
    }

    @Test func aFileCutInsideItsHeaderIsTruncated() throws {
        let (_, ciphertext, key, header) = try sample()
        #expect(archiveErrorCode { _ = try openInMemory(Array(ciphertext.prefix(header - 1)), key: key) } == .truncated)
        #expect(archiveErrorCode { _ = try openInMemory(Array(ciphertext.prefix(header + 10)), key: key) } == .truncated)
        #expect(archiveErrorCode { _ = try openInMemory([], key: key) } == .notAnArchive)
    }

    @Test func anAppendedSegmentIsDetected() throws {
        let (_, ciphertext, key, header) = try sample()
        // A full-size ciphertext of the same file and key (segment 1) appended after the final segment.
        let appended = ciphertext + ciphertext[(header + stride)..<(header + 2 * stride)]
        #expect(archiveErrorCode { _ = try openInMemory(appended, key: key) } == .tampered)
        // An exact-multiple file (final segment full) with one more sealed-looking segment.
        let full = testBytes(2 * Self.segment, seed: 8)
        let sealed = try sealInMemory(full, key: key, segmentSize: Self.segment, kekID: "kek-a")
        let longer = sealed + sealed[header..<(header + stride)]
        #expect(archiveErrorCode { _ = try openInMemory(longer, key: key) } == .tampered)
    }

    @Test func anotherDataKeyDoesNotOpenTheArchive() throws {
        let (_, ciphertext, _, _) = try sample()
        let error = archiveError { _ = try openInMemory(ciphertext, key: DataKey.generate()) }
        #expect(error?.code == .tampered)
        #expect(error?.message.contains("data key belongs to another archive") == true)
    }

    @Test func aFinishedOrFailedSealerRefusesMoreWork() throws {
        let sealer = try ArchiveSealer(dataKey: DataKey.generate(), header: ArchiveEnvelope.Header(segmentSize: 16, kekID: "k")) { _ in }
        try sealer.finish()
        #expect(archiveErrorCode { try [UInt8](repeating: 1, count: 3).withUnsafeBytes { try sealer.write($0) } } == .invalidState)
        struct DiskFull: Error {}
        var calls = 0
        let failing = try ArchiveSealer(dataKey: DataKey.generate(), header: ArchiveEnvelope.Header(segmentSize: 16, kekID: "k")) { _ in
            calls += 1
            if calls > 1 { throw DiskFull() }
        }
        #expect(throws: DiskFull.self) { try [UInt8](repeating: 1, count: 40).withUnsafeBytes { try failing.write($0) } }
        #expect(archiveErrorCode { try failing.finish() } == .invalidState)
    }
}

import CallAudio
import Crypto
import Foundation

/// The encrypted archive file format ("envelope"), version 1.
///
/// Every archive file is encrypted with its own random 256-bit data key. The data key is not in the file: it is
/// stored, wrapped (RFC 3394 AES key wrap) by a key-encryption key (KEK), in the catalog row of the archive, so
/// that deleting the row makes every copy of the file unreadable (crypto-shredding).
///
/// ```
/// file    = header segment{1,}
/// header  = magic version segmentSize fileID kekIDLength kekID
///   magic        8 bytes   ASCII "NKCHWENC"
///   version      u16 LE    1
///   segmentSize  u32 LE    plaintext bytes per segment S, 16 ... 16_777_216 (default 65_536)
///   fileID       16 bytes  random, unique per file
///   kekIDLength  u16 LE    0 ... 255
///   kekID        UTF-8     id of the KEK that wrapped the data key when the file was written (information
///                          only: after `keys rotate --rewrap` the catalog's key id is authoritative)
/// segment = ciphertext tag
///   ciphertext   AES-256-GCM encryption of up to S plaintext bytes (same length as its plaintext)
///   tag          16 bytes, the GCM tag
/// ```
///
/// Header length H = 32 + kekIDLength. Segment i (from 0) starts at H + i·(S + 16). Every segment except the
/// last holds exactly S plaintext bytes; the last holds 0 ... S bytes, and holds 0 only when the whole plaintext
/// is empty (an empty plaintext is one empty final segment, so a file is never just a header).
///
/// For segment i, with `final` = 1 for the last segment and 0 for every other:
/// - nonce (12 bytes) = i as u64 big-endian, then 4 zero bytes. Reusing nonces across files is impossible
///   because each data key encrypts exactly one file.
/// - additional authenticated data (41 bytes) = SHA-256(header bytes, all H of them) ‖ i as u64 big-endian ‖
///   `final` (1 byte).
///
/// This is the STREAM construction (Hoang, Reyhanitabar, Rogaway, Vizár 2015): a flipped bit anywhere fails
/// the tag of its segment (the header is bound into every segment); swapped segments fail because the index is
/// authenticated; a file cut at a segment boundary fails because its new last segment was sealed with final = 0;
/// an appended segment fails because the old last segment was sealed with final = 1.
///
/// The plaintext size is not stored: with B = file size − H, the segment count is n = ⌈B / (S + 16)⌉ and the
/// last segment's ciphertext is L = B − (n − 1)·(S + 16) bytes; B < 16 or L < 16 means the file is truncated.
/// Plaintext size = (n − 1)·S + L − 16. A byte range is decrypted by reading only the segments it overlaps.
public enum ArchiveEnvelope {
    public static let magic: [UInt8] = Array("NKCHWENC".utf8)
    public static let formatVersion: UInt16 = 1
    public static let defaultSegmentSize = 65_536
    public static let segmentSizeRange = 16...(1 << 24)
    public static let tagSize = 16
    public static let fileIDSize = 16
    public static let maxKEKIDBytes = 255
    /// Header bytes before the KEK id.
    static let fixedHeaderSize = 32

    /// The parsed (or freshly made) header of an encrypted archive.
    public struct Header: Sendable, Equatable {
        public let version: UInt16
        public let segmentSize: Int
        public let fileID: [UInt8]
        public let kekID: String
        /// The header exactly as stored at the start of the file.
        public let encoded: [UInt8]
        /// SHA-256 of `encoded`, bound into every segment.
        let digest: [UInt8]

        /// A new version-1 header for a file whose data key was wrapped by `kekID`.
        public init(segmentSize: Int = ArchiveEnvelope.defaultSegmentSize, kekID: String, fileID: [UInt8]? = nil) throws {
            guard ArchiveEnvelope.segmentSizeRange.contains(segmentSize) else {
                throw ArchiveError(.invalidState, "segment size \(segmentSize) is outside \(ArchiveEnvelope.segmentSizeRange)")
            }
            let id = Array(kekID.utf8)
            guard id.count <= ArchiveEnvelope.maxKEKIDBytes else {
                throw ArchiveError(.invalidState, "key id is longer than \(ArchiveEnvelope.maxKEKIDBytes) bytes")
            }
            let fileID = fileID ?? (0..<ArchiveEnvelope.fileIDSize).map { _ in UInt8.random(in: 0...255) }
            guard fileID.count == ArchiveEnvelope.fileIDSize else {
                throw ArchiveError(.invalidState, "a file id has \(ArchiveEnvelope.fileIDSize) bytes, not \(fileID.count)")
            }
            var bytes = ArchiveEnvelope.magic
            bytes += [UInt8(ArchiveEnvelope.formatVersion & 0xff), UInt8(ArchiveEnvelope.formatVersion >> 8)]
            bytes += (0..<4).map { UInt8(truncatingIfNeeded: UInt32(segmentSize) >> (8 * $0)) }
            bytes += fileID
            bytes += [UInt8(id.count & 0xff), UInt8(id.count >> 8)]
            bytes += id
            self.init(version: ArchiveEnvelope.formatVersion, segmentSize: segmentSize, fileID: fileID, kekID: kekID, encoded: bytes)
        }

        private init(version: UInt16, segmentSize: Int, fileID: [UInt8], kekID: String, encoded: [UInt8]) {
            self.version = version
            self.segmentSize = segmentSize
            self.fileID = fileID
            self.kekID = kekID
            self.encoded = encoded
            digest = Array(SHA256.hash(data: encoded))
        }

        /// Reads and checks the header at the start of `source`.
        public static func read(from source: any ArchiveByteSource, path: String? = nil) throws -> Header {
            let fixed = try ArchiveEnvelope.readFully(source, at: 0, count: min(Int(source.size), fixedHeaderSize), path: path)
            guard fixed.count >= magic.count, fixed.prefix(magic.count).elementsEqual(magic) else {
                throw ArchiveError(.notAnArchive, "not an encrypted nokchwi archive (no NKCHWENC header); "
                    + "check that the path points at an archive file", path: path)
            }
            guard fixed.count == fixedHeaderSize else {
                throw ArchiveError(.truncated, "the archive ends inside its header: the file was cut short; restore it from backup", path: path)
            }
            let version = UInt16(fixed[8]) | UInt16(fixed[9]) << 8
            guard version == formatVersion else {
                throw ArchiveError(.unsupportedVersion, "archive format version \(version) is not supported (this build "
                    + "reads version \(formatVersion)); upgrade nokchwi", path: path)
            }
            let segmentSize = (10..<14).reduce(0) { $0 | Int(fixed[$1]) << (8 * ($1 - 10)) }
            guard segmentSizeRange.contains(segmentSize) else {
                throw ArchiveError(.notAnArchive, "the archive header names an impossible segment size (\(segmentSize)); "
                    + "the header is damaged: restore the file from backup", path: path)
            }
            let idLength = Int(fixed[30]) | Int(fixed[31]) << 8
            guard idLength <= maxKEKIDBytes else {
                throw ArchiveError(.notAnArchive, "the archive header names an impossible key id length (\(idLength)); "
                    + "the header is damaged: restore the file from backup", path: path)
            }
            let id = try ArchiveEnvelope.readFully(source, at: Int64(fixedHeaderSize), count: idLength, path: path)
            guard id.count == idLength else {
                throw ArchiveError(.truncated, "the archive ends inside its header: the file was cut short; restore it from backup", path: path)
            }
            guard let kekID = String(bytes: id, encoding: .utf8) else {
                throw ArchiveError(.notAnArchive, "the archive header's key id is not UTF-8; the header is damaged: "
                    + "restore the file from backup", path: path)
            }
            return Header(version: version, segmentSize: segmentSize, fileID: Array(fixed[14..<30]), kekID: kekID,
                          encoded: fixed + id)
        }
    }

    /// Where the segments of a file of a given size lie.
    public struct Layout: Sendable, Equatable {
        public let headerSize: Int64
        public let segmentSize: Int64
        public let segmentCount: Int64
        public let plaintextSize: Int64
        var stride: Int64 { segmentSize + Int64(tagSize) }

        /// The layout of a `fileSize`-byte file with this header; throws `.truncated` for an impossible size.
        public init(header: Header, fileSize: Int64, path: String? = nil) throws {
            headerSize = Int64(header.encoded.count)
            segmentSize = Int64(header.segmentSize)
            let body = fileSize - headerSize
            let stride = segmentSize + Int64(tagSize)
            let count = body <= 0 ? 0 : (body + stride - 1) / stride
            let last = body - (count - 1) * stride
            guard count > 0, last >= Int64(tagSize) else {
                throw ArchiveError(.truncated, "the archive ends inside an authentication tag (\(fileSize) bytes): the file "
                    + "was cut short; restore it from backup", path: path)
            }
            segmentCount = count
            plaintextSize = (count - 1) * segmentSize + last - Int64(tagSize)
        }

        /// File offset and ciphertext length (tag included) of segment `index`.
        func ciphertextRange(of index: Int64) -> (offset: Int64, count: Int) {
            let plain = index == segmentCount - 1 ? plaintextSize - index * segmentSize : segmentSize
            return (headerSize + index * stride, Int(plain) + tagSize)
        }
    }

    /// File size of an archive holding `plaintextSize` bytes.
    public static func fileSize(plaintextSize: Int64, header: Header) -> Int64 {
        let s = Int64(header.segmentSize)
        let segments = max(1, (plaintextSize + s - 1) / s)
        return Int64(header.encoded.count) + plaintextSize + segments * Int64(tagSize)
    }

    static func nonce(_ index: Int64) -> AES.GCM.Nonce {
        let bytes = (0..<8).map { UInt8(truncatingIfNeeded: UInt64(index) >> (56 - 8 * $0)) } + [0, 0, 0, 0]
        return try! AES.GCM.Nonce(data: bytes)  // 12 bytes: always valid
    }

    static func additionalData(_ header: Header, index: Int64, final: Bool) -> [UInt8] {
        header.digest + (0..<8).map { UInt8(truncatingIfNeeded: UInt64(index) >> (56 - 8 * $0)) } + [final ? 1 : 0]
    }

    /// Ciphertext ‖ tag of one segment.
    static func seal(_ plaintext: [UInt8], index: Int64, final: Bool, key: SymmetricKey, header: Header) throws -> [UInt8] {
        let box = try AES.GCM.seal(plaintext, using: key, nonce: nonce(index),
                                   authenticating: additionalData(header, index: index, final: final))
        return Array(box.ciphertext) + Array(box.tag)
    }

    /// The plaintext of one segment, or nil when it does not authenticate as segment `index` with this `final` flag.
    static func open(_ segment: ArraySlice<UInt8>, index: Int64, final: Bool, key: SymmetricKey, header: Header) -> [UInt8]? {
        guard segment.count >= tagSize,
              let box = try? AES.GCM.SealedBox(nonce: nonce(index), ciphertext: segment.dropLast(tagSize),
                                               tag: segment.suffix(tagSize)),
              let plain = try? AES.GCM.open(box, using: key, authenticating: additionalData(header, index: index, final: final))
        else { return nil }
        return Array(plain)
    }

    /// Reads `count` bytes at `offset`, fewer only at the end of the source; source errors become `.io`.
    static func readFully(_ source: any ArchiveByteSource, at offset: Int64, count: Int, path: String?) throws -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: count)
        var filled = 0
        do {
            try source.seek(to: offset)
            try bytes.withUnsafeMutableBytes { raw in
                while filled < count {
                    let n = try source.read(into: UnsafeMutableRawBufferPointer(rebasing: raw[filled...]))
                    if n <= 0 { break }
                    filled += n
                }
            }
        } catch {
            throw ArchiveError(.io, "reading the encrypted archive failed: \(error)", path: path)
        }
        bytes.removeLast(count - filled)
        return bytes
    }

    static func checkDataKey(_ key: SymmetricKey) throws {
        guard key.bitCount == 256 else {
            throw ArchiveError(.wrongKey, "an archive data key has 256 bits, not \(key.bitCount)")
        }
    }
}

import CallAudio
import Crypto
import Foundation

/// The plaintext of an encrypted archive (`ArchiveEnvelope`) as random-access bytes: what `OpusArchiveReader`
/// and the player's HTTP Range reads see. Reads decrypt only the segments they touch and keep the last one
/// decrypted. Opening checks the header and the file size and authenticates the last segment, so a truncated
/// or extended file is reported at once; any other damage is reported by the read that meets it.
///
/// Errors are `ArchiveError`: `.tampered` names the segment that failed, `.truncated`, `.notAnArchive`,
/// `.unsupportedVersion`, `.outOfRange`, `.io`. No plaintext is ever returned from a segment that failed.
/// Like `FileByteSource`, it has a read position and is not thread-safe: open one per reader or HTTP request
/// (opening costs the header and one segment).
public final class EncryptedArchiveSource: ArchiveByteSource {
    public let header: ArchiveEnvelope.Header
    public let layout: ArchiveEnvelope.Layout
    public let path: String?
    /// Plaintext size.
    public var size: Int64 { layout.plaintextSize }

    private let ciphertext: any ArchiveByteSource
    private let dataKey: SymmetricKey
    private var position: Int64 = 0
    private var cachedIndex: Int64 = -1
    private var cached: [UInt8] = []

    /// Opens the ciphertext in `ciphertext` with the archive's (unwrapped) data key.
    public init(ciphertext: any ArchiveByteSource, dataKey: SymmetricKey, path: String? = nil) throws {
        try ArchiveEnvelope.checkDataKey(dataKey)
        let path = path ?? (ciphertext as? FileByteSource)?.path
        header = try ArchiveEnvelope.Header.read(from: ciphertext, path: path)
        layout = try ArchiveEnvelope.Layout(header: header, fileSize: ciphertext.size, path: path)
        self.ciphertext = ciphertext
        self.dataKey = dataKey
        self.path = path
        let last = layout.segmentCount - 1
        cached = try Self.authenticate(last, ciphertext, header, layout, dataKey, path)
        cachedIndex = last
    }

    /// Opens the ciphertext with a wrapped data key, unwrapped by the key it names.
    public convenience init(ciphertext: any ArchiveByteSource, wrappedKey: WrappedDataKey, keys: any KeyProvider,
                            path: String? = nil) throws {
        try self.init(ciphertext: ciphertext, dataKey: keys.unwrap(wrappedKey), path: path)
    }

    /// Opens an archive file with a wrapped data key (the key is checked before the file is opened).
    public convenience init(path: String, wrappedKey: WrappedDataKey, keys: any KeyProvider) throws {
        let dataKey = try keys.unwrap(wrappedKey)
        try self.init(ciphertext: Self.openFile(path), dataKey: dataKey, path: path)
    }

    public func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        var copied = 0
        while copied < buffer.count, position < size {
            let index = position / layout.segmentSize
            let plain = try segment(index)
            let within = Int(position - index * layout.segmentSize)
            let n = min(plain.count - within, buffer.count - copied)
            guard n > 0 else { break }
            plain.withUnsafeBytes { src in
                UnsafeMutableRawBufferPointer(rebasing: buffer[copied..<(copied + n)])
                    .copyMemory(from: UnsafeRawBufferPointer(rebasing: src[within..<(within + n)]))
            }
            copied += n
            position += Int64(n)
        }
        return copied
    }

    public func seek(to offset: Int64) throws {
        guard offset >= 0, offset <= size else {
            throw ArchiveError(.outOfRange, "cannot seek to byte \(offset) of a \(size)-byte archive", path: path)
        }
        position = offset
    }

    /// Plaintext bytes `offset ..< min(offset + count, size)` (an HTTP Range read); `.outOfRange` when
    /// `offset` is past the end or `count` is negative.
    public func readRange(offset: Int64, count: Int) throws -> [UInt8] {
        guard count >= 0, offset >= 0, offset <= size else {
            throw ArchiveError(.outOfRange, "bytes \(offset)+\(count) are outside the \(size)-byte archive", path: path)
        }
        try seek(to: offset)
        var bytes = [UInt8](repeating: 0, count: Int(min(Int64(count), size - offset)))
        let n = try bytes.withUnsafeMutableBytes { try read(into: $0) }
        bytes.removeLast(bytes.count - n)
        return bytes
    }

    /// What `verifyAll` checked.
    public struct Verification: Sendable, Equatable {
        public let segments: Int64
        public let plaintextBytes: Int64
        /// SHA-256 of the plaintext, lowercase hex.
        public let plaintextSHA256: String
    }

    /// Authenticates every segment in order, one segment in memory at a time (`nokchwi scrub`).
    public static func verifyAll(ciphertext: any ArchiveByteSource, dataKey: SymmetricKey,
                                 path: String? = nil) throws -> Verification {
        try ArchiveEnvelope.checkDataKey(dataKey)
        let path = path ?? (ciphertext as? FileByteSource)?.path
        let header = try ArchiveEnvelope.Header.read(from: ciphertext, path: path)
        let layout = try ArchiveEnvelope.Layout(header: header, fileSize: ciphertext.size, path: path)
        var hasher = ContentHasher()
        for index in 0..<layout.segmentCount {
            let plain = try authenticate(index, ciphertext, header, layout, dataKey, path)
            plain.withUnsafeBytes { hasher.update($0) }
        }
        return Verification(segments: layout.segmentCount, plaintextBytes: layout.plaintextSize,
                            plaintextSHA256: hasher.finalize())
    }

    private func segment(_ index: Int64) throws -> [UInt8] {
        if index != cachedIndex {
            cached = []
            cachedIndex = -1
            cached = try Self.authenticate(index, ciphertext, header, layout, dataKey, path)
            cachedIndex = index
        }
        return cached
    }

    /// The plaintext of segment `index`, or the error that says why it is not authentic.
    private static func authenticate(_ index: Int64, _ source: any ArchiveByteSource, _ header: ArchiveEnvelope.Header,
                                     _ layout: ArchiveEnvelope.Layout, _ key: SymmetricKey, _ path: String?) throws -> [UInt8] {
        let range = layout.ciphertextRange(of: index)
        let bytes = try ArchiveEnvelope.readFully(source, at: range.offset, count: range.count, path: path)
        guard bytes.count == range.count else {
            throw ArchiveError(.truncated, "the archive became shorter while it was read (segment \(index)); "
                + "check what else writes to it", path: path)
        }
        let last = layout.segmentCount - 1
        if let plain = ArchiveEnvelope.open(bytes[...], index: index, final: index == last, key: key, header: header) {
            return plain
        }
        if index == last {
            if ArchiveEnvelope.open(bytes[...], index: index, final: false, key: key, header: header) != nil {
                throw ArchiveError(.truncated, "the archive ends after segment \(index), which is not its final segment: "
                    + "the file was cut short; restore it from backup", path: path)
            }
            if last > 0, (try? authenticate(0, source, header, layout, key, path)) == nil {
                throw ArchiveError(.tampered, "neither the first nor the last archive segment (\(last)) authenticates: "
                    + "the header was altered, the file was replaced, or the data key belongs to another archive; "
                    + "restore the file from backup", path: path)
            }
        }
        throw ArchiveError(.tampered, "archive segment \(index) failed authentication: the file was altered or corrupted; "
            + "restore it from backup", path: path)
    }

    private static func openFile(_ path: String) throws -> FileByteSource {
        guard FileManager.default.fileExists(atPath: path) else {
            throw ArchiveError(.missing, "the archive file is missing; restore it from backup", path: path)
        }
        do {
            return try FileByteSource(path: path)
        } catch {
            throw ArchiveError(.io, "cannot open the archive: \(error.message)", path: path)
        }
    }
}

import CallAudio
import Crypto
import Foundation

/// SHA-256 of byte streams and files, as lowercase hex: the content addresses of sources and archives.
public struct ContentHasher: Sendable {
    private var hasher = SHA256()

    public init() {}

    public mutating func update(_ bytes: UnsafeRawBufferPointer) {
        hasher.update(bufferPointer: bytes)
    }

    public mutating func update(_ data: Data) {
        hasher.update(data: data)
    }

    public func finalize() -> String {
        hasher.finalize().map { String(format: "%02x", $0) }.joined()
    }

    /// Hashes a file in 1 MiB reads (memory does not grow with file size). Returns the hash and the byte count.
    public static func hashFile(atPath path: String) throws -> (sha256: String, bytes: Int64) {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw ArchiveError(.io, "cannot open to hash", path: path, errno: errno) }
        defer { close(fd) }
        var hasher = ContentHasher()
        var total: Int64 = 0
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 20, alignment: 16)
        defer { buffer.deallocate() }
        while true {
            let n = read(fd, buffer.baseAddress, buffer.count)
            if n < 0 {
                if errno == EINTR { continue }
                throw ArchiveError(.io, "read failed while hashing", path: path, errno: errno)
            }
            if n == 0 { break }
            hasher.update(UnsafeRawBufferPointer(rebasing: buffer[0..<n]))
            total += Int64(n)
        }
        return (hasher.finalize(), total)
    }

    /// Hashes an opened source from its descriptor (positioned reads from byte 0, to the end as it is now), the same
    /// descriptor the decoder then reads: what is hashed is what is archived.
    public static func hash(_ source: SourceFile) throws -> (sha256: String, bytes: Int64) {
        var hasher = ContentHasher()
        var total: Int64 = 0
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 20, alignment: 16)
        defer { buffer.deallocate() }
        while true {
            let n = try source.read(into: buffer, at: total)
            if n == 0 { break }
            hasher.update(UnsafeRawBufferPointer(rebasing: buffer[0..<n]))
            total += Int64(n)
        }
        return (hasher.finalize(), total)
    }

    /// SHA-256 of a list of hashes (a split call's identity from its legs' hashes, in leg order).
    public static func combine(_ hashes: [String]) -> String {
        var hasher = ContentHasher()
        hasher.update(Data(hashes.joined(separator: "\n").utf8))
        return hasher.finalize()
    }
}

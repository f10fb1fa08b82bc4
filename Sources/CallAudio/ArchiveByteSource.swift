/// Random-access bytes an archive (or a recording's header) is read from: a plain file today,
/// a decrypting source later. Reads return 0 only at the end.
public protocol ArchiveByteSource: AnyObject {
    /// Reads up to `buffer.count` bytes at the current position; returns the count read, 0 at the end.
    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int
    /// Total size in bytes.
    var size: Int64 { get }
    /// Moves the read position to `offset` (0...size).
    func seek(to offset: Int64) throws
}

extension ArchiveByteSource {
    /// Reads `count` bytes at `offset`, fewer only when the source ends first.
    public func readBytes(at offset: Int64, count: Int) throws -> [UInt8] {
        try seek(to: offset)
        var bytes = [UInt8](repeating: 0, count: count)
        var filled = 0
        try bytes.withUnsafeMutableBytes { raw in
            while filled < count {
                let n = try read(into: UnsafeMutableRawBufferPointer(rebasing: raw[filled...]))
                if n <= 0 { break }
                filled += n
            }
        }
        bytes.removeLast(count - filled)
        return bytes
    }
}

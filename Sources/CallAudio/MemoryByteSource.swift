/// An `ArchiveByteSource` over bytes in memory (tests, small archives verified before they are stored).
public final class MemoryByteSource: ArchiveByteSource {
    public let bytes: [UInt8]
    private var position = 0

    public init(_ bytes: [UInt8]) { self.bytes = bytes }

    public var size: Int64 { Int64(bytes.count) }

    public func read(into buffer: UnsafeMutableRawBufferPointer) throws(AudioError) -> Int {
        let n = min(buffer.count, bytes.count - position)
        guard n > 0 else { return 0 }
        bytes.withUnsafeBytes { src in
            buffer.copyMemory(from: UnsafeRawBufferPointer(rebasing: src[position..<(position + n)]))
        }
        position += n
        return n
    }

    public func seek(to offset: Int64) throws(AudioError) {
        guard offset >= 0, offset <= size else {
            throw AudioError(.invalidArgument, "cannot seek to byte \(offset) of \(size) bytes in memory")
        }
        position = Int(offset)
    }
}

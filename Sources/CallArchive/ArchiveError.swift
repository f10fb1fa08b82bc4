/// A failure of the archive store: what failed, on which file, and what to do.
public struct ArchiveError: Error, CustomStringConvertible, Sendable {
    public enum Code: String, Sendable {
        case io
        case fsyncFailed = "fsync-failed"
        case conflict
        case missing
        case hashMismatch = "hash-mismatch"
        case invalidPath = "invalid-path"
    }

    public var code: Code
    public var message: String
    public var path: String?
    public var errno: Int32?

    public init(_ code: Code, _ message: String, path: String? = nil, errno: Int32? = nil) {
        self.code = code
        self.message = message
        self.path = path
        self.errno = errno
    }

    public var description: String {
        var text = path.map { "\($0): \(message)" } ?? message
        if let errno { text += " (\(String(cString: strerror(errno))))" }
        return text
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A failure of the archive store: what failed, on which file, and what to do.
public struct ArchiveError: Error, CustomStringConvertible, Sendable {
    public enum Code: String, Sendable {
        case io
        case fsyncFailed = "fsync-failed"
        case conflict
        case missing
        case hashMismatch = "hash-mismatch"
        case invalidPath = "invalid-path"
        /// A key-encryption key named by an archive (or the `active` file) is not in the key store.
        case keyMissing = "key-missing"
        /// The key store holds no key at all (never initialised).
        case noKeys = "no-keys"
        /// A data key does not unwrap with the key-encryption key given for it.
        case wrongKey = "wrong-key"
        /// An archive segment failed authentication: the file was altered, corrupted or replaced.
        case tampered
        /// An encrypted archive was cut short.
        case truncated
        /// The bytes are not an encrypted archive (no `NKCHWENC` header, or an impossible header).
        case notAnArchive = "not-an-archive"
        /// The encrypted archive uses a format version this build does not read.
        case unsupportedVersion = "unsupported-version"
        /// A key file or the key directory is accessible to group or others.
        case insecureKeyFile = "insecure-key-file"
        /// A key file exists but does not hold a valid key.
        case badKeyFile = "bad-key-file"
        /// A read or seek outside the archive's plaintext (an HTTP Range past the end).
        case outOfRange = "out-of-range"
        /// A writer was used after it finished or failed.
        case invalidState = "invalid-state"
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

import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A source recording opened once, by a walk from its drop folder that follows no symbolic link (every folder on
/// the way and the file itself are opened with `O_NOFOLLOW`), and checked with `fstat`: a regular file on the drop
/// folder's device. Hashing, validation and decoding all read this one descriptor, so a file swapped (for a link, a
/// FIFO, another file) after the scan is never what gets archived. Owns the descriptor, closed in `deinit`.
public final class SourceFile: @unchecked Sendable {
    /// The absolute path, for messages only: nothing reopens it.
    public let path: String
    public let size: Int64
    public let descriptor: Int32
    /// The file's modification time, from the same `fstat` (when the recorder last wrote it).
    public let modificationTime: Date

    public init(folder: String, relativePath: String) throws(AudioError) {
        let path = folder + "/" + relativePath
        self.path = path
        let components = relativePath.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        guard let last = components.last, !components.contains(".."), !components.contains(".") else {
            throw AudioError(.cannotOpen, "the path is not a plain path inside the drop folder", path: path)
        }
        var dir = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard dir >= 0 else { throw Self.error(errno, "cannot open the drop folder", path) }
        var rootStat = stat()
        guard fstat(dir, &rootStat) == 0 else {
            let code = errno
            close(dir)
            throw Self.error(code, "cannot inspect the drop folder", path)
        }
        for component in components.dropLast() {
            let next = openat(dir, component, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
            let code = errno
            close(dir)
            guard next >= 0 else { throw Self.error(code, "a folder on the way to the file cannot be opened", path) }
            dir = next
        }
        // O_NONBLOCK: a FIFO put in the file's place must not hang the ingest at open.
        let fd = openat(dir, last, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)
        let openErrno = errno
        close(dir)
        guard fd >= 0 else { throw Self.error(openErrno, "cannot open the file", path) }
        var st = stat()
        guard fstat(fd, &st) == 0 else {
            let code = errno
            close(fd)
            throw Self.error(code, "cannot inspect the file", path)
        }
        guard (st.st_mode & S_IFMT) == S_IFREG else {
            close(fd)
            throw AudioError(.cannotOpen, "not a regular file (it changed after the drop folder was scanned?); nothing was read", path: path)
        }
        guard st.st_dev == rootStat.st_dev else {
            close(fd)
            throw AudioError(.cannotOpen, "the file is on another device than the drop folder; copy recordings into the drop folder", path: path)
        }
        // Back to blocking reads for the decoder.
        _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK)
        descriptor = fd
        size = Int64(st.st_size)
        modificationTime = Date(timeIntervalSince1970: Double(st.st_mtim.tv_sec) + Double(st.st_mtim.tv_nsec) / 1e9)
    }

    deinit { close(descriptor) }

    /// Reads up to `buffer.count` bytes at `offset` (no shared file position is moved).
    public func read(into buffer: UnsafeMutableRawBufferPointer, at offset: Int64) throws(AudioError) -> Int {
        guard let base = buffer.baseAddress, buffer.count > 0 else { return 0 }
        while true {
            let n = pread(descriptor, base, buffer.count, off_t(offset))
            if n >= 0 { return n }
            if errno == EINTR { continue }
            throw Self.error(errno, "reading the file failed", path)
        }
    }

    static func error(_ code: Int32, _ what: String, _ path: String) -> AudioError {
        let hint = code == ELOOP ? " (it is a symbolic link, which the ingest never follows)" : ""
        return AudioError(.cannotOpen, "\(what): \(String(cString: strerror(code)))\(hint)", path: path)
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

#if canImport(Glibc)
private let systemRead = Glibc.read
#else
private let systemRead = Darwin.read
#endif

/// An `ArchiveByteSource` over a file. Owns one file descriptor, closed in `deinit`.
public final class FileByteSource: ArchiveByteSource {
    public let path: String
    public let size: Int64
    private let fd: Int32

    public init(path: String) throws(AudioError) {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else {
            let reason = String(cString: strerror(errno))
            throw AudioError(.cannotOpen, "cannot open the file for reading: \(reason); check the path and permissions",
                             path: path)
        }
        var st = stat()
        guard fstat(fd, &st) == 0 else {
            let reason = String(cString: strerror(errno))
            close(fd)
            throw AudioError(.cannotOpen, "cannot read the file's size: \(reason)", path: path)
        }
        guard (st.st_mode & S_IFMT) == S_IFREG else {
            close(fd)
            throw AudioError(.cannotOpen, "not a regular file; point at an audio file, not a folder or device", path: path)
        }
        self.fd = fd
        self.path = path
        self.size = Int64(st.st_size)
    }

    /// Reads a `SourceFile`'s descriptor (a duplicate, so that this source may close its own), from byte 0.
    public init(source: SourceFile) throws(AudioError) {
        let fd = dup(source.descriptor)
        guard fd >= 0, lseek(fd, 0, SEEK_SET) >= 0 else {
            let reason = String(cString: strerror(errno))
            if fd >= 0 { close(fd) }
            throw AudioError(.cannotOpen, "cannot read the opened file: \(reason)", path: source.path)
        }
        self.fd = fd
        self.path = source.path
        self.size = source.size
    }

    deinit { close(fd) }

    public func read(into buffer: UnsafeMutableRawBufferPointer) throws(AudioError) -> Int {
        guard let base = buffer.baseAddress, buffer.count > 0 else { return 0 }
        while true {
            let n = systemRead(fd, base, buffer.count)
            if n >= 0 { return n }
            if errno == EINTR { continue }
            let reason = String(cString: strerror(errno))
            throw AudioError(.readFailed, "reading the file failed: \(reason)", path: path)
        }
    }

    public func seek(to offset: Int64) throws(AudioError) {
        guard offset >= 0, offset <= size else {
            throw AudioError(.invalidArgument, "cannot seek to byte \(offset) of a \(size)-byte file", path: path)
        }
        guard lseek(fd, off_t(offset), SEEK_SET) >= 0 else {
            let reason = String(cString: strerror(errno))
            throw AudioError(.readFailed, "seeking in the file failed: \(reason)", path: path)
        }
    }
}

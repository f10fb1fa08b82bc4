import CallFaults
import CallModel
import Foundation

/// Writes a new file durably: bytes go to a temporary file in the destination's file system, which is
/// fsynced, then linked to its final name (never replacing an existing file) and the directory fsynced.
/// A crash at any point leaves either no final file or a complete one; a stray temporary file at worst.
public final class DurableFileWriter {
    public let temporaryPath: String
    private var fd: Int32
    private var hasher = ContentHasher()
    public private(set) var bytesWritten: Int64 = 0
    private var finished = false
    /// True once `commit` created the final file (false when an identical file was already there).
    public private(set) var createdFinalFile = false
    /// Reliability tests only (`NOKCHWI_FAULT`): `enospc-archive`, `fsync-archive`, `after-temp-write`.
    private let faults: FaultInjection

    /// Opens a fresh temporary file in `temporaryDirectory` (created if needed).
    public init(temporaryDirectory: String, faults: FaultInjection = .none) throws {
        self.faults = faults
        try DurableFileWriter.makeDirectories(temporaryDirectory)
        let name = "\(getpid())-\(UUID().uuidString).partial"
        temporaryPath = temporaryDirectory + "/" + name
        fd = open(temporaryPath, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o640)
        guard fd >= 0 else { throw ArchiveError(.io, "cannot create a temporary archive file; check free space and permissions", path: temporaryPath, errno: errno) }
    }

    deinit {
        if fd >= 0 { close(fd) }
        if !finished { unlink(temporaryPath) }
    }

    /// Appends bytes (and hashes them on the way).
    public func write(_ bytes: UnsafeRawBufferPointer) throws {
        guard var base = bytes.baseAddress else { return }
        var remaining = bytes.count
        while remaining > 0 {
            let n = faults.syscall(.enospcArchive) { Foundation.write(fd, base, remaining) }
            if n < 0 {
                if errno == EINTR { continue }
                throw ArchiveError(.io, "write failed (disk full or I/O error); nothing was archived", path: temporaryPath, errno: errno)
            }
            remaining -= n
            base += n
        }
        hasher.update(bytes)
        bytesWritten += Int64(bytes.count)
    }

    /// The SHA-256 of everything written so far.
    public var sha256: String { hasher.finalize() }

    /// fsyncs and publishes the file at `finalPath`. If a file already exists there, it is kept when its content
    /// hash equals ours (the same archive made again) and the temporary is dropped; otherwise `.conflict`.
    /// A failed fsync cannot be retried safely: the caller must redo the work from the source.
    public func commit(to finalPath: String) throws {
        guard faults.syscall(.fsyncArchive, { fsync(fd) }) == 0 else { throw ArchiveError(.fsyncFailed, "fsync failed; the archive is not durable and will be redone from the source", path: temporaryPath, errno: errno) }
        close(fd)
        fd = -1
        faults.reached(.afterTempWrite)
        let directory = (finalPath as NSString).deletingLastPathComponent
        try DurableFileWriter.makeDirectories(directory)
        if link(temporaryPath, finalPath) == 0 {
            createdFinalFile = true
        } else {
            let code = errno
            guard code == EEXIST else { throw ArchiveError(.io, "cannot publish the archive file", path: finalPath, errno: code) }
            let existing = try ContentHasher.hashFile(atPath: finalPath)
            guard existing.sha256 == sha256 else {
                throw ArchiveError(.conflict, "a different file already exists at this content address; it was left untouched: run `nokchwi scrub` to inspect it", path: finalPath)
            }
        }
        unlink(temporaryPath)
        finished = true
        try DurableFileWriter.fsyncDirectory(directory)
    }

    /// Creates missing directories, fsyncing each parent so the new entries survive a crash.
    public static func makeDirectories(_ path: String) throws {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue { return }
        let parent = (path as NSString).deletingLastPathComponent
        if !parent.isEmpty && parent != path { try makeDirectories(parent) }
        if mkdir(path, 0o750) != 0 && errno != EEXIST {
            throw ArchiveError(.io, "cannot create directory", path: path, errno: errno)
        }
        try fsyncDirectory(parent.isEmpty ? "." : parent)
    }

    public static func fsyncDirectory(_ path: String) throws {
        let dfd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard dfd >= 0 else { throw ArchiveError(.io, "cannot open directory to fsync", path: path, errno: errno) }
        defer { close(dfd) }
        guard fsync(dfd) == 0 else { throw ArchiveError(.fsyncFailed, "directory fsync failed; the archive will be redone", path: path, errno: errno) }
    }
}

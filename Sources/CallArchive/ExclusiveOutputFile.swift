import CallFaults
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A file written for someone outside the archive (an export) without ever following a link or replacing what is
/// there: the data goes to a temporary file created exclusively (`O_CREAT | O_EXCL | O_NOFOLLOW`, mode 0600) in the
/// target's folder, and `publish()` gives it its final name with `link()`, which fails when anything, a dangling
/// symbolic link included, is at that name. A symbolic link planted at the target or at the temporary name at any
/// moment makes the export fail; it never writes through the link. Not published, the temporary file is removed.
public final class ExclusiveOutputFile {
    public let path: String
    public let temporaryPath: String
    /// The open temporary file: write through it (`FileHandle`, or `sf_open_fd` via `SndFileWriter`).
    public private(set) var descriptor: Int32
    private var published = false

    /// Refuses a target that exists in any form (`lstat`, so a dangling link counts), then creates the temporary file.
    public init(path: String, race: RaceHook = .none) throws {
        self.path = path
        var st = stat()
        if lstat(path, &st) == 0 {
            throw ArchiveError(.conflict, "\(path) exists (a file or a link); nokchwi never overwrites: choose another --out", path: path)
        }
        let folder = (path as NSString).deletingLastPathComponent
        let name = (path as NSString).lastPathComponent
        temporaryPath = (folder.isEmpty ? "." : folder) + "/.\(name).\(UUID().uuidString.prefix(12)).partial"
        race.reached(.exportBeforeCreate, path: path)
        let fd = open(temporaryPath, O_RDWR | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
        guard fd >= 0 else {
            let code = errno
            throw ArchiveError(.io, "cannot create a file in the folder of \(path): \(String(cString: strerror(code))); check the folder and its permissions",
                               path: path, errno: code)
        }
        descriptor = fd
    }

    deinit {
        if descriptor >= 0 { close(descriptor) }
        if !published { unlink(temporaryPath) }
    }

    /// Makes the data durable and links it to `path`; fails, leaving nothing at `path`, when anything took that name.
    public func publish() throws {
        guard fsync(descriptor) == 0 else {
            let code = errno
            throw ArchiveError(.fsyncFailed, "writing \(path) failed: \(String(cString: strerror(code))); no file was left", path: path, errno: code)
        }
        var mine = stat()
        fstat(descriptor, &mine)
        guard link(temporaryPath, path) == 0 else {
            let code = errno
            if code == EEXIST {
                throw ArchiveError(.conflict, "\(path) appeared while the export ran (a file or a link); nothing was written there: choose another --out",
                                   path: path, errno: code)
            }
            throw ArchiveError(.io, "cannot create \(path): \(String(cString: strerror(code))); no file was left", path: path, errno: code)
        }
        // The name now in place must be the file this process created (not something swapped in at the temporary name).
        var placed = stat()
        guard lstat(path, &placed) == 0, placed.st_ino == mine.st_ino, placed.st_dev == mine.st_dev else {
            unlink(path)
            throw ArchiveError(.conflict, "the temporary file of \(path) was replaced while the export ran; nothing was exported", path: path)
        }
        published = true
        unlink(temporaryPath)
        let folder = (path as NSString).deletingLastPathComponent
        try? DurableFileWriter.fsyncDirectory(folder.isEmpty ? "." : folder)
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// The home's purge lock: an exclusive `flock` on `<home>/purge.lock`, released when the value is released or the
/// process dies (a killed purge never leaves a stale lock).
final class PurgeLock {
    private var fd: Int32

    init(path: String) throws {
        try DurableFileWriter.makeDirectories((path as NSString).deletingLastPathComponent)
        fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw ArchiveError(.io, "cannot open the purge lock file", path: path, errno: errno) }
        if flock(fd, LOCK_EX | LOCK_NB) != 0 {
            let code = errno
            close(fd)
            fd = -1
            if code == EWOULDBLOCK {
                throw PurgeError(.alreadyRunning, "another purge is running on this home; wait for it to finish (it resumes what a killed purge left)")
            }
            throw ArchiveError(.io, "cannot lock the purge lock file", path: path, errno: code)
        }
    }

    deinit {
        if fd >= 0 { close(fd) }
    }
}

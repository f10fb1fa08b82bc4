#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// Proof that a pipeline run's process is alive: an exclusive `flock` on its own file in `<home>/run-locks/`, taken
/// before the run is recorded and held until its end is recorded. The kernel drops the lock when the process dies,
/// however it dies (SIGKILL, power loss, OOM killer), so a run whose lock can be taken by someone else has ended
/// without recording it. A lock, not a process id: ids are reused, and a home may be shared by several machines.
///
/// flock locks belong to the open file description, so they also exclude another `RunLock` of the same process,
/// and `O_CLOEXEC` keeps them out of child processes.
public final class RunLock: @unchecked Sendable {  // the descriptor is only closed, once
    /// The lock file's name (`ingest-<uuid>.lock`), recorded with the run.
    public let name: String
    private let path: String
    private var fd: Int32

    /// Creates and locks a new lock file in `directory` (created if missing).
    public init(directory: String) throws(ArchiveError) {
        do {
            try DurableFileWriter.makeDirectories(directory)
        } catch let error as ArchiveError {
            throw error
        } catch {
            throw ArchiveError(.io, "cannot create the run lock folder", path: directory)
        }
        name = "ingest-\(UUID().uuidString.lowercased()).lock"
        path = directory + "/" + name
        fd = open(path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw ArchiveError(.io, "cannot create the run lock file", path: path, errno: errno) }
        if flock(fd, LOCK_EX | LOCK_NB) != 0 {
            let code = errno
            close(fd)
            unlink(path)
            fd = -1
            throw ArchiveError(.io, "cannot lock the run lock file", path: path, errno: code)
        }
    }

    /// Call once the run's end is recorded: removes the file, then drops the lock.
    public func release() {
        guard fd >= 0 else { return }
        unlink(path)
        close(fd)
        fd = -1
    }

    deinit {
        // Ended without `release` (an error before the end was recorded): the lock goes, the file stays, and the
        // next run finds the run dead.
        if fd >= 0 { close(fd) }
    }

    /// What `probe` found about a run's lock.
    public enum Liveness: Sendable, Equatable {
        /// Another open file holds the lock: the run's process lives.
        case alive
        /// Nobody holds it (or the file is gone): the process ended. The file, if any, was removed.
        case dead
        /// The lock file could not be opened or locked for another reason (permissions): do not conclude.
        case unknown
    }

    /// Whether the run that recorded lock file `name` still holds it. A dead run's file is removed.
    public static func probe(directory: String, name: String) -> Liveness {
        guard name.hasPrefix("ingest-"), name.hasSuffix(".lock"), !name.contains("/") else { return .dead }
        let path = directory + "/" + name
        let fd = open(path, O_RDWR | O_CLOEXEC)
        guard fd >= 0 else { return errno == ENOENT ? .dead : .unknown }
        defer { close(fd) }
        if flock(fd, LOCK_EX | LOCK_NB) == 0 {
            unlink(path)
            return .dead
        }
        return errno == EWOULDBLOCK ? .alive : .unknown
    }
}

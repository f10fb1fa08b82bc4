import CallFaults
import CallModel
import Foundation

/// Content-addressed archive files laid out by date: `archive/YYYY/MM/DD/<sha256>.opus`.
/// Files are written durably and never overwritten.
public struct ArchiveStore: Sendable {
    public let root: URL
    /// Reliability tests only (`NOKCHWI_FAULT`), passed to each writer.
    public let faults: FaultInjection

    public init(root: URL, faults: FaultInjection = .none) {
        self.root = root
        self.faults = faults
    }

    /// Where temporary files are written: inside the archive root (same file system, so link() is atomic).
    public var temporaryDirectory: String { root.appendingPathComponent(".incoming").path }

    /// Starts a new archive file.
    public func begin() throws -> DurableFileWriter {
        try DurableFileWriter(temporaryDirectory: temporaryDirectory, faults: faults)
    }

    /// The relative path of an archive with this content hash for a call on this day.
    public func relativePath(sha256: String, day: ArchiveDay) -> String {
        day.folder + "/" + sha256 + ".opus"
    }

    /// Publishes a finished writer under its content address; returns the relative path.
    public func commit(_ writer: DurableFileWriter, day: ArchiveDay) throws -> String {
        let relative = relativePath(sha256: writer.sha256, day: day)
        try writer.commit(to: absolutePath(relative))
        return relative
    }

    /// Absolute path of a relative archive path; refuses paths that escape the archive root.
    public func absolutePath(_ relative: String) throws -> String {
        guard !relative.hasPrefix("/"), !relative.split(separator: "/").contains("..") else {
            throw ArchiveError(.invalidPath, "archive path escapes the archive root", path: relative)
        }
        return root.appendingPathComponent(relative).path
    }

    /// Re-hashes an archive file and compares it with the catalog's hash.
    public func verify(relativePath: String, sha256: String) throws {
        let path = try absolutePath(relativePath)
        guard FileManager.default.fileExists(atPath: path) else {
            throw ArchiveError(.missing, "archive file is missing", path: relativePath)
        }
        let actual = try ContentHasher.hashFile(atPath: path)
        guard actual.sha256 == sha256 else {
            throw ArchiveError(.hashMismatch, "archive content does not match its recorded SHA-256: the file is corrupt or was altered", path: relativePath)
        }
    }

    /// Deletes an archive file (a purge) and fsyncs its directory, so the deletion survives a crash. Returns false
    /// when the file was already absent (a resumed purge, or a file lost before it).
    @discardableResult
    public func remove(relativePath: String) throws -> Bool {
        let path = try absolutePath(relativePath)
        let directory = (path as NSString).deletingLastPathComponent
        if unlink(path) != 0 {
            let code = errno
            guard code == ENOENT else {
                throw ArchiveError(.io, "cannot delete the archive file; check the permissions of its folder", path: relativePath, errno: code)
            }
            if FileManager.default.fileExists(atPath: directory) { try DurableFileWriter.fsyncDirectory(directory) }
            return false
        }
        try DurableFileWriter.fsyncDirectory(directory)
        return true
    }

    /// Removes temporary files left by processes that no longer exist (a crash mid-write).
    /// Files of live processes (a concurrent run) are left alone. Returns how many were removed.
    @discardableResult
    public func sweepAbandonedTemporaries() -> Int {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: temporaryDirectory) else { return 0 }
        var removed = 0
        for name in names where name.hasSuffix(".partial") {
            guard let pid = Int32(name.split(separator: "-").first ?? "") else { continue }
            if pid == getpid() { continue }
            if kill(pid, 0) == 0 || errno == EPERM { continue }
            if unlink(temporaryDirectory + "/" + name) == 0 { removed += 1 }
        }
        return removed
    }
}

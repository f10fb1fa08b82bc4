import Foundation

/// Writes a small file whole and durably: a temporary file beside it (mode `mode` from its creation), fsync, then
/// rename over the old one (`replace`) or link without ever overwriting (`.conflict` when it exists), then fsync
/// of the directory. A crash leaves the old file or the new one, never a torn one. Used for key files and
/// destruction certificates; `what` names the file in errors ("the key file", "the certificate").
enum SmallFileWriter {
    static func write(_ contents: [UInt8], to path: String, mode: mode_t, replace: Bool, what: String) throws {
        let directory = (path as NSString).deletingLastPathComponent
        let temporary = directory + "/.\(getpid())-\(UUID().uuidString).tmp"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode)
        guard fd >= 0 else {
            throw ArchiveError(.io, "cannot create \(what); check free space and permissions", path: temporary, errno: errno)
        }
        var isOpen = true
        defer {
            if isOpen { close(fd) }
            unlink(temporary)
        }
        guard fchmod(fd, mode) == 0 else { throw ArchiveError(.io, "cannot set the mode of \(what)", path: temporary, errno: errno) }
        var written = 0
        while written < contents.count {
            let n = contents.withUnsafeBytes { Foundation.write(fd, $0.baseAddress! + written, $0.count - written) }
            if n < 0 {
                if errno == EINTR { continue }
                throw ArchiveError(.io, "cannot write \(what) (disk full?)", path: temporary, errno: errno)
            }
            written += n
        }
        guard fsync(fd) == 0 else { throw ArchiveError(.fsyncFailed, "fsync of \(what) failed", path: temporary, errno: errno) }
        close(fd)
        isOpen = false
        if replace {
            guard rename(temporary, path) == 0 else { throw ArchiveError(.io, "cannot publish \(what)", path: path, errno: errno) }
        } else if link(temporary, path) != 0 {
            let code = errno
            throw code == EEXIST
                ? ArchiveError(.conflict, "\(what) already exists; it was left untouched", path: path)
                : ArchiveError(.io, "cannot publish \(what)", path: path, errno: code)
        }
        try DurableFileWriter.fsyncDirectory(directory)
    }
}

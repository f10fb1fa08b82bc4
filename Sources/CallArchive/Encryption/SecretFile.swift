#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// Small secret files (keys) and their private directory: created with modes 0700 / 0600, written durably
/// (temporary file, fsync, rename or link, fsync of the directory), and refused when group or others can reach them.
enum SecretFile {
    /// Creates `path` with mode 0700 if missing (its parents as `DurableFileWriter` does), and checks its mode.
    static func makePrivateDirectory(_ path: String) throws {
        let parent = (path as NSString).deletingLastPathComponent
        try DurableFileWriter.makeDirectories(parent)
        if mkdir(path, 0o700) == 0 {
            guard chmod(path, 0o700) == 0 else { throw ArchiveError(.io, "cannot set mode 0700 on the key directory", path: path, errno: errno) }
            try DurableFileWriter.fsyncDirectory(parent)
        } else if errno != EEXIST {
            throw ArchiveError(.io, "cannot create the key directory", path: path, errno: errno)
        }
        _ = try checkDirectory(path)
    }

    /// False when `path` does not exist; throws when it is not a private directory.
    static func checkDirectory(_ path: String) throws -> Bool {
        var st = stat()
        guard stat(path, &st) == 0 else {
            if errno == ENOENT { return false }
            throw ArchiveError(.io, "cannot inspect the key directory", path: path, errno: errno)
        }
        guard (st.st_mode & S_IFMT) == S_IFDIR else {
            throw ArchiveError(.io, "the key directory is not a directory", path: path)
        }
        guard st.st_mode & 0o077 == 0 else {
            throw ArchiveError(.insecureKeyFile, "the key directory is open to group or others (mode "
                + String(format: "%04o", st.st_mode & 0o7777) + "); run `chmod 700 \(path)`", path: path)
        }
        return true
    }

    /// The contents of a secret file, nil when it does not exist. Refuses a file group or others can access.
    static func read(_ path: String, maxBytes: Int = 4096) throws -> [UInt8]? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else {
            if errno == ENOENT { return nil }
            throw ArchiveError(.io, "cannot open the key file", path: path, errno: errno)
        }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0 else { throw ArchiveError(.io, "cannot inspect the key file", path: path, errno: errno) }
        guard (st.st_mode & S_IFMT) == S_IFREG else { throw ArchiveError(.badKeyFile, "the key file is not a regular file", path: path) }
        guard st.st_mode & 0o077 == 0 else {
            throw ArchiveError(.insecureKeyFile, "the key file is open to group or others (mode "
                + String(format: "%04o", st.st_mode & 0o7777) + "); run `chmod 600 \(path)`, and consider the key "
                + "exposed: rotate with `nokchwi keys rotate --rewrap`", path: path)
        }
        var bytes = [UInt8](repeating: 0, count: maxBytes + 1)
        var filled = 0
        while filled < bytes.count {
            let n = bytes.withUnsafeMutableBytes { Foundation.read(fd, $0.baseAddress! + filled, $0.count - filled) }
            if n < 0 {
                if errno == EINTR { continue }
                throw ArchiveError(.io, "cannot read the key file", path: path, errno: errno)
            }
            if n == 0 { break }
            filled += n
        }
        guard filled <= maxBytes else { throw ArchiveError(.badKeyFile, "the key file is too large to be a key", path: path) }
        return Array(bytes.prefix(filled))
    }

    /// Writes `contents` durably with mode 0600. `replace` false never overwrites an existing file (`.conflict`).
    static func write(_ contents: [UInt8], to path: String, replace: Bool) throws {
        try SmallFileWriter.write(contents, to: path, mode: 0o600, replace: replace, what: "the key file")
    }
}

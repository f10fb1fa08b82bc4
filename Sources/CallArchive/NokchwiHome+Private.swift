import Foundation

extension NokchwiHome {
    /// Makes the home private to the user running `init` (issue #21): the folder mode 0700 (created so, or set so
    /// when it exists, whatever the umask), and an empty catalog file created 0600 before SQLite opens it (SQLite
    /// gives its `-wal` and `-shm` files the catalog's mode). Then the archive folder. Nothing of the home is ever
    /// readable by another OS user, even for an instant.
    public func preparePrivate() throws {
        let fm = FileManager.default
        let parent = root.deletingLastPathComponent().path
        if !fm.fileExists(atPath: parent) {
            try fm.createDirectory(atPath: parent, withIntermediateDirectories: true)
        }
        if mkdir(root.path, 0o700) != 0 && errno != EEXIST {
            throw ArchiveError(.io, "cannot create the data home", path: root.path, errno: errno)
        }
        var st = stat()
        guard lstat(root.path, &st) == 0, (st.st_mode & S_IFMT) == S_IFDIR else {
            throw ArchiveError(.io, "the data home is not a folder (or is a symbolic link); give a folder with --home", path: root.path)
        }
        guard chmod(root.path, 0o700) == 0 else {
            throw ArchiveError(.io, "cannot make the data home private (mode 0700)", path: root.path, errno: errno)
        }
        // A write-ahead log without its database: create nothing; `Catalog` refuses it with its own message.
        if !fm.fileExists(atPath: catalogPath) && fm.fileExists(atPath: catalogPath + "-wal") { return try prepare() }
        let fd = open(catalogPath, O_WRONLY | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw ArchiveError(.io, "cannot create the catalog file", path: catalogPath, errno: errno) }
        defer { close(fd) }
        guard fchmod(fd, 0o600) == 0 else {
            throw ArchiveError(.io, "cannot make the catalog private (mode 0600)", path: catalogPath, errno: errno)
        }
        try prepare()
    }
}

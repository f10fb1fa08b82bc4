import Foundation

/// A file system mounted for one test: a small tmpfs (a real ENOSPC), or a read-only bind mount (a real EROFS, which
/// root cannot bypass the way it bypasses `chmod`). Needs root and a kernel that lets this process mount; tests fall
/// back to injected faults otherwise. Always `unmount()` (in a `defer`).
final class TestMount {
    let path: String
    private var mounted = true

    /// True when this process may mount here (root, and a trial tmpfs mount succeeded).
    static let available: Bool = {
        guard getuid() == 0 else { return false }
        let probe = FileManager.default.temporaryDirectory.appendingPathComponent("nokchwi-mount-probe-\(getpid())").path
        try? FileManager.default.createDirectory(atPath: probe, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: probe) }
        guard let mount = try? TestMount.tmpfs(at: probe, bytes: 64 * 1024) else { return false }
        mount.unmount()
        return true
    }()

    private init(path: String) { self.path = path }

    /// A tmpfs of `bytes` (rounded up to pages) mounted over `path`, which must exist.
    static func tmpfs(at path: String, bytes: Int) throws -> TestMount {
        try mount(["-t", "tmpfs", "-o", "size=\(bytes),mode=0755", "tmpfs", path], at: path)
    }

    /// `path` bind-mounted over itself, then remounted read-only: writes under it fail with EROFS, even for root.
    static func readOnlyBind(_ path: String) throws -> TestMount {
        let bind = try mount(["--bind", path, path], at: path)
        do {
            try runMount(["-o", "remount,bind,ro", path])
        } catch {
            bind.unmount()
            throw error
        }
        return bind
    }

    private static func mount(_ arguments: [String], at path: String) throws -> TestMount {
        try runMount(arguments)
        return TestMount(path: path)
    }

    private static func runMount(_ arguments: [String]) throws {
        let result = try Shell.run("/usr/bin/mount", arguments)
        guard result.status == 0 else { throw CLIHomeError(message: "mount \(arguments.joined(separator: " ")) failed: \(result.output)") }
    }

    /// Unmounts (lazily if something still holds it open). Safe to call twice.
    func unmount() {
        guard mounted else { return }
        mounted = false
        if (try? Shell.run("/usr/bin/umount", [path]))?.status != 0 {
            _ = try? Shell.run("/usr/bin/umount", ["-l", path])
        }
    }

    deinit { unmount() }

    /// Fills the file system holding `folder` with one file until the disk is full, then gives back `leave` bytes
    /// (rounded to pages by the file system). Returns the filler's path (delete it to free the space).
    static func fill(_ folder: String, leaving leave: Int) throws -> String {
        let filler = folder + "/filler.bin"
        let fd = open(filler, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        guard fd >= 0 else { throw CLIHomeError(message: "cannot create \(filler)") }
        defer { close(fd) }
        let chunk = [UInt8](repeating: 0xA5, count: 16 * 1024)
        var total = 0
        while true {
            let n = chunk.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
            if n > 0 { total += n; continue }
            guard n < 0, errno == ENOSPC else { throw CLIHomeError(message: "filling \(folder) stopped before the disk was full") }
            break
        }
        guard ftruncate(fd, off_t(max(0, total - leave))) == 0, fsync(fd) == 0 else {
            throw CLIHomeError(message: "cannot shrink \(filler)")
        }
        return filler
    }
}

import Foundation

/// The data home of a deployment: `--home DIR`, else `$NOKCHWI_HOME`, else `./nokchwi-data`.
/// Holds the catalog, the archive tree and (later) keys and audit checkpoints.
public struct NokchwiHome: Sendable, Equatable {
    public let root: URL

    public init(root: URL) {
        self.root = root.standardizedFileURL
    }

    /// Resolves the home from an explicit option, the environment, or the default.
    public static func resolve(option: String?, environment: [String: String] = ProcessInfo.processInfo.environment,
                               currentDirectory: String = FileManager.default.currentDirectoryPath) -> NokchwiHome {
        let path = option ?? environment["NOKCHWI_HOME"] ?? "nokchwi-data"
        let url = path.hasPrefix("/") ? URL(fileURLWithPath: path) : URL(fileURLWithPath: currentDirectory).appendingPathComponent(path)
        return NokchwiHome(root: url)
    }

    public var catalogPath: String { root.appendingPathComponent("catalog.sqlite").path }
    public var archiveRoot: URL { root.appendingPathComponent("archive") }
    /// Key-encryption keys and the audit signing key: mode 0700, outside the archive and the database.
    public var keysDirectory: URL { root.appendingPathComponent("keys") }
    /// Signed checkpoints of the audit chain head, one file beside the catalog.
    public var auditDirectory: URL { root.appendingPathComponent("audit") }

    /// Destruction certificates of purge runs (`purge-<run id>-<YYYYMMDD>.json` and `.txt`).
    public var certificatesDirectory: URL { root.appendingPathComponent("certificates") }
    /// Held (flock) by the one purge that may run at a time.
    public var purgeLockPath: String { root.appendingPathComponent("purge.lock").path }
    /// One locked file per live ingest run (`RunLock`): how the next run tells a killed run from a running one.
    public var runLocksPath: String { root.appendingPathComponent("run-locks").path }

    /// Creates the home and its archive folder if missing.
    public func prepare() throws {
        try DurableFileWriter.makeDirectories(archiveRoot.path)
    }
}

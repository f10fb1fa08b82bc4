#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CallCatalog
import CallModel
import Foundation
import Logging

/// Writes a signed checkpoint of the audit chain head. Call `writeCheckpoint()` once at the end of every command
/// run (after its audit entries): each line is appended and fsynced, so truncating the chain's tail later is
/// detected by `AuditVerifier`. Keep copies of the checkpoint file elsewhere (it is small) to protect it too.
public struct AuditCheckpointer: Sendable {
    public static let fileName = "checkpoints.jsonl"

    let catalog: Catalog
    let keysDirectory: URL
    public let checkpointFile: URL
    let clock: any WallClock
    let logger: Logger
    /// Ships each checkpoint off the host as it is written (`audit.checkpoint_command`); nil: none.
    public var shipper: AuditCheckpointShipper?

    /// - Parameters:
    ///   - keysDirectory: where the signing key lives (`<home>/keys`); created 0700 with the key on first use.
    ///   - auditDirectory: where `checkpoints.jsonl` is appended (`<home>/audit`).
    public init(catalog: Catalog, keysDirectory: URL, auditDirectory: URL, clock: any WallClock = SystemWallClock(),
                logger: Logger = Logger(label: "nokchwi.audit")) {
        self.catalog = catalog
        self.keysDirectory = keysDirectory
        self.checkpointFile = auditDirectory.appendingPathComponent(AuditCheckpointer.fileName)
        self.clock = clock
        self.logger = logger
    }

    /// Signs the current chain head, appends it durably to the checkpoint file, then ships it (when a shipper is
    /// set; a failure to ship is thrown after the line is safely appended).
    @discardableResult
    public func writeCheckpoint() throws -> AuditCheckpoint {
        let key = try signingKey()
        let head = try catalog.auditHead()
        let checkpoint = try AuditCheckpoint.signed(seq: head?.seq ?? 0, hash: head?.hash ?? AuditEntry.genesisHash,
                                                    at: clock.now(), key: key)
        let line = try checkpoint.jsonLine()
        try append(line)
        logger.info("audit checkpoint written", metadata: ["seq": "\(checkpoint.seq)"])
        try shipper?.ship(line)
        return checkpoint
    }

    /// The signing key, never silently replaced: a key missing while checkpoints exist, or a key other than the one
    /// that signed the last checkpoint, is an error (restore the key from backup). Only a home's very first
    /// checkpoint may create the key (`init` does), and that is logged with its fingerprint.
    func signingKey() throws -> AuditSigningKey {
        let last = lastCheckpoint()
        guard let key = try AuditSigningKey.load(from: keysDirectory) else {
            if last != nil {
                throw AccessError(.keyFileInvalid, "the audit signing key is missing while checkpoints exist: restore keys/\(AuditSigningKey.fileName) from backup; nokchwi never makes a new key in its place, so no checkpoint was written",
                                  path: AuditSigningKey.path(in: keysDirectory))
            }
            return try AuditSigningKey.create(in: keysDirectory, logger: logger)
        }
        if let last, last.publicKey != key.publicKeyBase64 {
            throw AccessError(.keyFileInvalid, "the audit signing key is not the key that signed the last checkpoint (it was replaced): restore the original from backup; no checkpoint was written",
                              path: AuditSigningKey.path(in: keysDirectory))
        }
        return key
    }

    /// The last readable checkpoint of the file (its tail is read, not the whole file); nil when there is none.
    func lastCheckpoint() -> AuditCheckpoint? {
        guard let handle = FileHandle(forReadingAtPath: checkpointFile.path) else { return nil }
        defer { try? handle.close() }
        let size = (try? handle.seekToEnd()) ?? 0
        try? handle.seek(toOffset: size > 8192 ? size - 8192 : 0)
        let tail = String(decoding: (try? handle.readToEnd()) ?? Data(), as: UTF8.self)
        for line in tail.split(separator: "\n").reversed() {
            if let checkpoint = try? JSONDecoder().decode(AuditCheckpoint.self, from: Data(line.utf8)) { return checkpoint }
        }
        return nil
    }

    private func append(_ line: String) throws {
        let directory = checkpointFile.deletingLastPathComponent().path
        let path = checkpointFile.path
        if !FileManager.default.fileExists(atPath: directory) {
            try AuditSigningKey.makePrivateDirectory(directory)
        }
        let existed = FileManager.default.fileExists(atPath: path)
        let fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o640)
        guard fd >= 0 else { throw AccessError(.io, "cannot open the audit checkpoint file (errno \(errno))", path: path) }
        defer { close(fd) }
        // A line torn by a crash is left as it is (the verifier reports it); the new line starts on its own.
        var text = line + "\n"
        var info = stat()
        if fstat(fd, &info) == 0, info.st_size > 0, !endsWithNewline(path: path, size: Int64(info.st_size)) {
            text = "\n" + text
        }
        let bytes = Array(text.utf8)
        let written = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        guard written == bytes.count else {
            throw AccessError(.io, "cannot append to the audit checkpoint file (disk full?); run the command again", path: path)
        }
        guard fsync(fd) == 0 else {
            throw AccessError(.io, "fsync of the audit checkpoint file failed; the checkpoint may be lost: run the command again", path: path)
        }
        if !existed { AuditSigningKey.fsyncDirectory(directory) }
    }

    private func endsWithNewline(path: String, size: Int64) -> Bool {
        guard let handle = FileHandle(forReadingAtPath: path) else { return true }
        defer { try? handle.close() }
        try? handle.seek(toOffset: UInt64(size - 1))
        return (try? handle.read(upToCount: 1)) == Data([0x0A])
    }
}

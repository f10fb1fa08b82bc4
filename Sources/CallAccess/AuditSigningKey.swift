#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Crypto
import Foundation
import Logging

/// The Ed25519 key that signs audit checkpoints. It lives in a key file outside the database (`<home>/keys`,
/// directory mode 0700, file mode 0600), so someone who can rewrite the catalog cannot forge a checkpoint.
/// A key file that others can read or write, or that another user owns, is refused.
public struct AuditSigningKey: Sendable {
    public static let fileName = "audit-signing.ed25519"
    static let header = "nokchwi-audit-signing-key-v1"

    let privateKey: Curve25519.Signing.PrivateKey
    public var publicKey: Curve25519.Signing.PublicKey { privateKey.publicKey }
    /// The public key as base64 (what checkpoints carry).
    public var publicKeyBase64: String { privateKey.publicKey.rawRepresentation.base64EncodedString() }

    /// The fingerprint to record off this host (`nokchwi init` prints it): SHA-256 of the raw public key.
    public var fingerprint: String { AuditSigningKey.fingerprint(of: publicKey) }

    init(privateKey: Curve25519.Signing.PrivateKey) { self.privateKey = privateKey }

    public static func path(in directory: URL) -> String { directory.appendingPathComponent(fileName).path }

    /// Loads the key, or nil when the key file does not exist.
    public static func load(from directory: URL) throws -> AuditSigningKey? {
        let path = path(in: directory)
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW)
        if fd < 0 {
            if errno == ENOENT { return nil }
            throw AccessError(.io, "cannot open the audit signing key (errno \(errno)); check the keys directory", path: path)
        }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw AccessError(.io, "cannot stat the audit signing key", path: path) }
        guard info.st_uid == geteuid() else {
            throw AccessError(.keyFileInsecure, "the audit signing key belongs to another user; nokchwi will not use it", path: path)
        }
        guard info.st_mode & 0o077 == 0 else {
            throw AccessError(.keyFileInsecure, "the audit signing key is accessible to other users; run `chmod 600` on it (and consider the key compromised if others could read it)", path: path)
        }
        var bytes = [UInt8](repeating: 0, count: 256)
        let count = read(fd, &bytes, bytes.count)
        let text = count > 0 ? String(decoding: bytes[0..<count], as: UTF8.self) : ""
        let parts = text.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: " ")
        guard parts.count == 2, parts[0] == header, let raw = Data(base64Encoded: String(parts[1])),
              let key = try? Curve25519.Signing.PrivateKey(rawRepresentation: raw) else {
            throw AccessError(.keyFileInvalid, "the audit signing key file is damaged; restore it from backup (checkpoints signed with it cannot be checked without it)", path: path)
        }
        return AuditSigningKey(privateKey: key)
    }

    /// Loads the key, creating the directory (0700) and a new key file (0600) when there is none. Two processes
    /// creating it at once end up with the same key: the file is written aside and linked into place. Only `init`
    /// (and a checkpointer that has never written a checkpoint) may create one; see `AuditCheckpointer`.
    public static func loadOrCreate(in directory: URL, logger: Logger) throws -> AuditSigningKey {
        if let key = try load(from: directory) { return key }
        return try create(in: directory, logger: logger)
    }

    static func create(in directory: URL, logger: Logger) throws -> AuditSigningKey {
        try makePrivateDirectory(directory.path)
        let key = AuditSigningKey(privateKey: Curve25519.Signing.PrivateKey())
        let line = header + " " + key.privateKey.rawRepresentation.base64EncodedString() + "\n"
        let temporary = directory.appendingPathComponent(".\(fileName).\(getpid()).\(UUID().uuidString)").path
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw AccessError(.io, "cannot create the audit signing key file (errno \(errno))", path: temporary) }
        defer { unlink(temporary) }
        let written = line.utf8CString.withUnsafeBufferPointer { write(fd, $0.baseAddress, $0.count - 1) }
        let synced = fsync(fd) == 0
        close(fd)
        guard written == line.utf8.count, synced else {
            throw AccessError(.io, "cannot write the audit signing key file; check free space", path: temporary)
        }
        if link(temporary, path(in: directory)) != 0 && errno != EEXIST {
            throw AccessError(.io, "cannot publish the audit signing key file (errno \(errno))", path: path(in: directory))
        }
        fsyncDirectory(directory.path)
        guard let stored = try load(from: directory) else {
            throw AccessError(.io, "the audit signing key file vanished after it was created", path: path(in: directory))
        }
        if stored.publicKeyBase64 == key.publicKeyBase64 {
            logger.notice("created the audit signing key: record its fingerprint off this host",
                          metadata: ["path": "\(path(in: directory))", "fingerprint": "\(stored.fingerprint)"])
        }
        return stored
    }

    func sign(_ message: [UInt8]) throws -> Data {
        try privateKey.signature(for: message)
    }

    static func makePrivateDirectory(_ path: String) throws {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue { return }
        let parent = (path as NSString).deletingLastPathComponent
        if !parent.isEmpty, !FileManager.default.fileExists(atPath: parent) {
            try FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: true)
        }
        if mkdir(path, 0o700) != 0 && errno != EEXIST {
            throw AccessError(.io, "cannot create the keys directory (errno \(errno))", path: path)
        }
        fsyncDirectory(parent.isEmpty ? "." : parent)
    }

    static func fsyncDirectory(_ path: String) {
        let dfd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard dfd >= 0 else { return }
        _ = fsync(dfd)
        close(dfd)
    }
}

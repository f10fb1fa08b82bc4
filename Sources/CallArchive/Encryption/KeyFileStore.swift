import CallModel
import Crypto
import Foundation

/// Key-encryption keys in files: `<home>/keys` (mode 0700, outside the archive and the database) holds one
/// `kek-<id>.key` per key (mode 0600, the 32 key bytes as base64 text) and `active`, naming the key new archives
/// are wrapped with. Files are written durably and never rewritten, except `active` (replaced atomically).
/// A file or directory open to group or others is refused, never silently used. Errors never contain key bytes.
public struct KeyFileStore: KeyProvider {
    public let directory: URL

    public init(directory: URL) {
        self.directory = directory
    }

    public init(home: NokchwiHome) {
        self.init(directory: home.keysDirectory)
    }

    private var directoryPath: String { directory.path }
    private var activePath: String { directory.appendingPathComponent("active").path }

    public func keyFilePath(id: String) -> String {
        directory.appendingPathComponent("kek-\(id).key").path
    }

    /// Creates the first key if the store has none; otherwise returns the active key.
    @discardableResult
    public func initialize(clock: any WallClock) throws -> KeyEncryptionKey {
        if try keyIDs().isEmpty { return try rotate(clock: clock) }
        return try activeKey()
    }

    /// Creates a new key and makes it active; older keys stay for the archives they wrapped.
    @discardableResult
    public func rotate(clock: any WallClock) throws -> KeyEncryptionKey {
        try SecretFile.makePrivateDirectory(directoryPath)
        let kek = KeyEncryptionKey.generate(at: clock.now())
        let text = kek.key.withUnsafeBytes { Data($0).base64EncodedString() } + "\n"
        try SecretFile.write(Array(text.utf8), to: keyFilePath(id: kek.id), replace: false)
        try SecretFile.write(Array((kek.id + "\n").utf8), to: activePath, replace: true)
        return kek
    }

    /// The id the `active` file names.
    public func activeKeyID() throws -> String {
        guard try SecretFile.checkDirectory(directoryPath), let bytes = try SecretFile.read(activePath) else {
            if try keyIDs().isEmpty {
                throw ArchiveError(.noKeys, "no key-encryption key exists yet; run `nokchwi keys init` (archives are "
                    + "never written unencrypted)", path: directoryPath)
            }
            throw ArchiveError(.keyMissing, "the `active` file is missing although keys exist; run `nokchwi keys rotate` "
                + "to make a new active key", path: directoryPath)
        }
        let id = String(decoding: bytes, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard KeyEncryptionKey.isValidID(id) else {
            throw ArchiveError(.badKeyFile, "the `active` file does not name a valid key id; run `nokchwi keys rotate`",
                               path: activePath)
        }
        return id
    }

    public func activeKey() throws -> KeyEncryptionKey {
        try key(id: activeKeyID())
    }

    public func key(id: String) throws -> KeyEncryptionKey {
        guard KeyEncryptionKey.isValidID(id) else {
            throw ArchiveError(.keyMissing, "\"\(id)\" is not a valid key id; the catalog row naming it is damaged")
        }
        let path = keyFilePath(id: id)
        guard try SecretFile.checkDirectory(directoryPath), let bytes = try SecretFile.read(path) else {
            throw ArchiveError(.keyMissing, "key-encryption key \(id) is missing; restore kek-\(id).key from the key "
                + "backup into \(directoryPath) (the archives it wraps cannot be read until then)", path: path)
        }
        let text = String(decoding: bytes, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard let data = Data(base64Encoded: text), data.count == 32 else {
            throw ArchiveError(.badKeyFile, "the key file does not hold a 256-bit key in base64; restore it from the "
                + "key backup", path: path)
        }
        return try KeyEncryptionKey(id: id, key: SymmetricKey(data: data))
    }

    /// Ids of the key files, oldest first (ids start with their UTC creation time).
    public func keyIDs() throws -> [String] {
        guard try SecretFile.checkDirectory(directoryPath) else { return [] }
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directoryPath)
        } catch {
            throw ArchiveError(.io, "cannot list the key directory: \(error.localizedDescription)", path: directoryPath)
        }
        return names.compactMap { name -> String? in
            guard name.hasPrefix("kek-"), name.hasSuffix(".key") else { return nil }
            let id = String(name.dropFirst(4).dropLast(4))
            return KeyEncryptionKey.isValidID(id) ? id : nil
        }.sorted()
    }
}

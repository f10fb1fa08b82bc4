import Crypto
import Foundation

/// Where key-encryption keys come from: the key files of a home (`KeyFileStore`) or memory (tests).
/// Injected wherever archives are written or read.
public protocol KeyProvider: Sendable {
    /// The key new archives are wrapped with; `.noKeys` when none exists yet.
    func activeKey() throws -> KeyEncryptionKey
    /// The key with this id; `.keyMissing` naming the id when it is not there.
    func key(id: String) throws -> KeyEncryptionKey
    /// Ids of all keys, oldest first.
    func keyIDs() throws -> [String]
}

/// Keys in memory, for tests.
public final class InMemoryKeyProvider: KeyProvider, @unchecked Sendable {
    private let lock = NSLock()
    private var keys: [KeyEncryptionKey]
    private var activeID: String?

    /// The last key of `keys` is active.
    public init(_ keys: [KeyEncryptionKey] = []) {
        self.keys = keys
        activeID = keys.last?.id
    }

    /// Adds a key and makes it active.
    @discardableResult
    public func rotate(_ key: KeyEncryptionKey = .generate(at: Date())) -> KeyEncryptionKey {
        lock.withLock {
            keys.append(key)
            activeID = key.id
        }
        return key
    }

    public func activeKey() throws -> KeyEncryptionKey {
        guard let id = lock.withLock({ activeID }) else {
            throw ArchiveError(.noKeys, "no key-encryption key exists yet; run `nokchwi keys init`")
        }
        return try key(id: id)
    }

    public func key(id: String) throws -> KeyEncryptionKey {
        guard let key = lock.withLock({ keys.last { $0.id == id } }) else {
            throw ArchiveError(.keyMissing, "key-encryption key \(id) is missing; restore it from the key backup")
        }
        return key
    }

    public func keyIDs() throws -> [String] {
        lock.withLock { keys.map(\.id) }
    }
}

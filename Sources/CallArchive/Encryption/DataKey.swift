import Crypto
import Foundation

/// An archive's data key wrapped (RFC 3394 AES key wrap) by the key-encryption key `kekID`. Stored in the
/// archive's catalog row, not in the file: deleting the row crypto-shreds every copy of the file.
public struct WrappedDataKey: Sendable, Equatable, Codable {
    public let kekID: String
    /// 40 bytes: the 32-byte data key plus the 8-byte integrity check of RFC 3394.
    public let wrapped: [UInt8]

    public init(kekID: String, wrapped: [UInt8]) {
        self.kekID = kekID
        self.wrapped = wrapped
    }
}

/// Archive data keys: one random 256-bit AES key per archive file, wrapped by a key-encryption key.
public enum DataKey {
    /// A fresh random data key for one file.
    public static func generate() -> SymmetricKey {
        SymmetricKey(size: .bits256)
    }

    public static func wrap(_ dataKey: SymmetricKey, with kek: KeyEncryptionKey) throws -> WrappedDataKey {
        try ArchiveEnvelope.checkDataKey(dataKey)
        let wrapped = try AES.KeyWrap.wrap(dataKey, using: kek.key)
        return WrappedDataKey(kekID: kek.id, wrapped: Array(wrapped))
    }

    /// Unwraps with `kek`; `.wrongKey` when `kek` is not the key that wrapped it (other id, or same id but
    /// other bytes: a replaced key file).
    public static func unwrap(_ wrapped: WrappedDataKey, with kek: KeyEncryptionKey) throws -> SymmetricKey {
        guard wrapped.kekID == kek.id else {
            throw ArchiveError(.wrongKey, "this archive's data key was wrapped by key \(wrapped.kekID), not by key \(kek.id)")
        }
        guard wrapped.wrapped.count == 40, let key = try? AES.KeyWrap.unwrap(wrapped.wrapped, using: kek.key) else {
            throw ArchiveError(.wrongKey, "the archive's data key does not unwrap with key \(kek.id): the key file was "
                + "replaced or the catalog's wrapped key is damaged; restore the original key file \(kek.id) from backup")
        }
        return key
    }

    /// Unwraps with `old` and wraps again with `new`; the archive file is untouched (its data key does not change).
    public static func rewrap(_ wrapped: WrappedDataKey, from old: KeyEncryptionKey, to new: KeyEncryptionKey) throws -> WrappedDataKey {
        try wrap(unwrap(wrapped, with: old), with: new)
    }
}

extension KeyProvider {
    /// A new data key wrapped by the active key-encryption key.
    public func newDataKey() throws -> (key: SymmetricKey, wrapped: WrappedDataKey) {
        let kek = try activeKey()
        let key = DataKey.generate()
        return (key, try DataKey.wrap(key, with: kek))
    }

    /// Unwraps with the key-encryption key the wrapped key names.
    public func unwrap(_ wrapped: WrappedDataKey) throws -> SymmetricKey {
        try DataKey.unwrap(wrapped, with: key(id: wrapped.kekID))
    }

    /// Unwraps with the key it names and wraps with `newKEK` (usually `activeKey()`): `keys rotate --rewrap`.
    public func rewrap(_ wrapped: WrappedDataKey, to newKEK: KeyEncryptionKey) throws -> WrappedDataKey {
        try DataKey.rewrap(wrapped, from: key(id: wrapped.kekID), to: newKEK)
    }
}

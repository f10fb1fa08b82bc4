import CallArchive
import CallAudio
import Crypto
import Foundation
import Testing

@Suite struct DataKeyTests {
    @Test func wrapUnwrapAndRewrapWithTwoKeys() throws {
        let old = try KeyEncryptionKey(id: "old", key: SymmetricKey(size: .bits256))
        let new = try KeyEncryptionKey(id: "new", key: SymmetricKey(size: .bits256))
        let dataKey = DataKey.generate()
        let wrapped = try DataKey.wrap(dataKey, with: old)
        #expect(wrapped.kekID == "old")
        #expect(wrapped.wrapped.count == 40)
        #expect(try DataKey.unwrap(wrapped, with: old) == dataKey)

        let rewrapped = try DataKey.rewrap(wrapped, from: old, to: new)
        #expect(rewrapped.kekID == "new")
        #expect(rewrapped.wrapped != wrapped.wrapped)
        #expect(try DataKey.unwrap(rewrapped, with: new) == dataKey)
        #expect(archiveErrorCode { _ = try DataKey.unwrap(rewrapped, with: old) } == .wrongKey)
    }

    @Test func aWrongKeyEncryptionKeyIsAClearError() throws {
        let bytes = SymmetricKey(size: .bits256)
        let right = try KeyEncryptionKey(id: "k1", key: bytes)
        let replaced = try KeyEncryptionKey(id: "k1", key: SymmetricKey(size: .bits256))
        let other = try KeyEncryptionKey(id: "k2", key: bytes)
        let wrapped = try DataKey.wrap(DataKey.generate(), with: right)
        let error = archiveError { _ = try DataKey.unwrap(wrapped, with: replaced) }
        #expect(error?.code == .wrongKey)
        #expect(error?.message.contains("k1") == true)
        // Same bytes, other id: still refused (the wrapped key names its key).
        #expect(archiveErrorCode { _ = try DataKey.unwrap(wrapped, with: other) } == .wrongKey)
        // A damaged wrapped key.
        var damaged = wrapped.wrapped
        damaged[5] ^= 1
        #expect(archiveErrorCode { _ = try DataKey.unwrap(WrappedDataKey(kekID: "k1", wrapped: damaged), with: right) } == .wrongKey)
        #expect(archiveErrorCode { _ = try DataKey.unwrap(WrappedDataKey(kekID: "k1", wrapped: [1, 2, 3]), with: right) } == .wrongKey)
    }

    @Test func rewrappedArchivesStillOpenAndTheFileIsUntouched() throws {
        let keys = InMemoryKeyProvider()
        keys.rotate(try KeyEncryptionKey(id: "first", key: SymmetricKey(size: .bits256)))
        var file: [UInt8] = []
        let (sealer, wrapped) = try ArchiveSealer.start(keys: keys, segmentSize: 32) { file.append(contentsOf: $0) }
        let plaintext = testBytes(100, seed: 4)
        try plaintext.withUnsafeBytes { try sealer.write($0) }
        try sealer.finish()
        #expect(wrapped.kekID == "first")
        #expect(sealer.header.kekID == "first")

        let second = keys.rotate(try KeyEncryptionKey(id: "second", key: SymmetricKey(size: .bits256)))
        let before = file
        let rewrapped = try keys.rewrap(wrapped, to: keys.activeKey())
        #expect(rewrapped.kekID == second.id)
        #expect(file == before)
        for key in [wrapped, rewrapped] {
            let source = try EncryptedArchiveSource(ciphertext: MemoryByteSource(file), wrappedKey: key, keys: keys)
            #expect(try source.readRange(offset: 0, count: 100) == plaintext)
        }
        // Only the second key left: the rewrapped key opens, the old one names a missing key.
        let onlySecond = InMemoryKeyProvider([second])
        #expect(try EncryptedArchiveSource(ciphertext: MemoryByteSource(file), wrappedKey: rewrapped, keys: onlySecond).size == 100)
        let error = archiveError { _ = try EncryptedArchiveSource(ciphertext: MemoryByteSource(file), wrappedKey: wrapped, keys: onlySecond) }
        #expect(error?.code == .keyMissing)
        #expect(error?.message.contains("first") == true)
    }

    @Test func noKeyMeansNoArchive() throws {
        var written = 0
        let error = archiveError { _ = try ArchiveSealer.start(keys: InMemoryKeyProvider()) { written += $0.count } }
        #expect(error?.code == .noKeys)
        #expect(written == 0)
    }

    @Test func keyDescriptionsNeverShowKeyBytes() throws {
        let kek = try KeyEncryptionKey(id: "shown", key: SymmetricKey(data: [UInt8](repeating: 0xAB, count: 32)))
        var dumped = ""
        dump(kek, to: &dumped)
        for text in ["\(kek)", String(reflecting: kek), dumped] {
            #expect(text.contains("shown"))
            #expect(!text.lowercased().contains("abab"))
            #expect(!text.contains("171"))
        }
    }
}

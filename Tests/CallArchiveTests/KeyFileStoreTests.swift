import CallArchive
import CallAudio
import CallModel
import Crypto
import Foundation
import Testing

@Suite struct KeyFileStoreTests {
    let clock = FixedWallClock(Date(timeIntervalSince1970: 1_795_428_900))  // 2026-11-23 10:15:00 UTC

    @Test func anEmptyStoreTellsToRunKeysInit() throws {
        let folder = try TemporaryFolder()
        let store = KeyFileStore(directory: folder.url.appendingPathComponent("keys"))
        let error = archiveError { _ = try store.activeKey() }
        #expect(error?.code == .noKeys)
        #expect(error?.message.contains("nokchwi keys init") == true)
        #expect(try store.keyIDs().isEmpty)
    }

    @Test func initCreatesAPrivateDirectoryAndPrivateFiles() throws {
        let folder = try TemporaryFolder()
        let home = NokchwiHome(root: folder.url)
        let store = KeyFileStore(home: home)
        let kek = try store.initialize(clock: clock)
        #expect(kek.id.hasPrefix("20261123T101500Z-"))
        #expect(kek.id.count == "20261123T101500Z-1a2b3c".count)
        #expect(try fileMode(home.keysDirectory.path) == 0o700)
        #expect(try fileMode(store.keyFilePath(id: kek.id)) == 0o600)
        #expect(try fileMode(home.keysDirectory.appendingPathComponent("active").path) == 0o600)
        #expect(try store.initialize(clock: clock).id == kek.id)
        #expect(try store.keyIDs() == [kek.id])
        #expect(try store.activeKey().id == kek.id)
        // No temporary files left behind.
        #expect(try FileManager.default.contentsOfDirectory(atPath: home.keysDirectory.path).sorted() == ["active", "kek-\(kek.id).key"])
    }

    @Test func rotateMakesANewActiveKeyAndOldArchivesStillOpen() throws {
        let folder = try TemporaryFolder()
        let store = KeyFileStore(directory: folder.url.appendingPathComponent("keys"))
        let first = try store.initialize(clock: clock)
        var oldFile: [UInt8] = []
        let (oldSealer, oldKey) = try ArchiveSealer.start(keys: store, segmentSize: 64) { oldFile.append(contentsOf: $0) }
        let oldPlaintext = testBytes(300, seed: 11)
        try oldPlaintext.withUnsafeBytes { try oldSealer.write($0) }
        try oldSealer.finish()

        let second = try store.rotate(clock: clock)
        #expect(second.id != first.id)
        #expect(try store.activeKey().id == second.id)
        #expect(Set(try store.keyIDs()) == [first.id, second.id])

        var newFile: [UInt8] = []
        let (newSealer, newKey) = try ArchiveSealer.start(keys: store) { newFile.append(contentsOf: $0) }
        try newSealer.finish()
        #expect(newKey.kekID == second.id)
        #expect(oldKey.kekID == first.id)

        // Through a fresh store value (as another process would see the directory).
        let reopened = KeyFileStore(directory: store.directory)
        let old = try EncryptedArchiveSource(ciphertext: MemoryByteSource(oldFile), wrappedKey: oldKey, keys: reopened)
        #expect(try old.readRange(offset: 0, count: 300) == oldPlaintext)
        #expect(try EncryptedArchiveSource(ciphertext: MemoryByteSource(newFile), wrappedKey: newKey, keys: reopened).size == 0)

        // --rewrap, then the old key file can go: the old archive still opens.
        let rewrapped = try reopened.rewrap(oldKey, to: reopened.activeKey())
        try FileManager.default.removeItem(atPath: store.keyFilePath(id: first.id))
        #expect(try EncryptedArchiveSource(ciphertext: MemoryByteSource(oldFile), wrappedKey: rewrapped, keys: reopened)
            .readRange(offset: 0, count: 300) == oldPlaintext)
    }

    @Test func aKeyFileOpenToOthersIsRefused() throws {
        let folder = try TemporaryFolder()
        let store = KeyFileStore(directory: folder.url.appendingPathComponent("keys"))
        let kek = try store.initialize(clock: clock)
        let path = store.keyFilePath(id: kek.id)
        #expect(chmod(path, 0o644) == 0)
        let error = archiveError { _ = try store.activeKey() }
        #expect(error?.code == .insecureKeyFile)
        #expect(error?.message.contains("chmod 600") == true)
        #expect(chmod(path, 0o600) == 0)
        #expect(try store.activeKey().id == kek.id)
    }

    @Test func aKeyDirectoryOpenToOthersIsRefused() throws {
        let folder = try TemporaryFolder()
        let store = KeyFileStore(directory: folder.url.appendingPathComponent("keys"))
        try store.initialize(clock: clock)
        #expect(chmod(store.directory.path, 0o755) == 0)
        let error = archiveError { _ = try store.activeKey() }
        #expect(error?.code == .insecureKeyFile)
        #expect(error?.message.contains("chmod 700") == true)
        #expect(archiveErrorCode { _ = try store.rotate(clock: clock) } == .insecureKeyFile)
    }

    @Test func aMissingKeyIsNamedWithoutKeyBytes() throws {
        let folder = try TemporaryFolder()
        let store = KeyFileStore(directory: folder.url.appendingPathComponent("keys"))
        let kek = try store.initialize(clock: clock)
        let stored = try String(contentsOfFile: store.keyFilePath(id: kek.id), encoding: .utf8)
            .trimmingCharacters(in: .whitespacesAndNewlines)
        let bytes = try #require(Data(base64Encoded: stored))
        let hex = bytes.map { String(format: "%02x", $0) }.joined()
        let missingID = "20250101T000000Z-abcdef"
        let error = archiveError { _ = try store.key(id: missingID) }
        #expect(error?.code == .keyMissing)
        let text = "\(try #require(error))"
        #expect(text.contains(missingID))
        #expect(!text.contains(stored))
        #expect(!text.contains(hex))
        #expect(!text.contains(String(stored.prefix(12))))
    }

    @Test func damagedOrInvalidKeysAreRefused() throws {
        let folder = try TemporaryFolder()
        let store = KeyFileStore(directory: folder.url.appendingPathComponent("keys"))
        let kek = try store.initialize(clock: clock)
        #expect(archiveErrorCode { _ = try store.key(id: "../catalog") } == .keyMissing)
        let path = store.keyFilePath(id: kek.id)
        try Data("not a key\n".utf8).write(to: URL(fileURLWithPath: path))
        #expect(chmod(path, 0o600) == 0)
        #expect(archiveErrorCode { _ = try store.activeKey() } == .badKeyFile)
    }

    @Test func anActiveFileWithoutItsKeyIsKeyMissing() throws {
        let folder = try TemporaryFolder()
        let store = KeyFileStore(directory: folder.url.appendingPathComponent("keys"))
        let first = try store.initialize(clock: clock)
        let second = try store.rotate(clock: clock)
        try FileManager.default.removeItem(atPath: store.keyFilePath(id: second.id))
        let error = archiveError { _ = try store.activeKey() }
        #expect(error?.code == .keyMissing)
        #expect(error?.message.contains(second.id) == true)
        #expect(try store.key(id: first.id).id == first.id)
    }
}

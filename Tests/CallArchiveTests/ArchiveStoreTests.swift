import CallModel
import CallArchive
import Foundation
import Testing

private func temporaryDirectory() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("nokchwi-archive-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

@Suite struct ArchiveStoreTests {
    @Test func hashMatchesKnownSHA256() throws {
        var hasher = ContentHasher()
        hasher.update(Data("abc".utf8))
        #expect(hasher.finalize() == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }

    @Test func fileHashStreamsLargeFiles() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("big.bin").path
        let data = Data((0..<(3 << 20)).map { UInt8(truncatingIfNeeded: $0 &* 31) })
        try data.write(to: URL(fileURLWithPath: path))
        var hasher = ContentHasher()
        hasher.update(data)
        let result = try ContentHasher.hashFile(atPath: path)
        #expect(result.sha256 == hasher.finalize())
        #expect(result.bytes == Int64(data.count))
    }

    @Test func commitPublishesUnderContentAddressAndLeavesNoTemporary() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = ArchiveStore(root: dir)
        let writer = try store.begin()
        try Data("opus bytes".utf8).withUnsafeBytes { try writer.write($0) }
        let relative = try store.commit(writer, day: ArchiveDay(year: 2026, month: 11, day: 23))
        #expect(relative == "2026/11/23/\(writer.sha256).opus")
        #expect(try Data(contentsOf: URL(fileURLWithPath: store.absolutePath(relative))) == Data("opus bytes".utf8))
        #expect(try FileManager.default.contentsOfDirectory(atPath: store.temporaryDirectory).isEmpty)
        try store.verify(relativePath: relative, sha256: writer.sha256)
    }

    @Test func neverOverwritesADifferentFile() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = ArchiveStore(root: dir)
        let writer = try store.begin()
        try Data("new".utf8).withUnsafeBytes { try writer.write($0) }
        let target = try store.absolutePath(store.relativePath(sha256: writer.sha256, day: ArchiveDay(year: 2026, month: 1, day: 2)))
        try DurableFileWriter.makeDirectories((target as NSString).deletingLastPathComponent)
        try Data("someone else's bytes".utf8).write(to: URL(fileURLWithPath: target))
        #expect(throws: ArchiveError.self) { _ = try store.commit(writer, day: ArchiveDay(year: 2026, month: 1, day: 2)) }
        #expect(try Data(contentsOf: URL(fileURLWithPath: target)) == Data("someone else's bytes".utf8))
    }

    @Test func sameContentTwiceIsOneFile() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = ArchiveStore(root: dir)
        var paths: [String] = []
        for _ in 0..<2 {
            let writer = try store.begin()
            try Data("same".utf8).withUnsafeBytes { try writer.write($0) }
            paths.append(try store.commit(writer, day: ArchiveDay(year: 2026, month: 11, day: 23)))
        }
        #expect(paths[0] == paths[1])
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.appendingPathComponent("2026/11/23").path).count == 1)
    }

    @Test func verifyDetectsAFlippedByteAndAMissingFile() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = ArchiveStore(root: dir)
        let writer = try store.begin()
        try Data("archive content".utf8).withUnsafeBytes { try writer.write($0) }
        let relative = try store.commit(writer, day: ArchiveDay(year: 2026, month: 11, day: 23))
        let path = try store.absolutePath(relative)
        var bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        bytes[3] ^= 0x01
        try bytes.write(to: URL(fileURLWithPath: path))
        #expect { try store.verify(relativePath: relative, sha256: writer.sha256) } throws: { ($0 as? ArchiveError)?.code == .hashMismatch }
        try FileManager.default.removeItem(atPath: path)
        #expect { try store.verify(relativePath: relative, sha256: writer.sha256) } throws: { ($0 as? ArchiveError)?.code == .missing }
    }

    @Test func abandonedTemporaryIsSweptButALiveOneIsKept() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = ArchiveStore(root: dir)
        try DurableFileWriter.makeDirectories(store.temporaryDirectory)
        // pid 2^22+1 is above Linux's pid_max default: no such process.
        let dead = store.temporaryDirectory + "/4194305-dead.partial"
        FileManager.default.createFile(atPath: dead, contents: Data([1]))
        let live = try store.begin()
        #expect(store.sweepAbandonedTemporaries() == 1)
        #expect(!FileManager.default.fileExists(atPath: dead))
        #expect(FileManager.default.fileExists(atPath: live.temporaryPath))
    }

    @Test func pathsEscapingTheArchiveAreRefused() {
        let store = ArchiveStore(root: URL(fileURLWithPath: "/tmp/archive"))
        #expect(throws: ArchiveError.self) { _ = try store.absolutePath("../catalog.sqlite") }
        #expect(throws: ArchiveError.self) { _ = try store.absolutePath("/etc/passwd") }
    }
}

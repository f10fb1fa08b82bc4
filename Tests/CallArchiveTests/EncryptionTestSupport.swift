import CallArchive
import CallAudio
import Crypto
import Foundation

/// Deterministic test bytes (SplitMix64).
func testBytes(_ count: Int, seed: UInt64 = 1) -> [UInt8] {
    var state = seed
    return (0..<count).map { _ in
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return UInt8(truncatingIfNeeded: z ^ (z >> 31))
    }
}

/// Encrypts `plaintext` into memory, writing it in `chunk`-byte pieces.
func sealInMemory(_ plaintext: [UInt8], key: SymmetricKey, segmentSize: Int, kekID: String = "test-kek",
                  chunk: Int = 7) throws -> [UInt8] {
    var out: [UInt8] = []
    let sealer = try ArchiveSealer(dataKey: key, header: ArchiveEnvelope.Header(segmentSize: segmentSize, kekID: kekID)) {
        out.append(contentsOf: $0)
    }
    try plaintext.withUnsafeBytes { all in
        var offset = 0
        while offset < all.count {
            let n = min(chunk, all.count - offset)
            try sealer.write(UnsafeRawBufferPointer(rebasing: all[offset..<(offset + n)]))
            offset += n
        }
    }
    try sealer.finish()
    return out
}

func openInMemory(_ ciphertext: [UInt8], key: SymmetricKey) throws -> EncryptedArchiveSource {
    try EncryptedArchiveSource(ciphertext: MemoryByteSource(ciphertext), dataKey: key)
}

/// The `ArchiveError` code `body` throws, nil when it does not throw (or throws something else).
func archiveErrorCode(_ body: () throws -> Void) -> ArchiveError.Code? {
    do {
        try body()
        return nil
    } catch let error as ArchiveError {
        return error.code
    } catch {
        return nil
    }
}

/// The `ArchiveError` `body` throws, nil otherwise.
func archiveError(_ body: () throws -> Void) -> ArchiveError? {
    do {
        try body()
        return nil
    } catch {
        return error as? ArchiveError
    }
}

/// A fresh temporary folder, removed when the value is released.
final class TemporaryFolder {
    let url: URL
    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("nokchwi-keys-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }
    deinit { try? FileManager.default.removeItem(at: url) }
}

func fileMode(_ path: String) throws -> Int {
    let attributes = try FileManager.default.attributesOfItem(atPath: path)
    return (attributes[.posixPermissions] as? NSNumber)?.intValue ?? -1
}

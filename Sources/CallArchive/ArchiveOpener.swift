import CallAudio
import CallCatalog
import CallModel
import Foundation

/// Opens a cataloged call's archive for reading (export, re-analysis, the player): plain Ogg Opus as it is, an
/// encrypted archive through its data key (unwrapped with the key-encryption key the catalog names). A missing
/// key, a wrong key or an altered file is an error, never silence.
public struct ArchiveOpener: Sendable {
    public let store: ArchiveStore
    public let catalog: Catalog
    public let keys: any KeyProvider

    public init(store: ArchiveStore, catalog: Catalog, keys: any KeyProvider) {
        self.store = store
        self.catalog = catalog
        self.keys = keys
    }

    /// The archive's plaintext (Ogg Opus) bytes, random access.
    public func bytes(of call: Call) throws -> any ArchiveByteSource {
        let path = try store.absolutePath(call.archive.relativePath)
        guard FileManager.default.fileExists(atPath: path) else {
            throw ArchiveError(.missing, "archive file is missing; run `nokchwi scrub` and restore it from backup", path: call.archive.relativePath)
        }
        switch call.archive.format {
        case .oggOpus:
            return try FileByteSource(path: path)
        case .encryptedV1:
            guard let record = try catalog.archiveKey(callID: call.id) else {
                throw ArchiveError(.keyMissing, "the archive's data key is not in the catalog (the call was purged, or the catalog is not the one that archived it)", path: call.archive.relativePath)
            }
            return try EncryptedArchiveSource(path: path, wrappedKey: WrappedDataKey(kekID: record.kekID, wrapped: record.wrappedKey), keys: keys)
        }
    }

    /// A decoder over the call's archive.
    public func reader(for call: Call) throws -> OpusArchiveReader {
        try OpusArchiveReader(source: try bytes(of: call), path: call.archive.relativePath)
    }
}

import CallModel
import Crypto
import Foundation

extension RetentionPolicy {
    /// The policy as canonical JSON (sorted keys, no spaces): what `snapshotSHA256` hashes and purge runs record.
    public var snapshotJSON: String { CatalogJSON.encode(self) }

    /// SHA-256 (hex) of `snapshotJSON`: names the exact policy a call was kept or destroyed under.
    public var snapshotSHA256: String { AuditChainHash.hex(SHA256.hash(data: Data(snapshotJSON.utf8))) }
}

import Crypto
import Foundation

/// The home's secret for keyed hashes of caller numbers (`keys/caller-hash.key`, 32 random bytes, mode 0600):
/// the queue-log imports store HMAC-SHA256(number) under it, never the number, so repeat calls can be counted.
/// Created on first use. Losing it only means later hashes no longer match earlier ones (repeat counting restarts).
public enum CallerHashKey {
    public static func path(in home: NokchwiHome) -> String {
        home.keysDirectory.appendingPathComponent("caller-hash.key").path
    }

    /// The secret, created when missing.
    public static func loadOrCreate(home: NokchwiHome) throws -> [UInt8] {
        let file = path(in: home)
        if let bytes = try SecretFile.read(file, maxBytes: 64) {
            guard bytes.count == 32 else { throw ArchiveError(.badKeyFile, "the caller-hash key is not 32 bytes", path: file) }
            return bytes
        }
        try SecretFile.makePrivateDirectory(home.keysDirectory.path)
        let key = SymmetricKey(size: .bits256).withUnsafeBytes { Array($0) }
        do {
            try SecretFile.write(key, to: file, replace: false)
        } catch {
            // Another process may have created it first: use theirs.
            if let theirs = try SecretFile.read(file, maxBytes: 64), theirs.count == 32 { return theirs }
            throw error
        }
        return key
    }
}

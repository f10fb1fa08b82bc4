import CallCatalog
import Crypto
import Foundation

/// A signed statement "the audit chain had entry `seq` with hash `hash` at `at`", one JSON line of
/// `<home>/audit/checkpoints.jsonl`. Checkpoints let `AuditVerifier` detect a rewritten or truncated chain even
/// when every remaining entry is consistent: the chain must still hold `seq` with `hash`.
public struct AuditCheckpoint: Codable, Sendable, Equatable {
    /// The chain head's seq (0 for an empty chain).
    public var seq: Int64
    /// The chain head's hash (64 zeros for an empty chain).
    public var hash: String
    /// When the checkpoint was written (audit timestamp text, UTC, milliseconds).
    public var at: String
    /// Ed25519 public key (raw, base64) of the signer.
    public var publicKey: String
    /// Ed25519 signature (base64) over `signedBytes`.
    public var signature: String

    enum CodingKeys: String, CodingKey {
        case seq, hash, at, publicKey = "public_key", signature
    }

    public static let version = "nokchwi-audit-checkpoint-v1"

    /// What is signed: the version tag, seq, hash, at and public key, each as an 8-byte big-endian length and
    /// its UTF-8 bytes.
    public var signedBytes: [UInt8] {
        var bytes: [UInt8] = []
        for field in [AuditCheckpoint.version, String(seq), hash, at, publicKey] {
            let utf8 = Array(field.utf8)
            let length = UInt64(utf8.count)
            for shift in stride(from: 56, through: 0, by: -8) { bytes.append(UInt8(truncatingIfNeeded: length >> UInt64(shift))) }
            bytes.append(contentsOf: utf8)
        }
        return bytes
    }

    static func signed(seq: Int64, hash: String, at: Date, key: AuditSigningKey) throws -> AuditCheckpoint {
        var checkpoint = AuditCheckpoint(seq: seq, hash: hash, at: AuditTimestamp.string(at),
                                         publicKey: key.publicKeyBase64, signature: "")
        checkpoint.signature = try key.sign(checkpoint.signedBytes).base64EncodedString()
        return checkpoint
    }

    /// Whether the signature is valid for the public key the checkpoint carries (whether that key is trusted is
    /// the verifier's question).
    public var hasValidSignature: Bool {
        guard let raw = Data(base64Encoded: publicKey), let key = try? Curve25519.Signing.PublicKey(rawRepresentation: raw),
              let signature = Data(base64Encoded: signature) else { return false }
        return key.isValidSignature(signature, for: signedBytes)
    }

    /// One JSON line (sorted keys, no trailing newline).
    public func jsonLine() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(self), as: UTF8.self)
    }
}

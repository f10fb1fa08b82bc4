import Crypto
import Foundation

/// The public half of the audit signing key, as it is recorded off the host (`nokchwi init` prints it and writes
/// `<home>/audit/signing-key.pub`): one line `nokchwi-audit-public-key-v1 <base64>`. `audit verify --public-key FILE`
/// pins it, so a key replaced in `keys/` (and checkpoints re-signed with it) no longer verifies.
public enum AuditPublicKey {
    public static let header = "nokchwi-audit-public-key-v1"
    public static let fileName = "signing-key.pub"

    public static func line(_ key: Curve25519.Signing.PublicKey) -> String {
        header + " " + key.rawRepresentation.base64EncodedString()
    }

    /// Reads a pinned public key: the line above, or the bare base64 (as printed by `init`).
    public static func load(path: String) throws -> Curve25519.Signing.PublicKey {
        guard let data = FileManager.default.contents(atPath: path), data.count < 4096 else {
            throw AccessError(.io, "cannot read the pinned public key file; give the file `nokchwi init` wrote (audit/\(fileName)) or its copy", path: path)
        }
        let words = String(decoding: data, as: UTF8.self).split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" || $0 == "\r" })
        let encoded = words.count == 2 && words[0] == header ? String(words[1]) : (words.count == 1 ? String(words[0]) : "")
        guard let raw = Data(base64Encoded: encoded), let key = try? Curve25519.Signing.PublicKey(rawRepresentation: raw) else {
            throw AccessError(.keyFileInvalid, "not an audit public key (expected `\(header) BASE64`); copy it again from the record made at init", path: path)
        }
        return key
    }
}

extension AuditSigningKey {
    /// SHA-256 of the raw public key, hex, in groups of 4 (what to compare by eye or over the phone).
    public static func fingerprint(of key: Curve25519.Signing.PublicKey) -> String {
        let hex = SHA256.hash(data: key.rawRepresentation).map { String(format: "%02x", $0) }.joined()
        var groups: [String] = []
        var index = hex.startIndex
        while index < hex.endIndex {
            let next = hex.index(index, offsetBy: 4)
            groups.append(String(hex[index..<next]))
            index = next
        }
        return groups.joined(separator: " ")
    }
}

import CallModel
import Crypto
import Foundation

/// The hash that links the audit chain: SHA-256 over an unambiguous encoding of one entry and the previous
/// entry's hash. The catalog computes it when appending; `AuditVerifier` recomputes it the same way.
///
/// Encoding (version 1): the tag `nokchwi-audit-v1`, then each field as an 8-byte big-endian length followed by
/// its UTF-8 bytes, in this order: seq (decimal), at (milliseconds since 1970, decimal), account, source address,
/// action, call id, reason, detail, prev hash. An absent call id or reason is a single 0 byte, a present one a 1
/// byte before the field. The detail is its entry count (decimal field) then key and value fields, keys sorted by
/// their UTF-8 bytes. Lengths make every field boundary explicit, so no two different entries encode alike.
public enum AuditChainHash {
    public static let version = "nokchwi-audit-v1"

    public static func hash(of entry: AuditEntry) -> String {
        hash(seq: entry.seq, atMilliseconds: AuditTimestamp.milliseconds(entry.at), account: entry.account,
             sourceAddress: entry.sourceAddress, action: entry.action.rawValue, callID: entry.callID,
             reason: entry.reason, detail: entry.detail, prevHash: entry.prevHash)
    }

    public static func hash(seq: Int64, atMilliseconds: Int64, account: String, sourceAddress: String, action: String,
                            callID: CallID?, reason: String?, detail: [String: String], prevHash: String) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(256)
        field(version, into: &bytes)
        field(String(seq), into: &bytes)
        field(String(atMilliseconds), into: &bytes)
        field(account, into: &bytes)
        field(sourceAddress, into: &bytes)
        field(action, into: &bytes)
        optional(callID?.rawValue, into: &bytes)
        optional(reason, into: &bytes)
        field(String(detail.count), into: &bytes)
        for (key, value) in detail.sorted(by: { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }) {
            field(key, into: &bytes)
            field(value, into: &bytes)
        }
        field(prevHash, into: &bytes)
        return hex(SHA256.hash(data: bytes))
    }

    /// Lower-case hex of a digest (the form stored in `hash` and `prev_hash`).
    public static func hex<D: Sequence>(_ digest: D) -> String where D.Element == UInt8 {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(64)
        for byte in digest {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    private static func field(_ text: String, into bytes: inout [UInt8]) {
        let utf8 = Array(text.utf8)
        let length = UInt64(utf8.count)
        for shift in stride(from: 56, through: 0, by: -8) { bytes.append(UInt8(truncatingIfNeeded: length >> UInt64(shift))) }
        bytes.append(contentsOf: utf8)
    }

    private static func optional(_ text: String?, into bytes: inout [UInt8]) {
        if let text {
            bytes.append(1)
            field(text, into: &bytes)
        } else {
            bytes.append(0)
        }
    }
}

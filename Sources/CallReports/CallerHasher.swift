import Crypto
import Foundation

/// Keyed hash of a caller number (HMAC-SHA256 under the catalog's secret, hex): the same number always gives the
/// same hash in one deployment, so repeat calls can be counted, and the number cannot be read back from it
/// without the secret. Only the digits count (`010-1234-5678` and `01012345678` hash alike); a caller id with
/// fewer than 3 digits (anonymous, `unknown`) gives nil.
public struct CallerHasher: Sendable {
    private let key: SymmetricKey

    public init(secret: [UInt8]) {
        key = SymmetricKey(data: secret)
    }

    public func hash(_ callerID: String) -> String? {
        var digits = callerID.filter { $0.isASCII && $0.isNumber }
        if digits.hasPrefix("82"), digits.count >= 11 { digits = "0" + digits.dropFirst(2) }
        guard digits.count >= 3 else { return nil }
        let mac = HMAC<SHA256>.authenticationCode(for: Data(digits.utf8), using: key)
        return Self.hex(Array(mac))
    }

    static let digits = Array("0123456789abcdef".utf8)

    static func hex(_ bytes: [UInt8]) -> String {
        var out = [UInt8]()
        out.reserveCapacity(bytes.count * 2)
        for b in bytes { out.append(digits[Int(b >> 4)]); out.append(digits[Int(b & 15)]) }
        return String(decoding: out, as: UTF8.self)
    }
}

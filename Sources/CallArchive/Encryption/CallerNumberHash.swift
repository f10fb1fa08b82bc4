import Crypto
import Foundation

/// Keyed hash of a caller number (HMAC-SHA256 under the home's caller-hash key, `CallerHashKey`, hex): the same number
/// always gives the same hash in one deployment, so calls of one caller can be found and repeat calls counted, and
/// the number cannot be read back from it without the secret. Only the digits count (`010-1234-5678` and
/// `01012345678` hash alike; `+82 10...` as `010...`); a caller id with fewer than 3 digits (anonymous, `unknown`)
/// gives nil. The queue-log imports (`CallerHasher` in CallReports) and the call catalog use this one function, so
/// their hashes can be joined.
public struct CallerNumberHash: Sendable {
    private let key: SymmetricKey

    public init(secret: [UInt8]) {
        key = SymmetricKey(data: secret)
    }

    /// The home's hasher (creates the caller-hash key on first use).
    public init(home: NokchwiHome) throws {
        self.init(secret: try CallerHashKey.loadOrCreate(home: home))
    }

    public func hash(_ callerID: String) -> String? {
        var digits = callerID.filter { $0.isASCII && $0.isNumber }
        if digits.hasPrefix("82"), digits.count >= 11 { digits = "0" + digits.dropFirst(2) }
        guard digits.count >= 3 else { return nil }
        let mac = HMAC<SHA256>.authenticationCode(for: Data(digits.utf8), using: key)
        return Self.hex(Array(mac))
    }

    static let digits = Array("0123456789abcdef".utf8)

    public static func hex(_ bytes: [UInt8]) -> String {
        var out = [UInt8]()
        out.reserveCapacity(bytes.count * 2)
        for b in bytes { out.append(digits[Int(b >> 4)]); out.append(digits[Int(b & 15)]) }
        return String(decoding: out, as: UTF8.self)
    }
}

import Crypto
import Foundation

/// A key-encryption key (KEK): a 256-bit AES key that wraps archive data keys, and its id.
/// Its description and reflection show the id only, never the key bytes.
public struct KeyEncryptionKey: Sendable, CustomStringConvertible, CustomReflectable {
    public let id: String
    let key: SymmetricKey

    /// A KEK from its bytes; the id must be a valid key id (`isValidID`).
    public init(id: String, key: SymmetricKey) throws {
        guard KeyEncryptionKey.isValidID(id) else {
            throw ArchiveError(.keyMissing, "\"\(id)\" is not a valid key id (letters, digits, '-' and '_', at most 64)")
        }
        guard key.bitCount == 256 else {
            throw ArchiveError(.badKeyFile, "key \(id) has \(key.bitCount) bits; key-encryption keys have 256")
        }
        self.id = id
        self.key = key
    }

    /// A new random KEK with an id made from the time (`makeID`).
    public static func generate(at date: Date) -> KeyEncryptionKey {
        try! KeyEncryptionKey(id: makeID(at: date), key: SymmetricKey(size: .bits256))
    }

    /// `20261123T101500Z-1a2b3c`: the UTC creation time (ids sort by age) and 24 random bits.
    public static func makeID(at date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        return String(format: "%04d%02d%02dT%02d%02d%02dZ-%06x", c.year!, c.month!, c.day!, c.hour!, c.minute!, c.second!,
                      UInt32.random(in: 0...0xff_ffff))
    }

    /// Key ids name files: 1 to 64 ASCII letters, digits, '-' or '_'.
    public static func isValidID(_ id: String) -> Bool {
        (1...64).contains(id.utf8.count) && id.utf8.allSatisfy { byte in
            (0x30...0x39).contains(byte) || (0x41...0x5a).contains(byte) || (0x61...0x7a).contains(byte) || byte == 0x2d || byte == 0x5f
        }
    }

    public var description: String { "KeyEncryptionKey(\(id))" }
    public var customMirror: Mirror { Mirror(self, children: ["id": id]) }
}

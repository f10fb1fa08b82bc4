/// A call's id: its day in the center's zone and the first 10 hex digits of its source hash,
/// `YYYYMMDD-xxxxxxxxxx` (e.g. `20261123-239b74b0f7`). Encoded as that string in JSON and the catalog.
public struct CallID: RawRepresentable, Hashable, Comparable, Codable, Sendable, CustomStringConvertible,
    ExpressibleByStringLiteral {
    public let rawValue: String

    public init(rawValue: String) {
        self.rawValue = rawValue
    }

    public init(stringLiteral value: String) {
        rawValue = value
    }

    /// The id of a call of `day` whose sources hash to `sourceSHA256`.
    public init(day: ArchiveDay, sourceSHA256: String) {
        rawValue = day.compact + "-" + sourceSHA256.prefix(10)
    }

    public var description: String { rawValue }

    public static func < (lhs: CallID, rhs: CallID) -> Bool { lhs.rawValue < rhs.rawValue }

    public init(from decoder: any Decoder) throws {
        rawValue = try decoder.singleValueContainer().decode(String.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(rawValue)
    }
}

/// The calendar day a call is filed under (its start in the center's zone): the id's prefix and the archive's folder.
public struct ArchiveDay: Hashable, Sendable {
    public let year: Int
    public let month: Int
    public let day: Int

    public init(year: Int, month: Int, day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    /// `YYYYMMDD`, the call id's prefix.
    public var compact: String { pad(year, 4) + pad(month, 2) + pad(day, 2) }
    /// `YYYY/MM/DD`, the archive folder.
    public var folder: String { pad(year, 4) + "/" + pad(month, 2) + "/" + pad(day, 2) }

    private func pad(_ n: Int, _ width: Int) -> String {
        let digits = String(n)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}

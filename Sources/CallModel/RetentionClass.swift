import Foundation

/// How long a retention class keeps a call: a number of days, or of calendar years.
///
/// Counting follows the Korean Civil Act (arts. 157, 160), in the policy's time zone (Asia/Seoul by default):
/// the day of the call is not counted, the period starts at the next midnight, and the call expires at the midnight
/// that ends the period. So 60 days from a call on 2026-01-01 10:00 run from 01-02 to 03-02 and the call expires at
/// 2026-03-03 00:00; 3 years from a call on 2024-03-15 run to 2027-03-15 and it expires at 2027-03-16 00:00. A
/// period of years whose corresponding day does not exist (a period starting on 29 February) ends with the month
/// (the call expires on 1 March). Every rounding goes later, never earlier.
public enum RetentionPeriod: Sendable, Hashable, CustomStringConvertible {
    case days(Int)
    case years(Int)

    /// At most 100 years (36,525 days): longer is a typing mistake, and keeps date arithmetic in range.
    public static let maximumYears = 100
    public static let maximumDays = 36_525

    /// The instant a call that started at `start` expires (see the type's documentation).
    public func expiry(after start: Date, calendar: Calendar) -> Date {
        let first = calendar.date(byAdding: .day, value: 1, to: calendar.startOfDay(for: start))!
        switch self {
        case .days(let n):
            return calendar.date(byAdding: .day, value: n, to: first)!
        case .years(let n):
            let c = calendar.dateComponents([.year, .month, .day], from: first)
            var target = DateComponents(year: c.year! + n, month: c.month!, day: 1)
            let monthStart = calendar.date(from: target)!
            let daysInMonth = calendar.range(of: .day, in: .month, for: monthStart)!.count
            if c.day! <= daysInMonth {
                target.day = c.day!
                return calendar.date(from: target)!
            }
            // No corresponding day (29 February in a common year): the period ends with the month.
            return calendar.date(byAdding: .month, value: 1, to: monthStart)!
        }
    }

    /// `60 days`, `3 years`.
    public var description: String {
        switch self {
        case .days(let n): n == 1 ? "1 day" : "\(n) days"
        case .years(let n): n == 1 ? "1 year" : "\(n) years"
        }
    }
}

/// Which calls a retention class applies to: a call matches when its category, its department or any of its tags
/// is listed (compared without regard to case or surrounding spaces). A class with no rules matches no call; it
/// can still be the policy's default.
public struct RetentionMatch: Codable, Sendable, Hashable {
    public var categories: [String]
    public var departments: [String]
    public var tags: [String]

    public init(categories: [String] = [], departments: [String] = [], tags: [String] = []) {
        self.categories = categories
        self.departments = departments
        self.tags = tags
    }

    public var isEmpty: Bool { categories.isEmpty && departments.isEmpty && tags.isEmpty }

    public func matches(_ metadata: CallMetadata) -> Bool {
        func normal(_ s: String) -> String { s.trimmingCharacters(in: .whitespacesAndNewlines).lowercased() }
        func listed(_ value: String?, in list: [String]) -> Bool {
            guard let value, !list.isEmpty else { return false }
            let v = normal(value)
            return list.contains { normal($0) == v }
        }
        return listed(metadata.category, in: categories) || listed(metadata.department, in: departments)
            || metadata.tags.contains { listed($0, in: tags) }
    }
}

/// A named retention period with the rules that choose it (`retention.classes` in the pipeline YAML).
public struct RetentionClass: Codable, Sendable, Hashable {
    public var name: String
    public var period: RetentionPeriod
    public var match: RetentionMatch

    public init(name: String, period: RetentionPeriod, match: RetentionMatch = RetentionMatch()) {
        self.name = name
        self.period = period
        self.match = match
    }

    /// Class names are stored in the catalog and printed on certificates: 1-64 of `A-Z a-z 0-9 . _ -`.
    public static func isValidName(_ name: String) -> Bool {
        (1...64).contains(name.utf8.count) && name.utf8.allSatisfy { c in
            (0x30...0x39).contains(c) || (0x41...0x5A).contains(c) || (0x61...0x7A).contains(c) || c == 0x2E
                || c == 0x5F || c == 0x2D
        }
    }

    // The JSON (and YAML) shape: `{name, days | years, categories, departments, tags}`.
    enum CodingKeys: String, CodingKey { case name, days, years, categories, departments, tags }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        name = try c.decode(String.self, forKey: .name)
        let days = try c.decodeIfPresent(Int.self, forKey: .days)
        let years = try c.decodeIfPresent(Int.self, forKey: .years)
        switch (days, years) {
        case (let d?, nil): period = .days(d)
        case (nil, let y?): period = .years(y)
        default:
            throw DecodingError.dataCorrupted(.init(codingPath: c.codingPath,
                                                    debugDescription: "give exactly one of days or years"))
        }
        match = RetentionMatch(categories: try c.decodeIfPresent([String].self, forKey: .categories) ?? [],
                               departments: try c.decodeIfPresent([String].self, forKey: .departments) ?? [],
                               tags: try c.decodeIfPresent([String].self, forKey: .tags) ?? [])
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(name, forKey: .name)
        switch period {
        case .days(let n): try c.encode(n, forKey: .days)
        case .years(let n): try c.encode(n, forKey: .years)
        }
        try c.encode(match.categories, forKey: .categories)
        try c.encode(match.departments, forKey: .departments)
        try c.encode(match.tags, forKey: .tags)
    }
}

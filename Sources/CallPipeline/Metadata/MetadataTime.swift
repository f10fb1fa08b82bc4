import Foundation

/// Timestamp forms the recorders write, parsed strictly (a value that does not fit is reported, never guessed).
enum MetadataTime {
    /// What a timestamp said.
    enum Parsed: Equatable {
        /// With an explicit zone (`Z` or `+09:00`).
        case zoned(Date)
        /// Without a zone: read in the configured zone.
        case local(Date)
    }

    /// ISO 8601 / RFC 3339 `YYYY-MM-DDTHH:MM:SS[.fff][Z|±HH:MM]`. Without a zone the time is read in `zone`.
    static func iso8601(_ text: String, zone: TimeZone) -> Parsed? {
        let t = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard let m = t.wholeMatch(of: isoPattern) else { return nil }
        let (_, date, time, fraction, designator) = m.output
        guard let base = local(String(date) + " " + String(time), zone: designator == nil ? zone : utc)
        else { return nil }
        var result = base
        if let fraction, let f = Double("0." + fraction) { result += f }
        guard let designator else { return .local(result) }
        if designator == "Z" || designator == "z" { return .zoned(result) }
        // ±HH:MM or ±HHMM: the local time minus the offset is UTC.
        let sign: Double = designator.first == "-" ? -1 : 1
        let digits = designator.dropFirst().filter(\.isNumber)
        guard digits.count == 4, let hh = Double(digits.prefix(2)), let mm = Double(digits.suffix(2)),
              hh < 24, mm < 60
        else { return nil }
        return .zoned(result - sign * (hh * 3600 + mm * 60))
    }

    /// `YYYY-MM-DD HH:MM:SS` in `zone` (Asterisk CDR, FreeSWITCH `*_stamp`); nil unless it is exactly that
    /// and a real calendar time.
    ///
    /// Read byte by byte, not with a regular expression: a `Regex` literal is not `Sendable`, so it cannot be a
    /// stored static and would be parsed again on every call; the Asterisk adapter calls this for every field
    /// of every line it rejects (the Asterisk fuzz target ran at 82 inputs/s, 90% of it parsing the pattern).
    static func local(_ text: String, zone: TimeZone) -> Date? {
        let b = Array(text.utf8)
        guard b.count == 19, b[4] == UInt8(ascii: "-"), b[7] == UInt8(ascii: "-"), b[10] == UInt8(ascii: " "),
              b[13] == UInt8(ascii: ":"), b[16] == UInt8(ascii: ":") else { return nil }
        func number(_ range: Range<Int>) -> Int? {
            var value = 0
            for i in range {
                let digit = b[i] &- UInt8(ascii: "0")
                guard digit < 10 else { return nil }
                value = value * 10 + Int(digit)
            }
            return value
        }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        var c = DateComponents()
        (c.year, c.month, c.day) = (number(0..<4), number(5..<7), number(8..<10))
        (c.hour, c.minute, c.second) = (number(11..<13), number(14..<16), number(17..<19))
        guard c.year != nil, let month = c.month, (1...12).contains(month), let day = c.day, (1...31).contains(day),
              let hour = c.hour, hour < 24, let minute = c.minute, minute < 60, let second = c.second, second < 61,
              let date = calendar.date(from: c)
        else { return nil }
        // Reject dates the calendar rolled over (February 30 -> March 2).
        let back = calendar.dateComponents([.year, .month, .day], from: date)
        guard back.year == c.year, back.month == c.month, back.day == c.day else { return nil }
        return date
    }

    /// Seconds since 1970 from a decimal string (FreeSWITCH `*_epoch`); nil unless digits only.
    static func epochSeconds(_ text: String?) -> Double? {
        guard let text, MetaText.isDigits(text), let v = Double(text) else { return nil }
        return v
    }

    /// True for a time in 1970 (SRCs whose clock was never set write 1970-01-01 or thereabouts).
    static func isUnsetClock(_ date: Date) -> Bool {
        date < Date(timeIntervalSince1970: 365 * 86400)
    }

    static let utc = TimeZone(secondsFromGMT: 0)!

    static var isoPattern: Regex<(Substring, Substring, Substring, Substring?, Substring?)> {
        /(\d{4}-\d{2}-\d{2})[Tt ](\d{2}:\d{2}:\d{2})(?:\.(\d{1,9}))?([Zz]|[+-]\d{2}:?\d{2})?/
    }
}


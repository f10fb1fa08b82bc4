import CallModel
import Foundation

/// A sampling period: a calendar month (`2026-11`) or ISO week (`2026-W47`) in the center's time zone.
public struct SamplingPeriod: Codable, Sendable, Equatable, CustomStringConvertible {
    public var name: String
    public var start: Date
    public var end: Date

    public var description: String { name }

    public static func parse(_ text: String, timeZone: TimeZone = CenterTime.defaultZone) throws -> SamplingPeriod {
        var calendar = Calendar(identifier: .iso8601)
        calendar.timeZone = timeZone
        let parts = text.split(separator: "-")
        if parts.count == 2, let year = Int(parts[0]), parts[1].hasPrefix("W"), let week = Int(parts[1].dropFirst()),
           (1...53).contains(week),
           let start = calendar.date(from: DateComponents(weekday: 2, weekOfYear: week, yearForWeekOfYear: year)),
           let end = calendar.date(byAdding: .day, value: 7, to: start) {
            return SamplingPeriod(name: text, start: start, end: end)
        }
        if parts.count == 2, let year = Int(parts[0]), let month = Int(parts[1]), (1...12).contains(month), (2000...2200).contains(year),
           let start = calendar.date(from: DateComponents(year: year, month: month, day: 1)),
           let end = calendar.date(byAdding: .month, value: 1, to: start) {
            return SamplingPeriod(name: text, start: start, end: end)
        }
        throw ReviewError(.invalidPeriod, "the period \(text) is neither a month (2026-11) nor an ISO week (2026-W47)")
    }

    public var isWeek: Bool { name.contains("W") }
}

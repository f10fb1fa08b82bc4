import Foundation

/// What a report groups its rows by.
public enum ReportGrouping: String, Codable, Sendable, CaseIterable {
    case total, agent, team, department, category, queue, day, week, month, hour
}

/// Periods in the center's zone (Asia/Seoul by default: UTC+9 all year, no daylight saving, so a local day is
/// always 24 hours and starts at 15:00 UTC the day before).
public struct ReportCalendar: Sendable {
    public let zone: TimeZone
    private let calendar: Calendar

    public init(zone: TimeZone = TimeZone(identifier: "Asia/Seoul")!) {
        self.zone = zone
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        calendar.firstWeekday = 2
        calendar.minimumDaysInFirstWeek = 4
        self.calendar = calendar
    }

    /// `yyyy-MM-dd`, local.
    public func day(_ date: Date) -> String {
        let c = calendar.dateComponents([.year, .month, .day], from: date)
        return String(format: "%04d-%02d-%02d", c.year!, c.month!, c.day!)
    }

    public func month(_ date: Date) -> String {
        let c = calendar.dateComponents([.year, .month], from: date)
        return String(format: "%04d-%02d", c.year!, c.month!)
    }

    /// ISO 8601 week, `2026-W09`.
    public func week(_ date: Date) -> String {
        let c = calendar.dateComponents([.yearForWeekOfYear, .weekOfYear], from: date)
        return String(format: "%04d-W%02d", c.yearForWeekOfYear!, c.weekOfYear!)
    }

    /// Hour of the local day, `00`...`23`.
    public func hour(_ date: Date) -> String {
        String(format: "%02d", calendar.component(.hour, from: date))
    }

    /// Local midnight starting the day `yyyy-MM-dd`; nil when the text is not a date.
    public func start(ofDay text: String) -> Date? {
        let parts = text.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3, (1...12).contains(parts[1]), (1...31).contains(parts[2]) else { return nil }
        let date = calendar.date(from: DateComponents(year: parts[0], month: parts[1], day: parts[2]))
        return date.flatMap { day($0) == String(format: "%04d-%02d-%02d", parts[0], parts[1], parts[2]) ? $0 : nil }
    }

    /// Local midnight of the first day of `year`, and of the next year.
    public func bounds(ofYear year: Int) -> (Date, Date) {
        (calendar.date(from: DateComponents(year: year, month: 1, day: 1))!,
         calendar.date(from: DateComponents(year: year + 1, month: 1, day: 1))!)
    }

    /// The key of `date` for a period grouping; nil for the others.
    public func period(_ grouping: ReportGrouping, _ date: Date) -> String? {
        switch grouping {
        case .day: day(date)
        case .week: week(date)
        case .month: month(date)
        case .hour: hour(date)
        default: nil
        }
    }
}

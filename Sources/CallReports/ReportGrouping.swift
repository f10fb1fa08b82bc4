import CallModel
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

    /// The zone's offset when it has no daylight saving after 2000 (Asia/Seoul): days and hours are then integer
    /// arithmetic on the Unix time (fast for millions of calls); nil otherwise (Calendar).
    private let fixedOffset: Int?
    /// The zone's fixed offset from UTC in seconds (no daylight saving after 2000), nil otherwise.
    public var fixedOffsetSeconds: Int? { fixedOffset }
    private static let fastFrom = Date(timeIntervalSince1970: 946_684_800)

    public init(zone: TimeZone = CenterTime.defaultZone) {
        self.zone = zone
        fixedOffset = zone.nextDaylightSavingTimeTransition(after: Self.fastFrom) == nil ? zone.secondsFromGMT(for: Self.fastFrom) : nil
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        calendar.firstWeekday = 2
        calendar.minimumDaysInFirstWeek = 4
        self.calendar = calendar
    }

    /// Year, month, day in the zone; integer arithmetic for a fixed-offset zone (days-from-civil inverse, H. Hinnant).
    private func civil(_ date: Date) -> (Int, Int, Int) {
        if let offset = fixedOffset, date >= Self.fastFrom {
            let days = Int((date.timeIntervalSince1970 + Double(offset)) / 86_400)
            let z = days + 719_468
            let era = z / 146_097
            let doe = z - era * 146_097
            let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
            let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
            let mp = (5 * doy + 2) / 153
            let d = doy - (153 * mp + 2) / 5 + 1
            let m = mp < 10 ? mp + 3 : mp - 9
            return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
        }
        let c = calendar.dateComponents([.year, .month, .day], from: date)
        return (c.year!, c.month!, c.day!)
    }

    private static func pad(_ n: Int, _ width: Int) -> String {
        let s = String(n)
        return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
    }

    /// `yyyy-MM-dd`, local.
    public func day(_ date: Date) -> String {
        let (y, m, d) = civil(date)
        return Self.pad(y, 4) + "-" + Self.pad(m, 2) + "-" + Self.pad(d, 2)
    }

    public func month(_ date: Date) -> String {
        let (y, m, _) = civil(date)
        return Self.pad(y, 4) + "-" + Self.pad(m, 2)
    }

    /// ISO 8601 week, `2026-W09`.
    public func week(_ date: Date) -> String {
        let c = calendar.dateComponents([.yearForWeekOfYear, .weekOfYear], from: date)
        return String(format: "%04d-W%02d", c.yearForWeekOfYear!, c.weekOfYear!)
    }

    /// Hour of the local day, `00`...`23`.
    public func hour(_ date: Date) -> String {
        if let offset = fixedOffset, date >= Self.fastFrom {
            let seconds = Int(date.timeIntervalSince1970) + offset
            return Self.pad((seconds % 86_400) / 3600, 2)
        }
        return Self.pad(calendar.component(.hour, from: date), 2)
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

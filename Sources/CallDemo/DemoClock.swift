/// The demo day, 2026-11-23 in Korea (+09:00), and the time formats the metadata formats use.
enum DemoClock {
    static let date = "2026-11-23"
    static let compactDate = "20261123"
    /// 2026-11-23T00:00:00+09:00 as a Unix time.
    static let midnightEpoch = 1_795_359_600
    /// Working hours the calls are spread over.
    static let dayStart = 9 * 3600
    static let dayEnd = 18 * 3600

    static func epoch(_ secondOfDay: Int) -> Int { midnightEpoch + secondOfDay }

    /// `09:14:05`
    static func clock(_ secondOfDay: Int) -> String {
        let s = ((secondOfDay % 86_400) + 86_400) % 86_400
        return pad2(s / 3600) + ":" + pad2(s / 60 % 60) + ":" + pad2(s % 60)
    }

    /// `091405`
    static func compactClock(_ secondOfDay: Int) -> String { clock(secondOfDay).filter { $0 != ":" } }

    /// `2026-11-23T09:14:05+09:00`
    static func iso(_ secondOfDay: Int) -> String { date + "T" + clock(secondOfDay) + "+09:00" }

    /// `2026-11-23 09:14:05` (Asterisk CDR, FreeSWITCH *_stamp: local time without zone).
    static func local(_ secondOfDay: Int) -> String { date + " " + clock(secondOfDay) }

    /// `2026-11-23T00:14:05Z` (SIPREC). Calls are within working hours, so the UTC date is the same day.
    static func utc(_ secondOfDay: Int) -> String {
        precondition(secondOfDay >= 9 * 3600 && secondOfDay < 33 * 3600, "demo calls are within working hours")
        return date + "T" + clock(secondOfDay - 9 * 3600) + "Z"
    }

    static func pad2(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
}

/// The retention floor (issue #21): the shortest a class may keep a call unless an admin confirmed the policy.
extension RetentionPolicy {
    /// The classes that may keep a call fewer than `floorDays` days (a year counts as 365 days).
    public func classes(shorterThan floorDays: Int) -> [RetentionClass] {
        classes.filter { $0.period.minimumDays < floorDays }
    }
}

extension RetentionPeriod {
    /// The fewest days the period can last (a year as 365 days).
    public var minimumDays: Int {
        switch self {
        case .days(let n): n
        case .years(let n): n * 365
        }
    }
}

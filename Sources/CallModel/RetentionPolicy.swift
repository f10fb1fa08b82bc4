import Foundation

/// What a retention policy decided for one call: its class and the instant it expires.
public struct RetentionAssignment: Codable, Sendable, Hashable {
    public var className: String
    public var expiresAt: Date

    public init(className: String, expiresAt: Date) {
        self.className = className
        self.expiresAt = expiresAt
    }

    enum CodingKeys: String, CodingKey { case className = "class", expiresAt = "expires_at" }
}

/// The retention classes of a deployment (`retention:` in the pipeline YAML) and how a call gets one.
///
/// A call gets every class whose rules match its metadata; when several match, the one that keeps the call longest
/// wins (ties: the class listed first). When none matches, the default class applies. Expiry is counted from the
/// call's start in `timeZone` (see `RetentionPeriod`). The policy only ever decides; the catalog only ever extends a
/// stored expiry (`Catalog.extendRetention`), so a changed policy never shortens what was promised.
public struct RetentionPolicy: Codable, Sendable, Hashable {
    public var classes: [RetentionClass]
    public var defaultClass: String
    /// IANA time zone in which days are counted.
    public var timeZone: String

    public static let defaultTimeZone = CenterTime.defaultZoneIdentifier

    public init(classes: [RetentionClass], defaultClass: String, timeZone: String = RetentionPolicy.defaultTimeZone) {
        self.classes = classes
        self.defaultClass = defaultClass
        self.timeZone = timeZone
    }

    /// The built-in policy (also `Pipelines/default.yaml`): general calls 3 years (default); complaints 5 years
    /// (category or tag `complaint`); a short class of 60 days for wrong numbers and test calls.
    public static let standard = RetentionPolicy(classes: [
        RetentionClass(name: "general", period: .years(3)),
        RetentionClass(name: "complaint", period: .years(5),
                       match: RetentionMatch(categories: ["complaint"], tags: ["complaint"])),
        RetentionClass(name: "short", period: .days(60),
                       match: RetentionMatch(categories: ["test-call"], tags: ["wrong-number"])),
    ], defaultClass: "general")

    public func retentionClass(named name: String) -> RetentionClass? {
        classes.first { $0.name == name }
    }

    /// The calendar days are counted in (Gregorian, `timeZone`; Asia/Seoul if the id is unknown).
    public var calendar: Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = CenterTime.zone(timeZone)
        return calendar
    }

    /// The class and expiry of a call with this metadata that started at `start`.
    /// The policy must be valid (`validationProblem() == nil`); an unknown default class keeps the call forever
    /// (`Date.distantFuture`) rather than guessing.
    public func evaluate(metadata: CallMetadata, start: Date) -> RetentionAssignment {
        let calendar = calendar
        var best: RetentionAssignment?
        for retentionClass in classes where retentionClass.match.matches(metadata) {
            let expiry = retentionClass.period.expiry(after: start, calendar: calendar)
            if best.map({ expiry > $0.expiresAt }) ?? true {
                best = RetentionAssignment(className: retentionClass.name, expiresAt: expiry)
            }
        }
        if let best { return best }
        guard let fallback = retentionClass(named: defaultClass) else {
            return RetentionAssignment(className: defaultClass, expiresAt: .distantFuture)
        }
        return RetentionAssignment(className: fallback.name, expiresAt: fallback.period.expiry(after: start, calendar: calendar))
    }

    /// The class and expiry of a stored call: counted from its start, or from its ingest when the recorder gave no
    /// start time.
    public func evaluate(_ call: Call) -> RetentionAssignment {
        evaluate(metadata: call.metadata, start: call.metadata.startTime ?? call.ingestedAt)
    }

    /// The first problem of the policy, as `key: what is wrong` with keys relative to the `retention:` section
    /// (`classes[1].name: ...`), or nil when it is valid.
    public func validationProblem() -> String? {
        if TimeZone(identifier: timeZone) == nil { return "timezone: \"\(timeZone)\" is not an IANA time zone (for example Asia/Seoul)" }
        if classes.isEmpty { return "classes: at least one retention class is needed" }
        var seen: Set<String> = []
        for (index, c) in classes.enumerated() {
            let key = "classes[\(index)]"
            guard RetentionClass.isValidName(c.name) else {
                return "\(key).name: \"\(c.name)\" is not a valid class name (1-64 letters, digits, '.', '_' or '-')"
            }
            guard seen.insert(c.name).inserted else { return "\(key).name: the class name \"\(c.name)\" is used twice" }
            switch c.period {
            case .days(let n) where !(1...RetentionPeriod.maximumDays).contains(n):
                return "\(key).days: must be 1...\(RetentionPeriod.maximumDays), not \(n)"
            case .years(let n) where !(1...RetentionPeriod.maximumYears).contains(n):
                return "\(key).years: must be 1...\(RetentionPeriod.maximumYears), not \(n)"
            default: break
            }
            for (list, values) in [("categories", c.match.categories), ("departments", c.match.departments), ("tags", c.match.tags)]
            where values.contains(where: { $0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty }) {
                return "\(key).\(list): an empty value matches nothing; remove it"
            }
        }
        guard seen.contains(defaultClass) else {
            return "default_class: \"\(defaultClass)\" is not one of the classes (\(classes.map(\.name).joined(separator: ", ")))"
        }
        return nil
    }

    enum CodingKeys: String, CodingKey { case classes, defaultClass = "default_class", timeZone = "timezone" }
}

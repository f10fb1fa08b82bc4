import CallModel
import Foundation

/// The `retention:` section of a pipeline definition, as written (every key optional), made into a
/// `RetentionPolicy` with errors that name the key:
///
/// ```yaml
/// retention:
///   timezone: Asia/Seoul        # days are counted in this zone (default Asia/Seoul)
///   default_class: general      # for calls no class matches; required when classes are given
///   classes:
///     - name: general
///       years: 3                # or days: N (exactly one of them)
///     - name: complaint
///       years: 5
///       categories: [complaint] # a call matches on its category, department or any tag
///       tags: [complaint]
/// ```
/// `two_person: true` makes a purge or a hold release wait for a second archivist's approval.
/// Without `classes`, the built-in classes (`RetentionPolicy.standard`) apply.
struct RetentionSection: Decodable {
    var timezone: String?
    var defaultClass: String?
    var classes: [ClassEntry]?
    /// A purge or hold release needs a second archivist's approval (issue #21); once used, the home keeps it on.
    var twoPerson: Bool?

    struct ClassEntry: Decodable {
        var name: String?
        var days: Int?
        var years: Int?
        var categories: [String]?
        var departments: [String]?
        var tags: [String]?
    }

    enum CodingKeys: String, CodingKey {
        case timezone, defaultClass = "default_class", classes, twoPerson = "two_person"
    }

    func policy(path: String) throws -> RetentionPolicy {
        func invalid(_ what: String) -> PipelineError { PipelineError(.definitionInvalid, "retention.\(what)", path: path) }
        var policy = RetentionPolicy.standard
        if let timezone { policy.timeZone = timezone }
        if let entries = classes {
            guard let defaultClass else {
                throw invalid("default_class: missing; name the class for calls that no class matches")
            }
            policy.defaultClass = defaultClass
            policy.classes = try entries.enumerated().map { index, entry in
                let key = "classes[\(index)]"
                guard let name = entry.name else { throw invalid("\(key).name: missing; every class needs a name") }
                let period: RetentionPeriod
                switch (entry.days, entry.years) {
                case (let d?, nil): period = .days(d)
                case (nil, let y?): period = .years(y)
                case (nil, nil): throw invalid("\(key): give the retention period as days: N or years: N")
                default: throw invalid("\(key): give either days or years, not both")
                }
                return RetentionClass(name: name, period: period, match: RetentionMatch(
                    categories: entry.categories ?? [], departments: entry.departments ?? [], tags: entry.tags ?? []))
            }
        } else if let defaultClass {
            policy.defaultClass = defaultClass
        }
        return policy
    }
}

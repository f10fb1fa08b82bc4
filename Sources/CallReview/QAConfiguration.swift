import CallModel
import Foundation
import Yams

/// The `qa:` section of a pipeline definition: queue and dispute settings and the sampling plans.
public struct QAConfiguration: Codable, Sendable, Equatable {
    /// How long a claimed call stays with its evaluator before it returns to the queue.
    public var leaseMinutes: Int
    /// An evaluator is never given calls of the teams they belong to.
    public var excludeOwnTeam: Bool
    /// Days after submission during which a supervisor may dispute an evaluation.
    public var disputeWindowDays: Int
    public var maxDisputes: Int
    public var timeZone: String
    public var plans: [SamplingPlan]

    public init(leaseMinutes: Int = 30, excludeOwnTeam: Bool = true, disputeWindowDays: Int = 14, maxDisputes: Int = 2,
                timeZone: String = CenterTime.defaultZoneIdentifier, plans: [SamplingPlan] = []) {
        self.leaseMinutes = leaseMinutes
        self.excludeOwnTeam = excludeOwnTeam
        self.disputeWindowDays = disputeWindowDays
        self.maxDisputes = maxDisputes
        self.timeZone = timeZone
        self.plans = plans
    }

    public func plan(_ name: String) -> SamplingPlan? { plans.first { $0.name == name } }

    /// Reads the `qa:` section of a pipeline YAML file (defaults when absent), every problem reported at once.
    public static func load(pipelineYAML text: String, file: String) throws -> QAConfiguration {
        let t = YAMLTree(file: file)
        var config = QAConfiguration()
        if let root = t.parse(text), let top = t.map(root, ""), let qa = top["qa"] {
            if let m = t.map(qa.value, "qa") {
                t.expectOnly(m, ["lease_minutes", "exclude_own_team", "dispute_window_days", "max_disputes", "timezone", "plans"], "qa")
                config.leaseMinutes = Int(t.number(m, "lease_minutes", "qa", required: false, range: 1...1440) ?? 30)
                config.excludeOwnTeam = t.bool(m, "exclude_own_team", "qa") ?? true
                config.disputeWindowDays = Int(t.number(m, "dispute_window_days", "qa", required: false, range: 0...365) ?? 14)
                config.maxDisputes = Int(t.number(m, "max_disputes", "qa", required: false, range: 0...10) ?? 2)
                if let tz = t.string(m, "timezone", "qa", required: false) {
                    if TimeZone(identifier: tz) == nil { t.problem(m["timezone"]?.value, "qa.timezone", "unknown time zone") } else { config.timeZone = tz }
                }
                for (i, node) in (t.list(m["plans"]?.value, "qa.plans") ?? []).enumerated() {
                    if let plan = parsePlan(node, "qa.plans[\(i)]", t) {
                        if config.plans.contains(where: { $0.name == plan.name }) {
                            t.problem(node, "qa.plans[\(i)].name", "a plan named \(plan.name) exists already")
                        }
                        config.plans.append(plan)
                    }
                }
            }
        }
        guard t.problems.isEmpty else {
            throw ReviewError(.invalidPlan, "the qa section of \(file) has \(t.problems.count) problem(s)", problems: t.problems)
        }
        return config
    }

    private static func parsePlan(_ node: Node, _ key: String, _ t: YAMLTree) -> SamplingPlan? {
        guard let m = t.map(node, key) else { return nil }
        t.expectOnly(m, ["name", "period", "per_agent", "percent", "min_per_agent", "rubric", "stratify", "exclude", "targeted"], key)
        let name = t.string(m, "name", key, parent: node)
        var period = SamplingPlan.PeriodKind.month
        if let p = t.string(m, "period", key, required: false) {
            if let kind = SamplingPlan.PeriodKind(rawValue: p) { period = kind } else {
                t.problem(m["period"]?.value, "\(key).period", "expected week or month")
            }
        }
        let perAgent = t.number(m, "per_agent", key, required: false, range: 1...10_000)
        let percent = t.number(m, "percent", key, required: false, range: 0.01...100)
        let minimum = t.number(m, "min_per_agent", key, required: false, range: 0...10_000)
        var quota: SamplingPlan.Quota?
        switch (perAgent, percent) {
        case (let n?, nil): quota = .perAgent(Int(n))
        case (nil, let p?): quota = .percent(p, minimum: Int(minimum ?? 0))
        case (.some, .some): t.problem(node, key, "give per_agent or percent, not both")
        case (nil, nil): if m["per_agent"] == nil && m["percent"] == nil { t.problem(node, "\(key).per_agent", "missing: give per_agent (N calls) or percent (with min_per_agent)") }
        }
        if perAgent != nil, minimum != nil { t.problem(m["min_per_agent"]?.key, "\(key).min_per_agent", "only a percent plan takes a minimum") }
        let rubric = t.string(m, "rubric", key, parent: node)
        var stratify = true
        if let s = t.string(m, "stratify", key, required: false) {
            switch s {
            case "category": stratify = true
            case "none": stratify = false
            default: t.problem(m["stratify"]?.value, "\(key).stratify", "expected category or none")
            }
        }
        var exclusions = SamplingExclusions()
        if let e = m["exclude"], let em = t.map(e.value, "\(key).exclude") {
            let k = "\(key).exclude"
            t.expectOnly(em, ["min_duration_s", "categories", "tags"], k)
            exclusions.minDurationS = t.number(em, "min_duration_s", k, required: false, range: 0...86_400) ?? exclusions.minDurationS
            if em["categories"] != nil { exclusions.categories = Set(t.strings(em, "categories", k).map { $0.lowercased() }) }
            if em["tags"] != nil { exclusions.tags = Set(t.strings(em, "tags", k).map { $0.lowercased() }) }
        }
        var rules: [TargetedRule] = [], targetedPerAgent = 0
        if let tg = m["targeted"], let tm = t.map(tg.value, "\(key).targeted") {
            let k = "\(key).targeted"
            t.expectOnly(tm, ["max_per_agent", "rules"], k)
            targetedPerAgent = Int(t.number(tm, "max_per_agent", k, parent: tg.value, range: 0...10_000) ?? 0)
            for (i, ruleNode) in (t.list(tm["rules"]?.value, "\(k).rules") ?? []).enumerated() {
                let rk = "\(k).rules[\(i)]"
                guard let rm = t.map(ruleNode, rk) else { continue }
                t.expectOnly(rm, ["name", "dead_air_over_s", "hold_over_s", "overtalk_over_s", "transfers", "tags", "categories"], rk)
                let rule = TargetedRule(
                    name: t.string(rm, "name", rk, parent: ruleNode) ?? "rule-\(i + 1)",
                    deadAirOverS: t.number(rm, "dead_air_over_s", rk, required: false, range: 0...86_400),
                    holdOverS: t.number(rm, "hold_over_s", rk, required: false, range: 0...86_400),
                    overtalkOverS: t.number(rm, "overtalk_over_s", rk, required: false, range: 0...86_400),
                    transfers: t.bool(rm, "transfers", rk) ?? false,
                    tags: Set(t.strings(rm, "tags", rk).map { $0.lowercased() }),
                    categories: Set(t.strings(rm, "categories", rk).map { $0.lowercased() }))
                if rule.deadAirOverS == nil, rule.holdOverS == nil, rule.overtalkOverS == nil, !rule.transfers,
                   rule.tags.isEmpty, rule.categories.isEmpty {
                    t.problem(ruleNode, rk, "a rule needs a condition (dead_air_over_s, hold_over_s, overtalk_over_s, transfers, tags or categories)")
                }
                rules.append(rule)
            }
        }
        guard let name, let quota, let rubric else { return nil }
        return SamplingPlan(name: name, period: period, quota: quota, rubric: rubric, stratifyByCategory: stratify,
                            exclusions: exclusions, targeted: rules, targetedPerAgent: targetedPerAgent)
    }
}

/// A sampling plan (`qa.plans[]` in the pipeline YAML): how many calls of each agent to evaluate per period, which
/// calls never to sample, and the targeted rules that pick calls worth hearing first.
public struct SamplingPlan: Codable, Sendable, Equatable {
    public enum PeriodKind: String, Codable, Sendable { case week, month }
    public enum Quota: Codable, Sendable, Equatable {
        /// N calls per agent per period.
        case perAgent(Int)
        /// p% of each agent's eligible calls, at least `minimum`.
        case percent(Double, minimum: Int)

        public func calls(outOf eligible: Int) -> Int {
            switch self {
            case .perAgent(let n): n
            case .percent(let p, let minimum): max(minimum, Int((Double(eligible) * p / 100).rounded(.up)))
            }
        }
    }

    public var name: String
    public var period: PeriodKind
    public var quota: Quota
    /// Rubric id the sampled calls are evaluated with.
    public var rubric: String
    /// Split each agent's random picks across call categories in proportion to their calls.
    public var stratifyByCategory: Bool
    public var exclusions: SamplingExclusions
    public var targeted: [TargetedRule]
    /// How many of an agent's calls per period the targeted rules may take (counted in the quota).
    public var targetedPerAgent: Int

    public init(name: String, period: PeriodKind = .month, quota: Quota, rubric: String, stratifyByCategory: Bool = true,
                exclusions: SamplingExclusions = SamplingExclusions(), targeted: [TargetedRule] = [], targetedPerAgent: Int = 0) {
        self.name = name
        self.period = period
        self.quota = quota
        self.rubric = rubric
        self.stratifyByCategory = stratifyByCategory
        self.exclusions = exclusions
        self.targeted = targeted
        self.targetedPerAgent = targetedPerAgent
    }
}

public struct SamplingExclusions: Codable, Sendable, Equatable {
    /// Calls shorter than this are never sampled.
    public var minDurationS: Double
    /// Categories and tags of calls never sampled (test calls, wrong numbers).
    public var categories: Set<String>
    public var tags: Set<String>

    public init(minDurationS: Double = 30, categories: Set<String> = ["test-call"], tags: Set<String> = ["test", "test-call"]) {
        self.minDurationS = minDurationS
        self.categories = categories
        self.tags = tags
    }
}

/// A rule on stored metrics and metadata; a call matching any rule of the plan is a targeted pick.
public struct TargetedRule: Codable, Sendable, Equatable {
    public var name: String
    public var deadAirOverS: Double?
    public var holdOverS: Double?
    public var overtalkOverS: Double?
    public var transfers: Bool
    public var tags: Set<String>
    public var categories: Set<String>

    public init(name: String, deadAirOverS: Double? = nil, holdOverS: Double? = nil, overtalkOverS: Double? = nil,
                transfers: Bool = false, tags: Set<String> = [], categories: Set<String> = []) {
        self.name = name
        self.deadAirOverS = deadAirOverS
        self.holdOverS = holdOverS
        self.overtalkOverS = overtalkOverS
        self.transfers = transfers
        self.tags = tags
        self.categories = categories
    }

    /// Whether the call matches, without saying why (`match` builds the reason; the draw asks this of every call and
    /// builds reasons only for its picks). True exactly when `match` is not nil.
    public func matches(_ call: SampleCandidate) -> Bool {
        var any = false
        if let limit = deadAirOverS { guard let v = call.deadAirS, v > limit else { return false }; any = true }
        if let limit = holdOverS { guard let v = call.holdS, v > limit else { return false }; any = true }
        if let limit = overtalkOverS { guard let v = call.overtalkS, v > limit else { return false }; any = true }
        if transfers { guard call.transfers > 0 else { return false }; any = true }
        if !tags.isEmpty { guard call.tags.contains(where: { tags.contains($0.lowercased()) }) else { return false }; any = true }
        if !categories.isEmpty { guard let c = call.category?.lowercased(), categories.contains(c) else { return false }; any = true }
        return any
    }

    /// Why the call matches (e.g. "dead air 42 s > 30 s"), nil when it does not. All conditions of a rule must hold.
    public func match(_ call: SampleCandidate) -> String? {
        var why: [String] = []
        if let limit = deadAirOverS {
            guard let v = call.deadAirS, v > limit else { return nil }
            why.append("dead air \(Int(v)) s > \(Int(limit)) s")
        }
        if let limit = holdOverS {
            guard let v = call.holdS, v > limit else { return nil }
            why.append("hold \(Int(v)) s > \(Int(limit)) s")
        }
        if let limit = overtalkOverS {
            guard let v = call.overtalkS, v > limit else { return nil }
            why.append("overtalk \(Int(v)) s > \(Int(limit)) s")
        }
        if transfers {
            guard call.transfers > 0 else { return nil }
            why.append("\(call.transfers) transfer(s)")
        }
        if !tags.isEmpty {
            let hit = tags.intersection(call.tags.map { $0.lowercased() })
            guard !hit.isEmpty else { return nil }
            why.append("tag \(hit.sorted().joined(separator: ","))")
        }
        if !categories.isEmpty {
            guard let c = call.category?.lowercased(), categories.contains(c) else { return nil }
            why.append("category \(c)")
        }
        return why.isEmpty ? nil : "\(name): " + why.joined(separator: ", ")
    }
}

/// What the sampler knows of a call: metadata and stored metrics only (never the caller number).
public struct SampleCandidate: Codable, Sendable, Equatable {
    public var callID: String
    public var agentID: String
    public var team: String?
    public var category: String?
    public var tags: [String]
    /// Seconds since 1970 (the call's start).
    public var startedAt: Double
    public var durationS: Double
    public var deadAirS: Double?
    public var holdS: Double?
    public var overtalkS: Double?
    public var transfers: Int
    /// Purged or under a legal hold: never sampled.
    public var unavailable: Bool

    public init(callID: String, agentID: String, team: String? = nil, category: String? = nil, tags: [String] = [],
                startedAt: Double, durationS: Double, deadAirS: Double? = nil, holdS: Double? = nil,
                overtalkS: Double? = nil, transfers: Int = 0, unavailable: Bool = false) {
        self.callID = callID
        self.agentID = agentID
        self.team = team
        self.category = category
        self.tags = tags
        self.startedAt = startedAt
        self.durationS = durationS
        self.deadAirS = deadAirS
        self.holdS = holdS
        self.overtalkS = overtalkS
        self.transfers = transfers
        self.unavailable = unavailable
    }
}

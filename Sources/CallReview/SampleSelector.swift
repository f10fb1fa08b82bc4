import Foundation

/// A call the sampler picked, and why.
public struct SamplePick: Codable, Sendable, Equatable {
    public var callID: String
    public var agentID: String
    public var targeted: Bool
    public var reason: String

    public init(callID: String, agentID: String, targeted: Bool, reason: String) {
        self.callID = callID
        self.agentID = agentID
        self.targeted = targeted
        self.reason = reason
    }

    enum CodingKeys: String, CodingKey { case callID = "call_id", agentID = "agent_id", targeted, reason }
}

public struct AgentSampleSummary: Codable, Sendable, Equatable {
    public var agentID: String
    public var eligible: Int
    public var quota: Int
    public var alreadySampled: Int
    public var picked: Int

    enum CodingKeys: String, CodingKey {
        case agentID = "agent_id", eligible, quota, alreadySampled = "already_sampled", picked
    }
}

public struct SampleDraw: Codable, Sendable, Equatable {
    public var plan: String
    public var period: String
    public var picks: [SamplePick]
    public var agents: [AgentSampleSummary]
    public var warnings: [String]
    /// Calls left out by the plan's exclusions, by reason.
    public var excluded: [String: Int]
}

/// Draws a plan's sample for a period: a pure function of the candidate calls, the plan, the period and what the
/// plan sampled before, so a rerun adds only what the period still lacks and never picks a call twice.
///
/// Per agent (in id order): quota from the plan (N, or p% of the eligible calls with a minimum), less the calls
/// sampled before in this period; first the targeted rules (at most `targetedPerAgent`, random among matches),
/// then random picks split across categories in proportion to their calls (largest remainder), each category's
/// picks spread over the period: k picks take one call from each of k equal time windows (an empty window's pick
/// goes to a random leftover call of the category). Randomness is seeded by plan, period and agent.
public enum SampleSelector {
    public static func draw(candidates: [SampleCandidate], plan: SamplingPlan, period: SamplingPeriod,
                            previous: [SamplePick], everSampled: Set<String>) -> SampleDraw {
        let start = period.start.timeIntervalSince1970, end = period.end.timeIntervalSince1970
        var excluded: [String: Int] = [:]
        var eligibleByAgent: [String: [SampleCandidate]] = [:]
        for call in candidates where call.startedAt >= start && call.startedAt < end {
            if let why = exclusion(call, plan.exclusions) { excluded[why, default: 0] += 1; continue }
            eligibleByAgent[call.agentID, default: []].append(call)
        }
        let previousByAgent = Dictionary(grouping: previous, by: \.agentID)
        var picks: [SamplePick] = [], summaries: [AgentSampleSummary] = [], warnings: [String] = []
        for agent in Set(eligibleByAgent.keys).union(previousByAgent.keys).sorted() {
            let eligible = (eligibleByAgent[agent] ?? []).sorted { ($0.startedAt, $0.callID) < ($1.startedAt, $1.callID) }
            let before = previousByAgent[agent] ?? []
            let quota = plan.quota.calls(outOf: eligible.count)
            let need = max(0, quota - before.count)
            var pool = eligible.filter { !everSampled.contains($0.callID) }
            var rng = SeededRandom(text: "\(plan.name)|\(period.name)|\(agent)")
            var mine: [SamplePick] = []
            // Targeted rules first.
            let targetedLeft = min(need, max(0, plan.targetedPerAgent - before.filter(\.targeted).count))
            if targetedLeft > 0 {
                // The first rule each call matches; the reason is written only for the calls picked.
                let matches = pool.compactMap { c in plan.targeted.firstIndex { $0.matches(c) }.map { (c, $0) } }
                for (call, rule) in matches.shuffled(using: &rng).prefix(targetedLeft) {
                    let why = plan.targeted[rule].match(call) ?? plan.targeted[rule].name
                    mine.append(SamplePick(callID: call.callID, agentID: agent, targeted: true, reason: "targeted (\(why))"))
                }
                let taken = Set(mine.map(\.callID))
                pool.removeAll { taken.contains($0.callID) }
            }
            let randomNeed = need - mine.count
            if randomNeed > 0 {
                mine += randomPicks(pool, count: randomNeed, plan: plan, start: start, end: end, agent: agent, rng: &rng)
            }
            if mine.count < need {
                warnings.append("agent \(agent): \(eligible.count) eligible call(s) for a quota of \(quota) (\(before.count) sampled before); took every call left (\(mine.count))")
            }
            picks += mine
            summaries.append(AgentSampleSummary(agentID: agent, eligible: eligible.count, quota: quota,
                                                alreadySampled: before.count, picked: mine.count))
        }
        return SampleDraw(plan: plan.name, period: period.name, picks: picks, agents: summaries, warnings: warnings,
                          excluded: excluded)
    }

    static func exclusion(_ call: SampleCandidate, _ rules: SamplingExclusions) -> String? {
        if call.unavailable { return "purged or held" }
        if call.durationS < rules.minDurationS { return "shorter than \(Int(rules.minDurationS)) s" }
        if let c = call.category?.lowercased(), rules.categories.contains(c) { return "category \(c)" }
        if call.tags.contains(where: { rules.tags.contains($0.lowercased()) }) { return "excluded tag" }
        return nil
    }

    private static func randomPicks(_ pool: [SampleCandidate], count: Int, plan: SamplingPlan, start: Double, end: Double,
                                    agent: String, rng: inout SeededRandom) -> [SamplePick] {
        if pool.count <= count {
            return pool.map { SamplePick(callID: $0.callID, agentID: agent, targeted: false, reason: "random (every eligible call taken)") }
        }
        let strata: [(String, [SampleCandidate])] = plan.stratifyByCategory
            ? Dictionary(grouping: pool) { $0.category ?? "(none)" }.sorted { $0.key < $1.key }
            : [("", pool)]
        // Largest remainder: floor of the proportional share, then the largest fractions (ties by category name).
        let shares = strata.map { Double(count) * Double($0.1.count) / Double(pool.count) }
        var alloc = shares.map { Int($0) }
        let order = shares.indices.sorted { (shares[$0] - Double(alloc[$0]), -$0) > (shares[$1] - Double(alloc[$1]), -$1) }
        for i in order.prefix(count - alloc.reduce(0, +)) { alloc[i] += 1 }
        var picks: [SamplePick] = []
        for (i, (category, calls)) in strata.enumerated() where alloc[i] > 0 {
            let k = alloc[i]
            var left = calls
            var chosen: [(SampleCandidate, String)] = []
            let width = (end - start) / Double(k)
            for w in 0..<k {
                let lo = start + Double(w) * width, hi = w == k - 1 ? end : lo + width
                let inWindow = left.indices.filter { left[$0].startedAt >= lo && left[$0].startedAt < hi }
                guard let j = inWindow.randomElement(using: &rng) else { continue }
                chosen.append((left.remove(at: j), "window \(w + 1) of \(k)"))
            }
            while chosen.count < k, !left.isEmpty {
                let j = Int.random(in: 0..<left.count, using: &rng)
                chosen.append((left.remove(at: j), "an empty window's pick, from the rest of the period"))
            }
            let label = plan.stratifyByCategory ? ", category \(category)" : ""
            picks += chosen.map { SamplePick(callID: $0.0.callID, agentID: agent, targeted: false, reason: "random (\($0.1)\(label))") }
        }
        return picks
    }
}

import CallReview
import Foundation
import Testing

@Suite struct SamplingTests {
    static let period = try! SamplingPeriod.parse("2026-11")

    /// `agents` agents, `perAgent` calls each spread over November, categories alternating; every 7th call has
    /// 45 s of dead air.
    static func candidates(agents: Int = 3, perAgent: Int = 40) -> [SampleCandidate] {
        let start = period.start.timeIntervalSince1970, span = period.end.timeIntervalSince1970 - start
        return (0..<agents).flatMap { a in
            (0..<perAgent).map { i in
                SampleCandidate(callID: "c-\(a)-\(i)", agentID: "agent-\(a)", team: "team-1",
                                category: ["여권", "주정차", "세금"][i % 3], startedAt: start + span * Double(i) / Double(perAgent),
                                durationS: i == 5 ? 10 : 180, deadAirS: i % 7 == 0 ? 45 : 2)
            }
        }
    }

    static let plan = SamplingPlan(name: "monthly", quota: .perAgent(4), rubric: "municipal-call",
                                   targeted: [TargetedRule(name: "long-dead-air", deadAirOverS: 30)], targetedPerAgent: 1)

    @Test func periodsInSeoulTime() throws {
        let month = try SamplingPeriod.parse("2026-11")
        #expect(month.start.timeIntervalSince1970 == 1_793_458_800)  // 2026-11-01T00:00+09:00
        #expect(month.end.timeIntervalSince(month.start) == 30 * 86_400)
        let week = try SamplingPeriod.parse("2026-W47")
        #expect(week.end.timeIntervalSince(week.start) == 7 * 86_400)
        #expect(throws: ReviewError.self) { try SamplingPeriod.parse("2026-13") }
    }

    @Test func reproducibleQuotaTargetedAndExcluded() {
        let a = SampleSelector.draw(candidates: Self.candidates(), plan: Self.plan, period: Self.period, previous: [], everSampled: [])
        let b = SampleSelector.draw(candidates: Self.candidates().reversed(), plan: Self.plan, period: Self.period, previous: [], everSampled: [])
        #expect(a.picks == b.picks)
        #expect(a.picks.count == 12)
        #expect(Dictionary(grouping: a.picks, by: \.agentID).values.allSatisfy { $0.count == 4 && $0.filter(\.targeted).count == 1 })
        #expect(a.picks.filter(\.targeted).allSatisfy { $0.reason.contains("dead air 45 s > 30 s") })
        #expect(!a.picks.contains { $0.callID.hasSuffix("-5") })  // shorter than 30 s
        #expect(a.excluded["shorter than 30 s"] == 3)
        #expect(Set(a.picks.map(\.callID)).count == a.picks.count)
    }

    @Test func randomPicksSpreadOverThePeriodAndCategories() {
        let plan = SamplingPlan(name: "spread", quota: .perAgent(6), rubric: "r", stratifyByCategory: true)
        let draw = SampleSelector.draw(candidates: Self.candidates(agents: 1, perAgent: 90), plan: plan, period: Self.period,
                                       previous: [], everSampled: [])
        let categories = Dictionary(grouping: draw.picks) { $0.callID.split(separator: "-").last.map { Int($0)! % 3 }! }
        #expect(categories.count == 3 && categories.values.allSatisfy { $0.count == 2 })
        // Each category's two picks come from the two halves of the month.
        for picks in categories.values {
            let indexes = picks.map { Int($0.callID.split(separator: "-").last!)! }.sorted()
            #expect(indexes[0] < 45 && indexes[1] >= 45)
        }
    }

    @Test func rerunAddsOnlyWhatIsMissing() {
        let first = SampleSelector.draw(candidates: Self.candidates(), plan: Self.plan, period: Self.period, previous: [], everSampled: [])
        let again = SampleSelector.draw(candidates: Self.candidates(), plan: Self.plan, period: Self.period, previous: first.picks,
                                        everSampled: Set(first.picks.map(\.callID)))
        #expect(again.picks.isEmpty)
        // One agent lost two samples (e.g. a call was purged from the sample): only those two are drawn, never a repeat.
        let kept = first.picks.filter { $0.agentID != "agent-1" } + first.picks.filter { $0.agentID == "agent-1" }.prefix(2)
        let refill = SampleSelector.draw(candidates: Self.candidates(), plan: Self.plan, period: Self.period, previous: Array(kept),
                                         everSampled: Set(first.picks.map(\.callID)))
        #expect(refill.picks.count == 2 && refill.picks.allSatisfy { $0.agentID == "agent-1" })
        #expect(Set(refill.picks.map(\.callID)).isDisjoint(with: first.picks.map(\.callID)))
    }

    @Test func agentWithTooFewCallsGetsAllAndAWarning() {
        let calls = Self.candidates(agents: 1, perAgent: 3)
        let draw = SampleSelector.draw(candidates: calls, plan: Self.plan, period: Self.period, previous: [], everSampled: [])
        #expect(draw.picks.count == 3)
        #expect(draw.warnings.count == 1 && draw.warnings[0].contains("agent-0"))
    }

    @Test func percentQuotaWithMinimum() {
        #expect(SamplingPlan.Quota.percent(2, minimum: 3).calls(outOf: 100) == 3)
        #expect(SamplingPlan.Quota.percent(2, minimum: 3).calls(outOf: 1000) == 20)
        #expect(SamplingPlan.Quota.percent(2.5, minimum: 0).calls(outOf: 101) == 3)
    }

    @Test func defaultPipelineQASectionLoads() throws {
        let config = try QAConfiguration.load(pipelineYAML: try ReviewFixtures.text("Pipelines/default.yaml"), file: "default.yaml")
        #expect(config.leaseMinutes == 30 && config.excludeOwnTeam && config.maxDisputes == 2)
        let plan = try #require(config.plan("monthly"))
        #expect(plan.quota == .perAgent(4) && plan.targetedPerAgent == 1 && plan.targeted.count == 5)
        #expect(plan.exclusions.categories == ["test-call"])
    }

    @Test func badPlanListsEveryProblem() {
        let yaml = """
        qa:
          lease_minutes: 0
          plans:
            - name: p
              per_agent: 3
              percent: 2
              rubric: r
              targeted:
                rules:
                  - name: nothing
        """
        do {
            _ = try QAConfiguration.load(pipelineYAML: yaml, file: "p.yaml")
            Issue.record("accepted a bad plan")
        } catch let error as ReviewError {
            let found = Set(error.problems.map { "\($0.line.map(String.init) ?? "-") \($0.key)" })
            #expect(found == ["2 qa.lease_minutes", "4 qa.plans[0]", "9 qa.plans[0].targeted.max_per_agent", "10 qa.plans[0].targeted.rules[0]"],
                    "got \(found.sorted())")
        } catch { Issue.record("unexpected \(error)") }
    }
}

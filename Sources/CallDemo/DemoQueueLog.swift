import Foundation

/// The ACD's side of the demo day, consistent with the recordings: an Asterisk `queue_log` in which every inbound
/// recorded call entered the queue (`민원`), rang for its ring time and was answered by its agent's extension, plus
/// abandoned and timed-out calls that have no audio; the agents' consultation records; post-call survey answers;
/// and the center's agent directory (each agent's ids in every recorder format). Written to `OUT/acd/`.
/// Queue call ids are the recordings' external ids, so the two join (calls without metadata get their demo id).
enum DemoQueueLog {
    struct Files {
        var queueLog: String
        var consultations: String
        var surveys: String
        var agents: String
    }

    static let queue = "민원"

    static func build(_ plans: [DemoCallPlan], seed: UInt64) -> Files {
        var rng = DemoRandom.derived(seed, 5000)
        var lines: [(Int, Int, String)] = []  // (epoch, order, line)
        var consultations = ["call_id,category,department,outcome"]
        var surveys = ["call_id,score"]
        func add(_ epoch: Int, _ text: String) { lines.append((epoch, lines.count, "\(epoch)|" + text)) }
        var callers: [String] = []
        for plan in plans where plan.direction == .inbound {
            let id = plan.externalID.isEmpty ? plan.callID : plan.externalID
            let entered = DemoClock.epoch(plan.answerSecondOfDay - plan.ringSeconds)
            let answered = DemoClock.epoch(plan.answerSecondOfDay)
            let agent = "SIP/" + plan.agent.extensionNumber
            let talk = Int(plan.targetSeconds.rounded())
            add(entered, "\(id)|\(queue)|NONE|ENTERQUEUE||\(plan.callerNumber)|1")
            add(answered, "\(id)|\(queue)|\(agent)|CONNECT|\(plan.ringSeconds)|\(id).1|\(plan.ringSeconds)")
            if plan.transferToDepartment {
                add(answered + talk, "\(id)|\(queue)|\(agent)|BLINDTRANSFER|\(departmentExtension(plan.department))|default|\(plan.ringSeconds)|\(talk)|1")
            } else {
                add(answered + talk, "\(id)|\(queue)|\(agent)|\(rng.chance(0.5) ? "COMPLETECALLER" : "COMPLETEAGENT")|\(plan.ringSeconds)|\(talk)|1")
            }
            let outcome = plan.transferToDepartment ? "transferred" : rng.chance(0.08) ? "callback" : "direct"
            consultations.append("\(id),\(plan.category),\(plan.department),\(outcome)")
            if rng.chance(0.4) { surveys.append("\(id),\(max(1, min(5, 5 - Int((rng.unit() * rng.unit() * 4).rounded()))))") }
            callers.append(plan.callerNumber)
        }
        // Calls that never reached an agent (no recording): abandons, a few of them short, and queue timeouts.
        let unanswered = max(2, plans.count / 8)
        for i in 0..<unanswered {
            let id = "\(DemoClock.epoch(0)).\(90_000 + i)"
            let entered = DemoClock.epoch(rng.int(DemoClock.dayStart...(DemoClock.dayEnd - 600)))
            // Some callers who gave up call again (repeat calls).
            let caller = !callers.isEmpty && rng.chance(0.3) ? rng.pick(callers) : DemoDirectory.callerNumber(&rng)
            add(entered, "\(id)|\(queue)|NONE|ENTERQUEUE||\(caller)|\(rng.int(1...6))")
            if i % 5 == 4 {
                add(entered + 300, "\(id)|\(queue)|NONE|EXITWITHTIMEOUT|3|\(rng.int(1...6))|300")
            } else {
                let wait = i % 4 == 0 ? rng.int(1...4) : rng.int(8...120)
                add(entered + wait, "\(id)|\(queue)|NONE|ABANDON|2|\(rng.int(1...6))|\(wait)")
            }
        }
        let log = lines.sorted { ($0.0, $0.1) < ($1.0, $1.1) }.map(\.2)
        let start = "\(DemoClock.epoch(DemoClock.dayStart - 600))|NONE|\(queue)|NONE|QUEUESTART|"
        var agents = ["agent,recorder_id,display_name,team,department,valid_from,valid_to"]
        for a in DemoDirectory.agents {
            let n = String(a.id.dropFirst())
            for recorderID in [a.id, "agent" + n, a.extensionNumber, "SIP/" + a.extensionNumber] {
                agents.append("\(a.id),\(recorderID),\(a.name),\(a.team),민원상담,2026-01-01,")
            }
        }
        return Files(queueLog: ([start] + log).joined(separator: "\n") + "\n", consultations: consultations.joined(separator: "\n") + "\n",
                     surveys: surveys.joined(separator: "\n") + "\n", agents: agents.joined(separator: "\n") + "\n")
    }

    /// The department official's extension a transfer goes to.
    static func departmentExtension(_ department: String) -> String {
        let index = DemoDirectory.departments.firstIndex { $0.name == department } ?? 0
        return "3" + String(format: "%03d", index + 1)
    }

    static func write(_ plans: [DemoCallPlan], seed: UInt64, into sink: DemoFileSink) throws(DemoDataError) {
        let files = build(plans, seed: seed)
        try sink.write(files.queueLog, to: "queue_log")
        try sink.write(files.consultations, to: "consultations.csv")
        try sink.write(files.surveys, to: "surveys.csv")
        try sink.write(files.agents, to: "agents.csv")
    }
}

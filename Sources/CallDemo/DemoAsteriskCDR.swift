/// Rows of Asterisk's `Master.csv` (cdr_csv): 18 columns, strings quoted, duration and billsec bare,
/// times local without a zone. The recording starts at the answer; `userfield` carries
/// `agent=...;team=...;department=...;category=...;tags=a,b` as the dialplan sets it.
enum DemoAsteriskCDR {
    static let columns = [
        "accountcode", "src", "dst", "dcontext", "clid", "channel", "dstchannel", "lastapp", "lastdata", "start",
        "answer", "end", "duration", "billsec", "disposition", "amaflags", "uniqueid", "userfield",
    ]

    static func row(plan: DemoCallPlan, truth: DemoCallTruth) -> String {
        let number = plan.callerNumber.filter(\.isNumber)
        let answer = plan.answerSecondOfDay
        let start = answer - plan.ringSeconds
        let end = answer + Int(truth.durationS.rounded(.up))
        let sequence = 0x1000 + 2 * plan.index
        var userfield = "agent=\(plan.agent.id);team=\(plan.agent.team);department=\(plan.department)"
            + ";category=\(plan.category)"
        if !plan.tags.isEmpty { userfield += ";tags=" + plan.tags.joined(separator: ",") }
        let fields: [(String, Bool)] = [
            ("citycc", true), (number, true), (DemoDirectory.serviceNumber, true), ("from-trunk", true),
            ("\"\(number)\" <\(number)>", true), ("PJSIP/carrier-trunk-" + hex8(sequence), true),
            ("PJSIP/agent\(plan.agent.id.dropFirst())-" + hex8(sequence + 1), true), ("Queue", true),
            ("civil-complaints,tT", true), (DemoClock.local(start), true), (DemoClock.local(answer), true),
            (DemoClock.local(end), true), (String(end - start), false), (String(end - answer), false),
            ("ANSWERED", true), ("DOCUMENTATION", true), (plan.externalID, true), (userfield, true),
        ]
        return fields.map { $0.1 ? quote($0.0) : $0.0 }.joined(separator: ",")
    }

    static func quote(_ s: String) -> String { "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }

    private static func hex8(_ n: Int) -> String { DemoCallPlanner.hex(UInt64(n), 8) }
}

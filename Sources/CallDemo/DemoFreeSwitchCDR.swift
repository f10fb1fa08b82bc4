/// A FreeSWITCH JSON CDR (mod_json_cdr): every variable a string. Hold as FreeSWITCH records it:
/// `hold_accum_seconds` (total) and `hold_events` `{{on_us,off_us},...}` in absolute microseconds since the
/// epoch; subtract `answer_uepoch` (= answer_epoch × 10^6 here) to get recording time. Call-center fields are
/// dialplan variables named like the sidecar's (`agent_id`, `team`, `department`, `category`, `tags`), plus
/// mod_callcenter's `cc_agent` / `cc_queue`.
struct DemoFreeSwitchCDR: Encodable {
    struct ChannelData: Encodable {
        let state: String
        let direction: String
        let state_number: String
    }

    let core_uuid: String
    let switchname: String
    let channel_data: ChannelData
    let variables: [String: String]

    enum CodingKeys: String, CodingKey {
        case core_uuid = "core-uuid", switchname, channel_data, variables
    }

    init(plan: DemoCallPlan, truth: DemoCallTruth, recordingPath: String?) {
        core_uuid = "5c2a7d0e-9b1f-4e3a-8c6d-2f0b1a9e7d41"
        switchname = "fs-cc-01"
        channel_data = ChannelData(state: "CS_REPORTING", direction: "inbound", state_number: "11")
        let number = plan.callerNumber.filter(\.isNumber)
        let answer = DemoClock.epoch(plan.answerSecondOfDay)
        let start = answer - plan.ringSeconds
        let end = answer + Int(truth.durationS.rounded(.up))
        var v: [String: String] = [
            "uuid": plan.externalID,
            "call_uuid": plan.externalID,
            "direction": "inbound",
            "caller_id_number": number,
            "caller_id_name": number,
            "destination_number": DemoDirectory.serviceNumber,
            "start_epoch": String(start), "answer_epoch": String(answer), "end_epoch": String(end),
            "start_uepoch": String(start) + "000000", "answer_uepoch": String(answer) + "000000",
            "end_uepoch": String(end) + "000000",
            "start_stamp": DemoClock.local(plan.answerSecondOfDay - plan.ringSeconds),
            "answer_stamp": DemoClock.local(plan.answerSecondOfDay),
            "end_stamp": DemoClock.local(plan.answerSecondOfDay + end - answer),
            "duration": String(end - start), "billsec": String(end - answer),
            "answersec": String(plan.ringSeconds), "waitsec": String(plan.ringSeconds),
            "hangup_cause": "NORMAL_CLEARING",
            "RECORD_STEREO": "true",
            "cc_queue": "civil-complaints@default",
            "cc_agent": plan.agent.id,
            "agent_id": plan.agent.id, "team": plan.agent.team, "department": plan.department,
            "category": plan.category,
        ]
        if !plan.tags.isEmpty { v["tags"] = plan.tags.joined(separator: ",") }
        if let recordingPath { v["record_file_path"] = recordingPath }
        if !plan.hasHold { v["hold_accum_seconds"] = "0" }
        if plan.hasHold, plan.holdMetadata != .none {
            let total = truth.hold.reduce(0.0) { $0 + ($1[1] - $1[0]) }
            v["hold_accum_seconds"] = String(Int(total.rounded()))
            if plan.holdMetadata == .intervals {
                let us = truth.hold.map { h -> String in
                    let on = Int64(answer) * 1_000_000 + Int64((h[0] * 1000).rounded()) * 1000
                    let off = Int64(answer) * 1_000_000 + Int64((h[1] * 1000).rounded()) * 1000
                    return "{\(on),\(off)}"
                }
                v["hold_events"] = "{" + us.joined(separator: ",") + "}"
                if let last = truth.hold.last { v["last_hold_epoch"] = String(answer + Int(last[0])) }
            }
        }
        variables = v
    }
}

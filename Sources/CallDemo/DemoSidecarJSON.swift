/// The sidecar JSON of the README's convention 1, beside the call's audio.
struct DemoSidecarJSON: Encodable {
    struct Legs: Encodable {
        let agent: String
        let caller: String
    }

    struct Event: Encodable {
        let type: String
        let start: Double
        let end: Double?
        let detail: String?
    }

    let call_id: String
    let start_time: String
    let agent_id: String
    let team: String
    let department: String
    let category: String
    let tags: [String]
    let direction: String
    let caller_number: String
    let agent_channel: Int?
    let audio: String?
    let legs: Legs?
    let events: [Event]

    /// Stereo calls name their audio in every other sidecar; `named` legs always name theirs (they are not
    /// `BASE-agent`/`BASE-caller`); the other legs rely on the default names.
    init(plan: DemoCallPlan, truth: DemoCallTruth) {
        call_id = plan.externalID
        start_time = DemoClock.iso(plan.answerSecondOfDay)
        agent_id = plan.agent.id
        team = plan.agent.team
        department = plan.department
        category = plan.category
        tags = plan.tags
        direction = plan.direction.rawValue
        caller_number = plan.callerNumber
        agent_channel = plan.agentChannel
        let files = plan.files
        func name(_ path: String) -> String { String(path.split(separator: "/").last!) }
        switch plan.layout {
        case .stereo:
            audio = (plan.index / 4) % 2 == 0 ? name(files.agent) : nil
            legs = nil
        case .legs(let naming):
            audio = nil
            legs = naming == .named ? Legs(agent: name(files.agent), caller: name(files.caller)) : nil
        }
        var events: [Event] = []
        if plan.holdMetadata == .intervals {
            events += truth.hold.map { Event(type: "hold", start: $0[0], end: $0[1], detail: nil) }
        }
        if let transfer = truth.transfer {
            events.append(Event(type: "transfer", start: transfer.at, end: nil, detail: transfer.detail))
        }
        self.events = events
    }
}

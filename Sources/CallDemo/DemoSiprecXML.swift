/// SIPREC recording metadata (RFC 7865, `urn:ietf:params:xml:ns:recording:1`): one group, one session, the
/// agent and the caller as participants, two streams (labels "1" and "2"), and which stream each participant
/// sends. A stereo recording's channels follow the streams in document order; leg files are `BASE-LABEL.wav`.
enum DemoSiprecXML {
    static func document(plan: DemoCallPlan, truth: DemoCallTruth, rng: inout DemoRandom) -> String {
        let group = DemoCallPlanner.base64ID(&rng)
        let session = plan.externalID
        let agentID = DemoCallPlanner.base64ID(&rng)
        let callerID = DemoCallPlanner.base64ID(&rng)
        let streamA = DemoCallPlanner.base64ID(&rng)  // label 1
        let streamB = DemoCallPlanner.base64ID(&rng)  // label 2
        let (agentStream, callerStream) = plan.agentStreamFirst ? (streamA, streamB) : (streamB, streamA)
        let start = DemoClock.utc(plan.answerSecondOfDay)
        let stop = DemoClock.utc(plan.answerSecondOfDay + Int(truth.durationS.rounded(.up)))
        let localTag = DemoCallPlanner.hex(rng.next(), 16) + DemoCallPlanner.hex(rng.next(), 16)
        let remoteTag = DemoCallPlanner.hex(rng.next(), 16) + DemoCallPlanner.hex(rng.next(), 16)
        let agentAOR = plan.agent.aor
        let callerAOR = "sip:" + DemoDirectory.e164(plan.callerNumber) + "@carrier.example"
        // Participants in a fixed order (caller first, as the SRC sees the call arrive).
        return """
        <?xml version="1.0" encoding="UTF-8"?>
        <recording xmlns="urn:ietf:params:xml:ns:recording:1">
          <datamode>complete</datamode>
          <group group_id="\(group)">
            <associate-time>\(start)</associate-time>
          </group>
          <session session_id="\(session)">
            <group-ref>\(group)</group-ref>
            <sipSessionID>\(localTag);remote=\(remoteTag)</sipSessionID>
            <start-time>\(start)</start-time>
            <stop-time>\(stop)</stop-time>
          </session>
          <participant participant_id="\(callerID)">
            <nameID aor="\(callerAOR)"/>
          </participant>
          <participantsessionassoc participant_id="\(callerID)" session_id="\(session)">
            <associate-time>\(start)</associate-time>
          </participantsessionassoc>
          <participant participant_id="\(agentID)">
            <nameID aor="\(agentAOR)">
              <name xml:lang="ko">\(plan.agent.name)</name>
            </nameID>
          </participant>
          <participantsessionassoc participant_id="\(agentID)" session_id="\(session)">
            <associate-time>\(start)</associate-time>
          </participantsessionassoc>
          <stream stream_id="\(streamA)" session_id="\(session)">
            <label>1</label>
          </stream>
          <stream stream_id="\(streamB)" session_id="\(session)">
            <label>2</label>
          </stream>
          <participantstreamassoc participant_id="\(callerID)">
            <send>\(callerStream)</send>
            <recv>\(agentStream)</recv>
          </participantstreamassoc>
          <participantstreamassoc participant_id="\(agentID)">
            <send>\(agentStream)</send>
            <recv>\(callerStream)</recv>
          </participantstreamassoc>
        </recording>

        """
    }
}

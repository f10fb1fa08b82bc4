import CallModel
import Foundation

/// The time line of one call at 8 kHz: which prompt each party says when, the hold, the dead air.
/// Every position is a multiple of 80 samples (10 ms), so the truth derived from it is exact at 10 ms.
struct DemoConversation: Sendable {
    struct Placement: Sendable {
        let party: Party
        /// Index into the library's prompts for `party`.
        let prompt: Int
        /// First sample (8 kHz).
        let start: Int
        let gain: Float
    }

    struct Interruption: Sendable {
        /// Where the interrupting party starts, 8 kHz samples.
        let at: Int
        let by: Party
        /// How long both talk at once, samples.
        let overlap: Int
    }

    var placements: [Placement] = []
    var holds: [Range<Int>] = []
    var deadAir: [Range<Int>] = []
    var interruptions: [Interruption] = []
    /// Length of the recording, 8 kHz samples.
    var length = 0
    /// Speech level of each party, dBFS (RMS over speech).
    var agentLevelDB = -12.0
    var callerLevelDB = -12.0
    var mohTrack = 0
    var mohOffset = 0
    var mohLevelDB = -18.0

    static let rate = 8000
    static func q(_ seconds: Double) -> Int { Int((seconds * 100).rounded()) * 80 }

    /// A hold of at least this long may be split by a check-back.
    static let checkBackMinHold = 30.0
    /// Share of those holds with a check-back.
    static let checkBackShare = 0.4

    /// `rng` draws the call; `side` draws only the check-backs, so a call without one is the same as before they
    /// existed.
    static func build(plan: DemoCallPlan, library: DemoSoundLibrary, rng: inout DemoRandom,
                      side: inout DemoRandom) -> DemoConversation {
        var c = DemoConversation()
        c.agentLevelDB = rng.uniform(-20, -6)
        c.callerLevelDB = rng.uniform(-20, -6)
        c.mohTrack = rng.int(0...(library.moh.count - 1))
        c.mohOffset = rng.int(0...(library.moh[c.mohTrack].count - 1))
        c.mohLevelDB = rng.uniform(-22, -14)

        let total = plan.targetSeconds
        let holdLength = plan.hasHold ? q(rng.uniform(20, min(90, max(25, total * 0.5)))) : 0
        let talkTarget = max(q(15), q(total) - holdLength)
        var holdAt: Int? = plan.hasHold ? Int(Double(talkTarget) * rng.uniform(0.3, 0.6)) : nil
        var deadAirAt: Int? = rng.chance(0.25) ? Int(Double(talkTarget) * rng.uniform(0.2, 0.8)) : nil

        var party = Party.agent
        var start = q(rng.uniform(0.3, 1.2))
        var minFirstPrompt = 0
        var spentOnHold = 0
        var speechEnd = 0
        while true {
            // One turn: 1-3 prompts, short pauses between them.
            let prompts = library.prompts(for: party)
            let count = [1, 1, 1, 1, 2, 2, 2, 3, 3][rng.int(0...8)]
            var cursor = start
            var lastPrompt = prompts[0]
            for k in 0..<count {
                var index = rng.int(0...(prompts.count - 1))
                if k == 0, minFirstPrompt > 0 {
                    var tries = 0
                    while prompts[index].length < minFirstPrompt, tries < 500 {
                        index = rng.int(0...(prompts.count - 1))
                        tries += 1
                    }
                    if prompts[index].length < minFirstPrompt {
                        index = prompts.indices.max { prompts[$0].length < prompts[$1].length }!
                    }
                }
                let level = (party == .agent ? c.agentLevelDB : c.callerLevelDB) + rng.uniform(-1.5, 1.5)
                let gain = Float(pow(10, level / 20)) / max(prompts[index].speechRMS, 1e-6)
                c.placements.append(Placement(party: party, prompt: index, start: cursor, gain: gain))
                cursor += prompts[index].length
                lastPrompt = prompts[index]
                if k < count - 1 { cursor += q(rng.uniform(0.1, 0.4)) }
            }
            speechEnd = max(speechEnd, cursor)
            let turnEnd = cursor
            minFirstPrompt = 0
            // The agent closes the call (unless the caller keeps it going a minute past its length).
            if turnEnd - spentOnHold >= talkTarget, holdAt == nil,
               party == .agent || turnEnd - spentOnHold >= talkTarget + q(60) {
                break
            }
            if let h = holdAt, party == .agent, turnEnd - spentOnHold >= h {
                // "Please hold": music to the caller, then the agent comes back.
                let holdStart = turnEnd + q(rng.uniform(0.5, 1.5))
                c.addHold(holdStart..<(holdStart + holdLength), library: library, side: &side)
                spentOnHold = holdLength
                holdAt = nil
                start = holdStart + holdLength + q(rng.uniform(0.5, 1.5))
                party = .agent
                continue
            }
            if let d = deadAirAt, turnEnd - spentOnHold >= d {
                let gap = q(rng.uniform(4, 15))
                c.deadAir.append(turnEnd..<(turnEnd + gap))
                deadAirAt = nil
                start = turnEnd + gap
                party = party == .agent ? .caller : .agent
                continue
            }
            let other: Party = party == .agent ? .caller : .agent
            if lastPrompt.length >= q(1.2), rng.chance(0.05) {
                // The other party cuts in before this turn ends and keeps talking at least 1 s past it.
                let maxOverlap = min(1.5, lastPrompt.seconds - 0.4)
                let overlap = q(rng.uniform(0.4, maxOverlap))
                start = turnEnd - overlap
                minFirstPrompt = overlap + q(1.0)
                c.interruptions.append(Interruption(at: start, by: other, overlap: overlap))
            } else {
                let u = rng.unit()
                start = turnEnd + q(0.2 + 2.3 * pow(u, 1.8))
            }
            party = other
        }
        c.length = speechEnd + q(rng.uniform(0.5, 1.5))
        return c
    }

    /// A hold; a long one is sometimes split by a check-back: the music stops, after a short pause on the open
    /// line the agent says one short prompt ("thank you for waiting, a little longer please"), and after another
    /// pause the music resumes. Both parts are at least 12 s (a hold the audio can find).
    private mutating func addHold(_ hold: Range<Int>, library: DemoSoundLibrary, side: inout DemoRandom) {
        let q = Self.q
        guard hold.count >= q(Self.checkBackMinHold), side.chance(Self.checkBackShare) else {
            holds.append(hold)
            return
        }
        let prompts = library.prompts(for: .agent)
        var index = side.int(0...(prompts.count - 1))
        for _ in 0..<200 where prompts[index].length > q(3) || prompts[index].length < q(0.8) {
            index = side.int(0...(prompts.count - 1))
        }
        let before = q(side.uniform(0.3, 1.0)), after = q(side.uniform(0.3, 1.0))
        let firstEnd = hold.lowerBound + q(Double(hold.count) / Double(Self.rate) * side.uniform(0.35, 0.6))
        let speech = firstEnd + before
        let resume = speech + prompts[index].length + after
        guard resume + q(12) <= hold.upperBound, firstEnd - hold.lowerBound >= q(12) else {
            holds.append(hold)
            return
        }
        let level = agentLevelDB + side.uniform(-1.5, 1.5)
        let gain = Float(pow(10, level / 20)) / max(prompts[index].speechRMS, 1e-6)
        holds.append(hold.lowerBound..<firstEnd)
        placements.append(Placement(party: .agent, prompt: index, start: speech, gain: gain))
        holds.append(resume..<hold.upperBound)
    }
}

import CallDSP
import CallDemo
import CallModel

/// Scores one analysis against a call's truth on the 10 ms grid (the truth's grid).
enum AccuracyScoring {
    /// Tolerance around the dead-air threshold when matching dead-air events (seconds).
    static let deadAirCollarS = 0.5
    /// Half-open 10 ms frame ranges.
    typealias Spans = [Range<Int>]

    static func frames(_ seconds: Double) -> Int { Int((seconds * 100).rounded()) }
    static func spans(_ pairs: [[Double]]) -> Spans {
        pairs.compactMap { p in p.count == 2 && p[1] > p[0] ? frames(p[0])..<frames(p[1]) : nil }
    }
    static func spans(_ pairs: [TimeSpan]) -> Spans {
        pairs.compactMap { $0.end > $0.start ? frames($0.start)..<frames($0.end) : nil }
    }
    static func total(_ s: Spans) -> Int { s.reduce(0) { $0 + $1.count } }

    /// Frames covered by both (each list sorted and disjoint).
    static func overlap(_ a: Spans, _ b: Spans) -> Int {
        var n = 0, i = 0, j = 0
        while i < a.count, j < b.count {
            let lo = max(a[i].lowerBound, b[j].lowerBound), hi = min(a[i].upperBound, b[j].upperBound)
            if lo < hi { n += hi - lo }
            if a[i].upperBound < b[j].upperBound { i += 1 } else { j += 1 }
        }
        return n
    }

    /// Frames (within `[0, length)`) where membership in `a` and in `b` agree.
    static func agreement(_ a: Spans, _ b: Spans, length: Int) -> Int {
        let clip = { (s: Spans) in s.compactMap { r -> Range<Int>? in
            let c = r.clamped(to: 0..<length); return c.isEmpty ? nil : c } }
        let x = clip(a), y = clip(b)
        return length - (total(x) + total(y) - 2 * overlap(x, y))
    }

    /// One-to-one matches of events that overlap (greedy in time order).
    static func matched(_ truth: Spans, _ found: Spans) -> Int {
        var used = Set<Int>()
        var n = 0
        for t in truth {
            if let j = found.indices.first(where: { !used.contains($0) && found[$0].overlaps(t) }) {
                used.insert(j)
                n += 1
            }
        }
        return n
    }

    static func score(_ a: CallAnalysis, truth: DemoCallTruth) -> AccuracyReport.Tally {
        var t = AccuracyReport.Tally()
        let length = frames(truth.durationS)
        t.calls = 1
        t.frames = length
        let trueAgent = spans(truth.speech.agent), trueCaller = spans(truth.speech.caller)
        let agent = spans(a.parties?.agent.segments ?? a.talk?.segments ?? [])
        let caller = spans(a.parties?.caller.segments ?? [])
        t.agentCorrect = agreement(agent, trueAgent, length: length)
        t.callerCorrect = agreement(caller, trueCaller, length: length)
        t.agentTrueTalkS = Double(total(trueAgent)) / 100
        t.callerTrueTalkS = Double(total(trueCaller)) / 100
        t.agentMeasuredTalkS = a.parties?.agent.talkS ?? a.talk?.talkS ?? 0
        t.callerMeasuredTalkS = a.parties?.caller.talkS ?? 0
        t.agentTalkAbsErrorS = abs(t.agentMeasuredTalkS - t.agentTrueTalkS)
        t.callerTalkAbsErrorS = abs(t.callerMeasuredTalkS - t.callerTrueTalkS)
        t.agentTalkWorstError = t.agentTrueTalkS > 0 ? t.agentTalkAbsErrorS / t.agentTrueTalkS : 0
        t.callerTalkWorstError = t.callerTrueTalkS > 0 ? t.callerTalkAbsErrorS / t.callerTrueTalkS : 0
        t.agentCallsOverTalkTarget = t.agentTalkWorstError > AccuracyReport.talkErrorTarget ? 1 : 0
        t.callerCallsOverTalkTarget = t.callerTalkWorstError > AccuracyReport.talkErrorTarget ? 1 : 0
        let trueHold = spans(truth.hold)
        let hold = a.hold.segments.compactMap { $0.end > $0.start ? frames($0.start)..<frames($0.end) : nil }
        t.holdTrueS = Double(total(trueHold)) / 100
        t.holdDetectedS = Double(total(hold)) / 100
        t.holdOverlapS = Double(overlap(trueHold, hold)) / 100
        t.musicAsTalkS = Double(overlap(agent, trueHold) + overlap(caller, trueHold)) / 100
        t.agentTalkInHoldS = Double(overlap(trueAgent, hold)) / 100
        t.callerTalkInHoldS = Double(overlap(trueCaller, hold)) / 100
        t.talkInHoldWorstShare = max(t.agentTrueTalkS > 0 ? t.agentTalkInHoldS / t.agentTrueTalkS : 0,
                                     t.callerTrueTalkS > 0 ? t.callerTalkInHoldS / t.callerTrueTalkS : 0)
        let deadMin = frames(a.deadAir.thresholdS)
        let trueSilence = spans(truth.silences)
        let trueDead = trueSilence.filter { $0.count >= deadMin }
        let silence = spans(a.silence.events)
        let dead = spans(a.deadAir.events)
        // Dead air is a threshold on a measured length, so events within `deadAirCollarS` of the threshold are
        // judged with a collar (as event-detection scoring does with onsets): a true dead air is found when a
        // measured silence at least threshold − collar long overlaps it; a measured dead air is false only when
        // no true silence at least threshold − collar long overlaps it.
        let collar = frames(deadAirCollarS)
        let nearDeadFound = silence.filter { $0.count >= deadMin - collar }
        let nearDeadTrue = trueSilence.filter { $0.count >= deadMin - collar }
        let found = matched(trueDead, nearDeadFound)
        let falseAlarms = dead.filter { d in !nearDeadTrue.contains { $0.overlaps(d) } }.count
        t.deadAirTrue = trueDead.count
        t.deadAirMatched = found
        t.deadAirDetected = found + falseAlarms
        t.silenceTrue = trueSilence.count
        t.silenceDetected = silence.count
        t.silenceMatched = matched(trueSilence, silence)
        t.interruptionsTrue = truth.interruptions.count
        t.interruptionsMeasured = (a.parties?.agent.interruptions ?? 0) + (a.parties?.caller.interruptions ?? 0)
        return t
    }
}

import Foundation

extension AccuracyReport {
    static func make(truthFolder: String, calls: [CallResult], audioSeconds: Double,
                     analysisSeconds: Double) -> AccuracyReport {
        var overall = Tally(), meta = Tally()
        var snr: [String: Tally] = [:], leak: [String: Tally] = [:], enc: [String: Tally] = [:]
        for c in calls {
            overall.add(c.audioOnly)
            if let m = c.withMetadata { meta.add(m) }
            snr[snrBucket(c.snrDB), default: Tally()].add(c.audioOnly)
            leak[leakageBucket(c.leakageDB), default: Tally()].add(c.audioOnly)
            enc[c.encoding, default: Tally()].add(c.audioOnly)
        }
        func groups(_ d: [String: Tally]) -> [Group] { d.keys.sorted().map { Group(name: $0, tally: d[$0]!) } }
        return AccuracyReport(truthFolder: truthFolder, calls: calls, overall: overall, overallWithMetadata: meta,
                              bySNR: groups(snr), byLeakage: groups(leak), byEncoding: groups(enc),
                              audioSeconds: audioSeconds, analysisSeconds: analysisSeconds)
    }

    /// Whether the overall audio-only figures meet the targets.
    public var meetsTargets: Bool {
        let o = overall
        return o.agentFrameAccuracy >= Self.frameAccuracyTarget && o.callerFrameAccuracy >= Self.frameAccuracyTarget
            && o.holdRecall >= Self.holdRecallTarget && o.agentTalkError <= Self.talkErrorTarget
            && o.callerTalkError <= Self.talkErrorTarget && o.deadAirF1 >= Self.deadAirF1Target
            && o.musicAsTalkS == 0
    }

    private static func f(_ x: Double, _ digits: Int = 3) -> String { String(format: "%.\(digits)f", x) }
    private static func pct(_ x: Double) -> String { String(format: "%.1f%%", x * 100) }

    private static func row(_ name: String, _ t: Tally) -> String {
        "| \(name) | \(t.calls) | \(f(t.agentFrameAccuracy)) | \(f(t.callerFrameAccuracy)) | \(pct(t.agentTalkError)) | "
            + "\(pct(t.callerTalkError)) | \(pct(t.agentTalkWorstError)) / \(pct(t.callerTalkWorstError)) | "
            + "\(t.agentCallsOverTalkTarget) / \(t.callerCallsOverTalkTarget) | "
            + "\(t.holdTrueS > 0 ? f(t.holdRecall) : "–") | "
            + "\(t.holdDetectedS > 0 ? f(t.holdPrecision) : "–") | \(f(t.musicAsTalkS, 2)) | "
            + "\(f(t.deadAirF1)) (\(t.deadAirMatched)/\(t.deadAirTrue)/\(t.deadAirDetected)) | "
            + "\(f(t.silenceF1)) (\(t.silenceMatched)/\(t.silenceTrue)/\(t.silenceDetected)) | "
            + "\(t.interruptionsTrue)/\(t.interruptionsMeasured) |"
    }

    private static let header = """
        | group | calls | frame acc. agent | frame acc. caller | talk err. agent | talk err. caller | worst call agent / caller | calls > 3% agent / caller | hold recall | hold precision | talk in hold (s) | dead-air F1 (matched/true/found) | silence F1 (matched/true/found) | interruptions true/found |
        |---|---|---|---|---|---|---|---|---|---|---|---|---|---|
        """

    public func renderMarkdown(perCall: Bool = true) -> String {
        var out: [String] = []
        out.append("# CallAnalyzer accuracy on \(overall.calls) generated calls")
        out.append("")
        out.append("Truth: `\(truthFolder)`. Audio only (hold metadata withheld) unless said otherwise. Talk error: "
                   + "Σ|measured − true| / Σ true over the calls (per-call errors do not cancel); the worst call and "
                   + "the number of calls over 3% are shown beside it. Talk in hold: seconds of talk (either party) "
                   + "inside a true hold. Dead air: events within \(AccuracyScoring.deadAirCollarS) s of the threshold "
                   + "are matched with that collar. Targets: frame accuracy ≥ \(Self.frameAccuracyTarget), "
                   + "talk error ≤ \(Self.pct(Self.talkErrorTarget)), hold recall ≥ \(Self.holdRecallTarget) with no "
                   + "talk in hold, dead-air F1 ≥ \(Self.deadAirF1Target): "
                   + (meetsTargets ? "**met** (pooled; see the per-call columns)." : "**not met**."))
        out.append("")
        out.append(Self.header)
        out.append(Self.row("all (audio only)", overall))
        if overallWithMetadata.calls > 0 { out.append(Self.row("hold in metadata, given", overallWithMetadata)) }
        for (title, groups) in [("SNR", bySNR), ("leakage", byLeakage), ("encoding", byEncoding)] {
            for g in groups { out.append(Self.row("\(title) \(g.name)", g.tally)) }
        }
        out.append("")
        let speed = analysisSeconds > 0 ? audioSeconds / analysisSeconds : 0
        out.append("Analysed \(Self.f(audioSeconds / 3600, 2)) h of audio; analysis alone \(Self.f(analysisSeconds, 3)) s "
                   + "(\(Int(speed))x realtime in this build, decoding excluded).")
        if perCall {
            out.append("")
            out.append("## Per call (audio only)")
            out.append("")
            out.append(Self.header)
            for c in calls {
                let name = "\(c.callID.suffix(6)) \(c.encoding) \(Int(c.snrDB)) dB leak \(c.leakageDB)"
                out.append(Self.row(name, c.audioOnly))
            }
        }
        return out.joined(separator: "\n") + "\n"
    }
}

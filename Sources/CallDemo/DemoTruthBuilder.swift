import CallModel

/// Derives a call's truth from its time line (all in 8 kHz samples on the 10 ms grid).
enum DemoTruthBuilder {
    static let minimumSilence = 3 * 8000

    static func speech(_ c: DemoConversation, party: Party, library: DemoSoundLibrary) -> [Range<Int>] {
        var runs: [Range<Int>] = []
        let prompts = library.prompts(for: party)
        for p in c.placements where p.party == party {
            runs += prompts[p.prompt].speech.map { (p.start + $0.lowerBound)..<(p.start + $0.upperBound) }
        }
        return merge(runs, bridging: DemoPrompt.truthBridgeFrames * DemoPrompt.frame)
    }

    /// Sorted union; gaps shorter than `bridging` samples are closed.
    static func merge(_ ranges: [Range<Int>], bridging: Int) -> [Range<Int>] {
        var out: [Range<Int>] = []
        for r in ranges.sorted(by: { $0.lowerBound < $1.lowerBound }) where !r.isEmpty {
            if let last = out.last, r.lowerBound - last.upperBound < bridging {
                out[out.count - 1] = last.lowerBound..<max(last.upperBound, r.upperBound)
            } else {
                out.append(r)
            }
        }
        return out
    }

    /// Stretches of `[0, length)` covered by none of `busy`, at least `minimumSilence` long.
    static func silences(length: Int, busy: [Range<Int>]) -> [Range<Int>] {
        var out: [Range<Int>] = []
        var cursor = 0
        for r in merge(busy, bridging: 0) {
            if r.lowerBound - cursor >= minimumSilence { out.append(cursor..<r.lowerBound) }
            cursor = max(cursor, r.upperBound)
        }
        if length - cursor >= minimumSilence { out.append(cursor..<length) }
        return out
    }

    static func intersection(_ a: [Range<Int>], _ b: [Range<Int>]) -> [Range<Int>] {
        var out: [Range<Int>] = []
        var i = 0, j = 0
        while i < a.count, j < b.count {
            let lo = max(a[i].lowerBound, b[j].lowerBound)
            let hi = min(a[i].upperBound, b[j].upperBound)
            if lo < hi { out.append(lo..<hi) }
            if a[i].upperBound < b[j].upperBound { i += 1 } else { j += 1 }
        }
        return out
    }

    static func seconds(_ ranges: [Range<Int>]) -> [[Double]] {
        ranges.map { [DemoJSON.seconds($0.lowerBound), DemoJSON.seconds($0.upperBound)] }
    }

    static func build(plan: DemoCallPlan, conversation c: DemoConversation, rendered: DemoRenderer.Result,
                      library: DemoSoundLibrary, metadataFiles: [String]) -> DemoCallTruth {
        let agent = speech(c, party: .agent, library: library)
        let caller = speech(c, party: .caller, library: library)
        let files = plan.files
        var layout = "stereo"
        var naming: String?
        if case .legs(let n) = plan.layout {
            layout = "legs"
            naming = n.rawValue
        }
        var transfer: DemoCallTruth.Transfer?
        if plan.transferToDepartment, let last = agent.last {
            transfer = .init(at: DemoJSON.seconds(last.upperBound), detail: "department:\(plan.department)")
        }
        return DemoCallTruth(
            callID: plan.callID, externalID: plan.externalID, metadataFormat: plan.metadata.rawValue,
            metadataFiles: metadataFiles, holdInMetadata: plan.hasHold && plan.holdMetadata != .none,
            holdMetadata: plan.hasHold ? plan.holdMetadata.rawValue : "none", layout: layout, legNaming: naming,
            files: plan.audioFiles, agentChannel: plan.agentChannel,
            agentFile: layout == "legs" ? files.agent : nil, callerFile: layout == "legs" ? files.caller : nil,
            encoding: plan.encoding.rawValue, sampleRate: plan.sampleRate, durationS: DemoJSON.seconds(c.length),
            snrDB: rendered.snrDB, noise: rendered.noise.rawValue, leakageDB: rendered.leakageDB,
            agentLevelDBFS: (c.agentLevelDB * 10).rounded() / 10, callerLevelDBFS: (c.callerLevelDB * 10).rounded() / 10,
            mohTrack: c.holds.isEmpty ? nil : library.mohNames[c.mohTrack],
            speech: .init(agent: seconds(agent), caller: seconds(caller)),
            hold: seconds(c.holds),
            silences: seconds(silences(length: c.length, busy: agent + caller + c.holds)),
            overlaps: seconds(intersection(agent, caller)),
            interruptions: c.interruptions.map {
                .init(at: DemoJSON.seconds($0.at), by: $0.by.rawValue, overlapS: DemoJSON.seconds($0.overlap))
            },
            clicks: rendered.clicks.map { .init(at: (Double($0.at) / 8).rounded() / 1000, party: $0.party.rawValue) },
            transfer: transfer, startTime: DemoClock.iso(plan.answerSecondOfDay), agentID: plan.agent.id,
            team: plan.agent.team, department: plan.department, category: plan.category)
    }
}

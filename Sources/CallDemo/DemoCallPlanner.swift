import CallModel
import Foundation

/// Decides every call of the day: metadata format, layout, encoding, rate, time, people, hold.
///
/// Formats, layouts, rates and holds are spread evenly by rule rather than drawn, so that even a handful of
/// calls shows the whole mix:
/// - metadata cycles sidecar JSON, Asterisk CDR, FreeSWITCH CDR, SIPREC; `round(calls × noMetadataFraction)`
///   calls (at least one from 5 calls up) have none, at evenly spaced positions;
/// - among calls whose format allows legs (all but FreeSWITCH), every `1/legsFraction`-th is written as legs;
/// - one call in the middle is 11025 Hz, a few evenly spaced ones 16 kHz, the rest 8 kHz;
/// - encodings follow `encodingWeights` by smooth weighted round robin over the encodings each call allows;
/// - hold is more frequent in the formats that can announce it (sidecar, FreeSWITCH: 1.5 × holdFraction)
///   than in those that cannot (Asterisk, SIPREC: 0.5 ×); no-metadata calls get holdFraction.
struct DemoCallPlanner {
    let options: DemoDataOptions

    func plans() -> [DemoCallPlan] {
        let n = options.calls
        var rng = DemoRandom.derived(options.seed, 1)
        let kinds = metadataSequence(n)
        let rates = sampleRates(n)
        var answers = (0..<n).map { _ in
            DemoClock.dayStart + Int(rng.uniform(0, Double(DemoClock.dayEnd - DemoClock.dayStart - 900)))
        }
        answers.sort()
        var credits = [DemoEncoding: Double]()
        var legsCounter = 0
        var holdCounters = [MetadataFormat: Int]()
        var holdsSoFar = [MetadataFormat: Int]()
        var namingCounter = [MetadataFormat: Int]()
        var fsCounter = 0
        var plans: [DemoCallPlan] = []
        for i in 0..<n {
            let kind = kinds[i]
            let rate = rates[i]
            var layout = DemoLayout.stereo(agentChannel: 0)
            let agentStreamFirst = rng.chance(0.5)
            if kind != .freeswitchCDR {
                if Self.spread(legsCounter, options.legsFraction) {
                    let k = namingCounter[kind, default: 0]
                    namingCounter[kind] = k + 1
                    switch kind {
                    case .sidecarJSON: layout = .legs(k % 2 == 0 ? .agentCaller : .named)
                    case .asteriskCDR: layout = .legs(.inOut)
                    case .siprec: layout = .legs(.siprecLabels)
                    default: layout = .legs(k % 2 == 0 ? .agentCaller : .inOut)
                    }
                }
                legsCounter += 1
            }
            if case .stereo = layout {
                switch kind {
                // MixMonitor D and FreeSWITCH RECORD_STEREO: left is what the caller's channel sends.
                case .asteriskCDR, .freeswitchCDR: layout = .stereo(agentChannel: 1)
                case .siprec: layout = .stereo(agentChannel: agentStreamFirst ? 0 : 1)
                default: layout = .stereo(agentChannel: rng.chance(0.5) ? 0 : 1)
                }
            }
            let encoding = chooseEncoding(channels: layout.isStereo ? 2 : 1, rate: rate, credits: &credits)

            let holdShare: Double = switch kind {
            case .sidecarJSON, .freeswitchCDR: 1.5
            case .asteriskCDR, .siprec: 0.5
            default: 1.0
            }
            let hk = holdCounters[kind, default: 0]
            holdCounters[kind] = hk + 1
            let hasHold = Self.spread(hk, min(1, options.holdFraction * holdShare))
            var holdMetadata = DemoHoldMetadata.none
            if hasHold {
                let h = holdsSoFar[kind, default: 0]
                holdsSoFar[kind] = h + 1
                switch kind {
                case .sidecarJSON: holdMetadata = h % 4 == 3 ? .none : .intervals
                case .freeswitchCDR: holdMetadata = h % 4 == 3 ? .none : (h % 2 == 1 ? .totalOnly : .intervals)
                default: holdMetadata = .none
                }
            }

            let agent = rng.pick(DemoDirectory.agents)
            let (department, category) = DemoDirectory.department(&rng)
            var tags: [String] = []
            for _ in 0..<rng.int(0...2) {
                let t = rng.pick(DemoDirectory.tags)
                if !tags.contains(t) { tags.append(t) }
            }
            let caller = DemoDirectory.callerNumber(&rng)
            let outbound = kind == .sidecarJSON && rng.chance(0.1)
            let sigma = 0.45
            let target = min(max(options.meanCallSeconds * exp(sigma * rng.gaussian() - sigma * sigma / 2),
                                 max(20, options.meanCallSeconds * 0.25)), options.meanCallSeconds * 3.5)
            let transfer = rng.chance(0.15)
            let ring = rng.int(2...25)
            let answer = answers[i]
            let callID = "DEMO-\(DemoClock.compactDate)-" + Self.zeroPad(i + 1, 6)

            var externalID = callID
            var folder = "recorder/\(DemoClock.date)"
            var base = callID
            var namedRecording = false
            switch kind {
            case .asteriskCDR:
                externalID = "\(DemoClock.epoch(answer - ring)).\(1000 + 2 * i)"
                folder = "asterisk"
                base = externalID
            case .freeswitchCDR:
                externalID = Self.uuid(&rng)
                folder = "freeswitch/recordings"
                namedRecording = fsCounter % 2 == 1
                base = namedRecording ? "\(DemoClock.compactDate)-\(DemoClock.compactClock(answer))_\(agent.id)" : externalID
                fsCounter += 1
            case .siprec:
                externalID = Self.base64ID(&rng)
                folder = "siprec/\(DemoClock.date)"
                base = "srs-\(DemoClock.compactDate)T\(DemoClock.compactClock(answer))-" + Self.hex(rng.next() & 0xFFFF_FFFF, 8)
            case .none:
                externalID = ""
                folder = "unlabelled"
                base = "rec-\(DemoClock.compactDate)-\(DemoClock.compactClock(answer))-" + Self.zeroPad(i + 1, 4)
            default: break
            }
            plans.append(DemoCallPlan(
                index: i, callID: callID, metadata: kind, layout: layout, encoding: encoding, sampleRate: rate,
                answerSecondOfDay: answer, ringSeconds: ring, agent: agent, department: department,
                category: category, tags: tags, direction: outbound ? .outbound : .inbound, callerNumber: caller,
                targetSeconds: target, hasHold: hasHold, holdMetadata: holdMetadata, transferToDepartment: transfer,
                externalID: externalID, folder: folder, base: base, agentStreamFirst: agentStreamFirst,
                namedRecording: namedRecording))
        }
        return plans
    }

    /// True for about `p` of consecutive `k`s, evenly spaced.
    static func spread(_ k: Int, _ p: Double) -> Bool {
        (Double(k + 1) * p + 0.5).rounded(.down) > (Double(k) * p + 0.5).rounded(.down)
    }

    /// The metadata format of each call (see the type's comment).
    func metadataSequence(_ n: Int) -> [MetadataFormat] {
        var none = Int((Double(n) * options.noMetadataFraction).rounded())
        if n >= 5, options.noMetadataFraction > 0 { none = max(1, none) }
        none = min(none, n)
        let nonePositions = Set((0..<none).map { Int((Double($0) + 0.5) * Double(n) / Double(none)) })
        let cycle: [MetadataFormat] = [.sidecarJSON, .asteriskCDR, .freeswitchCDR, .siprec]
        var next = 0
        return (0..<n).map { i in
            if nonePositions.contains(i) { return .none }
            defer { next += 1 }
            return cycle[next % cycle.count]
        }
    }

    func sampleRates(_ n: Int) -> [Int] {
        var rates = [Int](repeating: 8000, count: n)
        guard n >= 2 else { return rates }
        let odd = options.include11025Call ? n / 2 : -1
        if odd >= 0 { rates[odd] = 11025 }
        let wide = min(options.wideband16kCalls, max(1, n / 20))
        for k in 0..<wide {
            var p = Int((Double(k) + 0.75) * Double(n) / Double(wide))
            while p < n, rates[p] != 8000 { p += 1 }
            if p < n { rates[p] = 16000 }
        }
        return rates
    }

    private func chooseEncoding(channels: Int, rate: Int, credits: inout [DemoEncoding: Double]) -> DemoEncoding {
        let allowed = DemoEncoding.allCases.filter {
            (options.encodingWeights[$0] ?? 0) > 0 && $0.supports(channels: channels, sampleRate: rate)
        }
        guard !allowed.isEmpty else { return .pcm16 }
        let total = allowed.reduce(0) { $0 + options.encodingWeights[$1]! }
        for e in allowed { credits[e, default: 0] += options.encodingWeights[e]! }
        var best = allowed[0]
        for e in allowed where credits[e, default: 0] > credits[best, default: 0] { best = e }
        credits[best, default: 0] -= total
        return best
    }

    static func zeroPad(_ n: Int, _ width: Int) -> String {
        let s = String(n)
        return String(repeating: "0", count: max(0, width - s.count)) + s
    }

    static func hex(_ v: UInt64, _ width: Int) -> String {
        let s = String(v, radix: 16)
        return String(repeating: "0", count: max(0, width - s.count)) + s
    }

    /// A version-4 UUID from the generator, lowercase like FreeSWITCH prints it.
    static func uuid(_ rng: inout DemoRandom) -> String {
        let a = rng.next(), b = rng.next()
        let h = hex(a, 16) + hex(b, 16)
        let c = Array(h)
        let variant = ["8", "9", "a", "b"][Int(b >> 62)]
        return String(c[0..<8]) + "-" + String(c[8..<12]) + "-4" + String(c[13..<16]) + "-" + variant
            + String(c[17..<20]) + "-" + String(c[20..<32])
    }

    /// 16 random bytes in base64, the shape RFC 7865 examples use for ids.
    static func base64ID(_ rng: inout DemoRandom) -> String {
        var bytes: [UInt8] = []
        for _ in 0..<2 {
            let v = rng.next()
            for k in 0..<8 { bytes.append(UInt8(truncatingIfNeeded: v >> (8 * UInt64(k)))) }
        }
        return Data(bytes).base64EncodedString()
    }
}

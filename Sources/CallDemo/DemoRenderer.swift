import CallModel
import Foundation

/// Mixes a conversation into the two channels a recorder would capture, at 8 kHz.
///
/// Agent channel: the agent's speech, the caller leaking in at `leakageDB`, line noise, and during holds only
/// music on hold (the PBX sends it in place of the agent's line). Caller channel: the caller's speech, the agent leaking in, line noise (and nothing else during hold).
/// Noise on each channel sits `snrDB` below that channel's speech level. A few clicks; clipped to [-1, 1].
struct DemoRenderer {
    struct Click: Sendable {
        let at: Int
        let party: Party
    }

    struct Result: Sendable {
        var agent: [Float]
        var caller: [Float]
        var clicks: [Click]
        var snrDB: Double
        var leakageDB: Double
        var noise: DemoNoise.Color
    }

    static let snrChoices: [Double] = [30, 20, 10]

    static func render(_ c: DemoConversation, library: DemoSoundLibrary, rng: inout DemoRandom) -> Result {
        let snr = rng.pick(snrChoices)
        let leakage = (rng.uniform(-40, -20) * 10).rounded() / 10
        let color: DemoNoise.Color = rng.chance(0.5) ? .white : .pink
        var agentClean = [Float](repeating: 0, count: c.length)
        var callerClean = [Float](repeating: 0, count: c.length)
        for p in c.placements {
            let prompt = library.prompts(for: p.party)[p.prompt]
            if p.party == .agent {
                add(prompt.samples, gain: p.gain, at: p.start, to: &agentClean)
            } else {
                add(prompt.samples, gain: p.gain, at: p.start, to: &callerClean)
            }
        }
        let leak = Float(pow(10, leakage / 20))
        var agent = agentClean
        var caller = callerClean
        add(callerClean, gain: leak, at: 0, to: &agent)
        add(agentClean, gain: leak, at: 0, to: &caller)
        agentClean = []
        callerClean = []

        let track = library.moh[c.mohTrack]
        let mohGain = Float(pow(10, c.mohLevelDB / 20))
        // One music stream: a hold resumed after a check-back goes on where the music was.
        for hold in c.holds {
            let played = hold.lowerBound - (c.holds.first?.lowerBound ?? 0)
            addMusic(track, from: c.mohOffset + played, gain: mohGain, in: hold, to: &agent)
        }

        let agentNoise = Float(pow(10, (c.agentLevelDB - snr) / 20))
        let callerNoise = Float(pow(10, (c.callerLevelDB - snr) / 20))
        // On hold the PBX sends music in place of the agent's line: no agent-side line noise there.
        let agentOffset = rng.int(0...(DemoNoise.tableSize - 1))
        var cursor = 0
        for hold in c.holds + [c.length..<c.length] {
            if hold.lowerBound > cursor {
                library.noise.add(color, rms: agentNoise, offset: agentOffset, range: cursor..<hold.lowerBound,
                                  to: &agent)
            }
            cursor = max(cursor, hold.upperBound)
        }
        library.noise.add(color, rms: callerNoise, offset: rng.int(0...(DemoNoise.tableSize - 1)),
                          range: 0..<c.length, to: &caller)

        var clicks: [Click] = []
        for _ in 0..<rng.int(1...5) where c.length > 100 {
            let at = rng.int(0...(c.length - 8))
            let party: Party = rng.chance(0.5) ? .agent : .caller
            let amplitude = Float(rng.uniform(0.15, 0.5)) * (rng.chance(0.5) ? 1 : -1)
            let shape: [Float] = [1, -0.6, 0.3, -0.1]
            for (k, v) in shape.enumerated() {
                if party == .agent { agent[at + k] += amplitude * v } else { caller[at + k] += amplitude * v }
            }
            clicks.append(Click(at: at, party: party))
        }
        clip(&agent)
        clip(&caller)
        return Result(agent: agent, caller: caller, clicks: clicks.sorted { $0.at < $1.at }, snrDB: snr,
                      leakageDB: leakage, noise: color)
    }

    static func add(_ source: [Float], gain: Float, at offset: Int, to buffer: inout [Float]) {
        let n = min(source.count, buffer.count - offset)
        guard n > 0 else { return }
        source.withUnsafeBufferPointer { s in
            buffer.withUnsafeMutableBufferPointer { b in
                let dst = b.baseAddress! + offset
                let src = s.baseAddress!
                for i in 0..<n { dst[i] += src[i] * gain }
            }
        }
    }

    /// Music from `track` (looping) over `range`, with 50 ms fades at both ends.
    static func addMusic(_ track: [Float], from offset: Int, gain: Float, in range: Range<Int>,
                         to buffer: inout [Float]) {
        let end = min(range.upperBound, buffer.count)
        guard range.lowerBound < end else { return }
        let fade = 400
        let n = end - range.lowerBound
        track.withUnsafeBufferPointer { t in
            buffer.withUnsafeMutableBufferPointer { b in
                var j = offset % t.count
                for i in 0..<n {
                    let edge = min(i, n - 1 - i)
                    let g = edge < fade ? gain * Float(edge) / Float(fade) : gain
                    b[range.lowerBound + i] += t[j] * g
                    j += 1
                    if j == t.count { j = 0 }
                }
            }
        }
    }

    static func clip(_ buffer: inout [Float]) {
        buffer.withUnsafeMutableBufferPointer { b in
            for i in 0..<b.count {
                let v = b[i]
                if v > 1 { b[i] = 1 } else if v < -1 { b[i] = -1 }
            }
        }
    }
}

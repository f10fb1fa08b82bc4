import CallDSP
import Foundation

/// One recorded prompt, trimmed to its speech, with where inside it the speech is.
///
/// Speech is found with a simple energy rule on 10 ms frames (80 samples at 8 kHz): a frame is speech when its
/// energy is within 35 dB of the prompt's loudest frame (and above -60 dBFS); pauses shorter than
/// `truthBridgeFrames` are bridged and isolated blips shorter than 50 ms dropped. The samples kept run from the
/// first speech frame to the end of the last one, so a prompt placed at sample `t` speaks exactly in
/// `speech.map { t + $0 }`.
struct DemoPrompt: Sendable {
    static let frame = 80
    /// Pauses shorter than this many frames count as speech in the truth, inside a prompt and between prompts: the
    /// analysis's default `bridge_ms` (200 ms), so the truth's talk time is measured as `nokchwi analyze` measures
    /// it (a truth that bridged more would count pauses as talk that the analysis, by definition, does not).
    static let truthBridgeFrames = AnalysisSettings().bridgeMs / 10
    /// The bridge the prompts' trimming and speech level use (250 ms): the one the corpus was first made with, so a
    /// seed's audio stays the same.
    static let trimBridgeFrames = 25

    let name: String
    /// 8 kHz mono, starting and ending on speech; `count` is a multiple of 80.
    let samples: [Float]
    /// Speech runs in samples, relative to `samples`, multiples of 80, sorted, disjoint.
    let speech: [Range<Int>]
    /// RMS over the speech frames (the level the generator normalises to).
    let speechRMS: Float

    var length: Int { samples.count }
    var seconds: Double { Double(samples.count) / 8000 }

    /// Nil when the recording holds no speech by the rule above.
    static func analyse(name: String, samples input: [Float]) -> DemoPrompt? {
        let frames = input.count / frame
        guard frames > 10 else { return nil }
        var energy = [Float](repeating: 0, count: frames)
        input.withUnsafeBufferPointer { x in
            for f in 0..<frames {
                var acc: Float = 0
                for i in (f * frame)..<((f + 1) * frame) { acc += x[i] * x[i] }
                energy[f] = acc / Float(frame)
            }
        }
        guard let peak = energy.max(), peak > 0 else { return nil }
        let threshold = max(peak * pow(10, -3.5), pow(10, -6))  // -35 dB re peak, floor -60 dBFS
        let runs = speechRuns(energy, threshold: threshold, bridge: trimBridgeFrames)
        guard let first = runs.first, let last = runs.last else { return nil }
        let start = first.lowerBound * frame
        let end = last.upperBound * frame
        var kept = Array(input[start..<end])
        let fade = min(40, kept.count / 2)
        for i in 0..<fade {
            let g = Float(i) / Float(fade)
            kept[i] *= g
            kept[kept.count - 1 - i] *= g
        }
        var speechEnergy: Float = 0
        var speechFrames = 0
        for run in runs {
            for i in run { speechEnergy += energy[i]; speechFrames += 1 }
        }
        let rms = (speechEnergy / Float(max(1, speechFrames))).squareRoot()
        let relative = speechRuns(energy, threshold: threshold, bridge: truthBridgeFrames)
            .map { ($0.lowerBound * frame - start)..<($0.upperBound * frame - start) }
        return DemoPrompt(name: name, samples: kept, speech: relative, speechRMS: rms)
    }

    /// Frames at or above `threshold`, pauses shorter than `bridge` frames bridged, runs under 5 frames dropped.
    private static func speechRuns(_ energy: [Float], threshold: Float, bridge: Int) -> [Range<Int>] {
        var runs: [Range<Int>] = []
        var f = 0
        while f < energy.count {
            guard energy[f] >= threshold else { f += 1; continue }
            var end = f
            while end < energy.count, energy[end] >= threshold { end += 1 }
            if let last = runs.last, f - last.upperBound < bridge {
                runs[runs.count - 1] = last.lowerBound..<end
            } else {
                runs.append(f..<end)
            }
            f = end
        }
        return runs.filter { $0.count >= 5 }
    }

    /// The same prompt slowed by `factor` (> 1: longer and lower-pitched), by linear interpolation, re-analysed.
    /// Gives the caller a voice distinct from the agent's although both come from the same speaker.
    func pitchShifted(by factor: Double, name suffix: String) -> DemoPrompt? {
        let n = Int(Double(samples.count) * factor)
        var out = [Float](repeating: 0, count: n)
        samples.withUnsafeBufferPointer { x in
            for i in 0..<n {
                let pos = Double(i) / factor
                let j = Int(pos)
                let frac = Float(pos - Double(j))
                let a = x[min(j, x.count - 1)]
                let b = x[min(j + 1, x.count - 1)]
                out[i] = a + (b - a) * frac
            }
        }
        // Room before and after so the analysis sees silence at the edges.
        let pad = [Float](repeating: 0, count: 160)
        return DemoPrompt.analyse(name: name + suffix, samples: pad + out + pad)
    }
}

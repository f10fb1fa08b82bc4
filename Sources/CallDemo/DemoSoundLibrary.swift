import Foundation
import CallModel

/// Prompts and music on hold, decoded once per process and folder pair and shared by every generator.
final class DemoSoundLibrary: Sendable {
    /// Recordings that are not speech (tones, monkeys) or are the wrong shape for a turn.
    static let excluded: Set<String> = [
        "beep", "beeperr", "ascending-2tone", "descending-2tone", "tt-monkeys",
    ]
    /// Prompts of usable turn length (speech-trimmed), in seconds.
    static let promptSeconds: ClosedRange<Double> = 0.4...7.0
    /// Caller prompts are slowed by this factor: lower pitch, a second voice.
    static let callerVoiceFactor = 1.14

    /// Agent voice: the prompts as recorded.
    let agentPrompts: [DemoPrompt]
    /// Caller voice: the same prompts pitched down.
    let callerPrompts: [DemoPrompt]
    /// Music-on-hold tracks at 8 kHz, trimmed to their music (`musicOnly`), each scaled to unit RMS.
    let moh: [[Float]]
    let mohNames: [String]
    let noise: DemoNoise

    private init(agentPrompts: [DemoPrompt], callerPrompts: [DemoPrompt], moh: [[Float]], mohNames: [String]) {
        self.agentPrompts = agentPrompts
        self.callerPrompts = callerPrompts
        self.moh = moh
        self.mohNames = mohNames
        self.noise = DemoNoise(seed: 0x6E6F_6973_65)
    }

    func prompts(for party: Party) -> [DemoPrompt] { party == .agent ? agentPrompts : callerPrompts }

    // NSLock rather than Synchronization.Mutex, which needs macOS 15 (the package declares macOS 14).
    private static let cacheLock = NSLock()
    nonisolated(unsafe) private static var cache: [String: DemoSoundLibrary] = [:]

    static func shared(sounds: String, moh: String, music: [String] = []) throws(DemoDataError) -> DemoSoundLibrary {
        let key = ([sounds, moh] + music).joined(separator: "\u{0}")
        if let hit = cacheLock.withLock({ cache[key] }) { return hit }
        let library = try load(sounds: sounds, moh: moh, music: music)
        return cacheLock.withLock {
            if let raced = cache[key] { return raced }
            cache[key] = library
            return library
        }
    }

    static func wavFiles(in directory: String) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        return names.filter { $0.lowercased().hasSuffix(".wav") }.sorted()
    }

    private static func load(sounds: String, moh mohDir: String, music: [String]) throws(DemoDataError)
        -> DemoSoundLibrary {
        let promptFiles = wavFiles(in: sounds)
        let mohFiles = wavFiles(in: mohDir)
        guard !promptFiles.isEmpty, !mohFiles.isEmpty || music.contains(where: { !DemoMusicSources.audioFiles(in: $0).isEmpty })
        else {
            throw .soundsMissing(soundsDirectory: sounds, mohDirectory: mohDir)
        }
        var agent: [DemoPrompt] = []
        var caller: [DemoPrompt] = []
        for file in promptFiles {
            let name = String(file.dropLast(4))
            guard !excluded.contains(name) else { continue }
            let samples = try read8k(path: sounds + "/" + file)
            guard let prompt = DemoPrompt.analyse(name: name, samples: samples),
                  promptSeconds.contains(prompt.seconds),
                  let low = prompt.pitchShifted(by: callerVoiceFactor, name: "@caller")
            else { continue }
            agent.append(prompt)
            caller.append(low)
        }
        guard agent.count >= 10 else { throw .noUsablePrompts(sounds) }
        var tracks: [[Float]] = []
        var names: [String] = []
        for file in mohFiles {
            guard let track = musicOnly(try read8k(path: mohDir + "/" + file)) else { continue }
            tracks.append(track)
            names.append(file)
        }
        // Other sources: a few tracks each, named `source/file` in the truth.
        for dir in music {
            let source = DemoMusicSources.sourceName(dir)
            for file in DemoMusicSources.spread(DemoMusicSources.audioFiles(in: dir), count: DemoMusicSources.tracksPerSource) {
                let samples = try read8k(path: dir + "/" + file)
                guard let track = musicOnly(Array(samples.prefix(8000 * DemoMusicSources.secondsPerTrack))) else { continue }
                tracks.append(track)
                names.append(source + "/" + file)
            }
        }
        guard !tracks.isEmpty else { throw .soundsMissing(soundsDirectory: sounds, mohDirectory: mohDir) }
        return DemoSoundLibrary(agentPrompts: agent, callerPrompts: caller, moh: tracks, mohNames: names)
    }

    /// The track without its fade-in, fade-out and silent tail (from the first to the last whole second within
    /// 20 dB of its mean level, then to the first and last 10 ms within 30 dB of it), scaled to unit RMS: played in a loop, it never goes silent. Nil when less
    /// than 20 s remain.
    static func musicOnly(_ samples: [Float]) -> [Float]? {
        let second = 8000
        let seconds = samples.count / second
        guard seconds >= 20 else { return nil }
        var energy = [Double](repeating: 0, count: seconds)
        for k in 0..<seconds {
            var acc = 0.0
            for i in (k * second)..<((k + 1) * second) { acc += Double(samples[i]) * Double(samples[i]) }
            energy[k] = acc / Double(second)
        }
        let mean = energy.reduce(0, +) / Double(seconds)
        guard mean > 1e-8,
              let first = energy.firstIndex(where: { $0 >= mean / 100 }),
              let last = energy.lastIndex(where: { $0 >= mean / 100 }),
              last - first + 1 >= 20
        else { return nil }
        // Refine both ends to 10 ms: no frame more than 30 dB below the mean at the edges.
        func frameEnergy(_ start: Int) -> Double {
            var acc = 0.0
            for i in start..<(start + 80) { acc += Double(samples[i]) * Double(samples[i]) }
            return acc / 80
        }
        var start = first * second
        while start < (first + 1) * second - 80, frameEnergy(start) < mean / 1000 { start += 80 }
        var end = (last + 1) * second
        while end > last * second + 80, frameEnergy(end - 80) < mean / 1000 { end -= 80 }
        var kept = Array(samples[start..<end])
        var keptEnergy = 0.0
        for v in kept { keptEnergy += Double(v) * Double(v) }
        let scale = Float(1 / (keptEnergy / Double(kept.count)).squareRoot())
        let fade = 80
        for i in 0..<kept.count {
            let edge = min(i, kept.count - 1 - i)
            kept[i] *= edge < fade ? scale * Float(edge) / Float(fade) : scale
        }
        return kept
    }

    private static func read8k(path: String) throws(DemoDataError) -> [Float] {
        let (samples, rate) = try DemoAudioIO.readMono(path: path)
        return try DemoAudioIO.resample(samples, from: rate, to: 8000)
    }
}

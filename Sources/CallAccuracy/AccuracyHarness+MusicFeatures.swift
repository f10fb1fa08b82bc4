import CallAudio
import CallDSP
import CallDemo
import Foundation

/// Diagnostics for refitting the music detector: its per-block features with the truth's labels, and the analysed
/// audio saved as a demo-data folder (to re-run analyses of archived audio without encoding it again).
extension AccuracyHarness {
    /// CSV header of `musicFeatureLines`.
    public static let musicFeatureHeader = [
        "call_id", "variant", "encoding", "sample_rate", "snr_db", "channel", "block_start", "block_end",
        "window_start", "window_blocks", "window_full",
        "flux1", "flux2", "modulation", "dips", "sound", "low", "window_score",
        "b_flux1", "b_flux2", "b_modulation", "b_dips", "b_sound", "b_low", "block_score", "block_music_value",
        "in_run", "paused", "run_start", "start_on_pause", "floor_db", "line_db",
        "music_block", "music_window", "speech_block", "speech_window", "other_speech_block", "hold_block",
    ].joined(separator: ",")

    /// One CSV line per traced block. Labels (shares of the block or of its window, 0...1): `music_*`: music on
    /// this channel (the truth's holds on the agent channel; the caller channel never carries music);
    /// `speech_*`: the channel's party talking; `other_speech_block`: the other party talking (leaks in);
    /// `hold_block`: the call on hold (either channel).
    public static func musicFeatureLines(_ rows: [MusicTraceRow], truth: DemoCallTruth, variant: String) -> [String] {
        let hold = truth.hold.compactMap { $0.count == 2 ? ($0[0], $0[1]) : nil }
        let speech = [truth.speech.agent, truth.speech.caller].map { $0.compactMap { $0.count == 2 ? ($0[0], $0[1]) : nil } }
        func share(_ spans: [(Double, Double)], _ a: Double, _ b: Double) -> Double {
            guard b > a else { return 0 }
            return spans.reduce(0.0) { $0 + max(0, min($1.1, b) - max($1.0, a)) } / (b - a)
        }
        func f(_ x: Float) -> String { String(format: "%.6g", Double(x)) }
        func d(_ x: Double) -> String { String(format: "%.4g", x) }
        return rows.map { r in
            let holdBlock = share(hold, r.blockStart, r.blockEnd)
            let holdWindow = share(hold, r.windowStart, r.blockEnd)
            let own = speech[min(r.channel, 1)], other = speech[1 - min(r.channel, 1)]
            let fields: [String] = [
                truth.callID, variant, truth.encoding, String(truth.sampleRate), d(truth.snrDB), String(r.channel),
                d(r.blockStart), d(r.blockEnd), d(r.windowStart), String(r.windowBlocks), r.windowFull ? "1" : "0",
                f(r.window.flux1), f(r.window.flux2), f(r.window.modulation), f(r.window.dips), f(r.window.sound),
                f(r.window.low), f(r.windowScore),
                f(r.block.flux1), f(r.block.flux2), f(r.block.modulation), f(r.block.dips), f(r.block.sound),
                f(r.block.low),
                f(r.blockScore), f(r.blockMusicValue), r.inRun ? "1" : "0", r.paused ? "1" : "0",
                d(r.runStart), r.startOnPause ? "1" : "0", f(r.floorDB), f(r.lineDB),
                d(r.channel == 0 ? holdBlock : 0), d(r.channel == 0 ? holdWindow : 0),
                d(share(own, r.blockStart, r.blockEnd)), d(share(own, r.windowStart, r.blockEnd)),
                d(share(other, r.blockStart, r.blockEnd)), d(holdBlock),
            ]
            return fields.joined(separator: ",")
        }
    }

    /// Writes `audio` (agent on channel 0) as 32-bit float WAV under `root/drop` with the call's own file names and
    /// channel order, and its truth under `root/truth`: a demo-data folder `nokchwi-dev accuracy` reads like the original.
    public func saveCopy(_ truth: DemoCallTruth, audio: Audio, to root: URL) throws {
        let fm = FileManager.default
        let truthDir = root.appendingPathComponent("truth"), drop = root.appendingPathComponent("drop")
        try fm.createDirectory(at: truthDir, withIntermediateDirectories: true)
        let name = "\(truth.callID).truth.json"
        let target = truthDir.appendingPathComponent(name)
        if fm.fileExists(atPath: target.path) { try fm.removeItem(at: target) }
        try fm.copyItem(at: truthFolder.appendingPathComponent(name), to: target)
        func write(_ samples: [Float], channels: Int, file: String) throws {
            let url = drop.appendingPathComponent(file)
            try fm.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            let w = try SndFileWriter(path: url.path, format: .wavFloat, sampleRate: audio.sampleRate,
                                      channels: channels)
            try w.write(samples)
            try w.close()
        }
        if truth.layout == "stereo" {
            var s = audio.samples
            if audio.channels == 2, truth.agentChannel == 1 {
                for i in stride(from: 0, to: s.count - 1, by: 2) { s.swapAt(i, i + 1) }
            }
            try write(s, channels: audio.channels, file: truth.files[0])
        } else if let agentFile = truth.agentFile, let callerFile = truth.callerFile {
            let n = audio.frames
            try write((0..<n).map { audio.samples[2 * $0] }, channels: 1, file: agentFile)
            try write((0..<n).map { audio.samples[2 * $0 + 1] }, channels: 1, file: callerFile)
        }
    }
}

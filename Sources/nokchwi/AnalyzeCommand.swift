import ArgumentParser
import CallDSP
import CallModel
import CallPipeline
import Foundation

struct AnalyzeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "analyze",
        abstract: "Talk, silence, overtalk and hold metrics of one recording or archive, without the catalog.")

    @Argument(help: "A recording (any format libsndfile reads) or an Ogg Opus archive.") var file: String
    @Option(name: .long, help: "Channel carrying the agent (0 or 1); the other is the caller.") var agentChannel = 0
    @Option(name: .long, help: "Pipeline definition whose `analysis:` thresholds to use (default: built-in).") var pipeline: String?
    @Flag(name: .long, help: "Print one JSON document on stdout instead of text.") var json = false
    @Option(name: .long, help: "Benchmark: decode once into memory, then time the analysis alone this many times (one core).")
    var timeRepeats: Int?
    @Option(name: .long, parsing: .upToNextOption,
            help: "Hold-audio files or folders (music on hold, announcements): passages matching them are hold (source fingerprint).")
    var holdAudio: [String] = []

    func validate() throws {
        guard agentChannel == 0 || agentChannel == 1 else { throw ValidationError("--agent-channel must be 0 or 1") }
        if let timeRepeats, timeRepeats < 1 { throw ValidationError("--time-repeats must be 1 or more") }
    }

    func run() async throws {
        let definition = try pipeline.map { try PipelineDefinition.load(path: $0) } ?? PipelineDefinition()
        let library = holdAudio.isEmpty ? nil : try HoldAudioFiles.library(paths: holdAudio)
        let analyzer = FileAnalyzer(settings: definition.analysis, chunkFrames: definition.ingest.chunkFrames, holdAudio: library)
        if let repeats = timeRepeats {
            let timing = try analyzer
                .timeAnalysis(path: file, agentChannel: agentChannel, repeats: max(1, repeats))
            if json { return try Output.json(timing) }
            return Output.line(String(format: "%@: %.1f s of audio; from file (decode + analysis) %.0fx realtime; analysis alone, median of %d: %.0fx realtime (one core)",
                                      file, timing.audioSeconds, timing.fromFileRealtime, repeats, timing.analysisRealtime))
        }
        let analysis = try analyzer.analyze(path: file, agentChannel: agentChannel)
        if json { return try Output.json(analysis) }
        Output.line("\(file): \(Output.duration(analysis.durationS)), \(analysis.channels) channel(s)")
        MetricsText.print(analysis)
    }
}

/// The human rendering of a call's metrics (shared by `analyze` and `calls show`).
enum MetricsText {
    static func print(_ a: CallAnalysis) {
        func pct(_ s: Double) -> String { a.durationS > 0 ? String(format: "%4.1f%%", 100 * s / a.durationS) : "-" }
        func line(_ name: String, _ value: String) { Output.line("  \(name.padding(toLength: 14, withPad: " ", startingAt: 0)) \(value)") }
        if let p = a.parties {
            line("agent talk", String(format: "%7.1f s  %@  %d spurts, %d interruptions", p.agent.talkS, pct(p.agent.talkS), p.agent.segments.count, p.agent.interruptions))
            line("caller talk", String(format: "%7.1f s  %@  %d spurts, %d interruptions", p.caller.talkS, pct(p.caller.talkS), p.caller.segments.count, p.caller.interruptions))
        }
        if let t = a.talk {
            line("talk (mono)", String(format: "%7.1f s  %@  %d spurts (no party split)", t.talkS, pct(t.talkS), t.segments.count))
        }
        if let o = a.overtalk { line("overtalk", String(format: "%7.1f s  %@  %d times", o.totalS, pct(o.totalS), o.count)) }
        line("silence", String(format: "%7.1f s  %@  %d events of 3 s or more", a.silence.totalS, pct(a.silence.totalS), a.silence.events.count))
        line("dead air", "\(a.deadAir.events.count) event(s) over \(Int(a.deadAir.thresholdS)) s"
             + a.deadAir.events.map { String(format: " [%.1f-%.1f]", $0.start, $0.end) }.joined())
        line("hold", String(format: "%7.1f s  %@  %d time(s)", a.hold.totalS, pct(a.hold.totalS), a.hold.count)
             + a.hold.segments.map { String(format: " [%.1f-%.1f %@]", $0.start, $0.end, $0.source.rawValue) }.joined())
        line("non-talk", String(format: "%7.1f s  %@  (hold + silence events)", a.nonTalkS, pct(a.nonTalkS)))
    }
}

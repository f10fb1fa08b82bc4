import ArgumentParser
import CallAccuracy
import CallPipeline
import Foundation

/// `nokchwi-dev accuracy DIR`: scores the call analysis against a demo-data folder's ground truth.
struct AccuracyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "accuracy",
        abstract: "Measure talk, silence and hold analysis against the ground truth of `nokchwi demo-data OUT`.")

    @Argument(help: "A demo-data output folder (with drop/ and truth/).") var dir: String
    @Option(help: "Frames per decoded block fed to the analyzer.") var blockFrames = 4096
    @Option(name: .long, help: "Pipeline definition whose `analysis:` thresholds to use (default: built-in).") var pipeline: String?
    @Flag(help: "Analyse each call after an Ogg Opus round trip with the pipeline's encoding settings (archives stay analysable).")
    var viaArchive = false
    @Option(name: .long, help: "Write the music detector's per-block features with the truth's labels to this CSV (diagnostics).")
    var dumpMusicFeatures: String?
    @Option(name: .long, help: "Save each call's analysed audio (after the Opus round trip with --via-archive) as a demo-data folder of float WAVs (diagnostics).")
    var saveAudio: String?
    @Option(name: .long, parsing: .upToNextOption, help: "Hold-audio files or folders recognised by fingerprint (as `nokchwi analyze --hold-audio`).")
    var holdAudio: [String] = []
    @Flag(help: "Leave out the per-call table.") var summary = false
    @Flag(help: "Exit 1 when the overall figures miss the issue's targets.") var strict = false
    @Flag(name: .long, help: "Print one JSON document on stdout instead of Markdown.") var json = false

    func run() async throws {
        let root = URL(fileURLWithPath: dir)
        let definition = try pipeline.map { try PipelineDefinition.load(path: $0) } ?? PipelineDefinition()
        var harness = AccuracyHarness(truthFolder: root.appendingPathComponent("truth"),
                                      dropFolder: root.appendingPathComponent("drop"), settings: definition.analysis,
                                      blockFrames: blockFrames)
        if viaArchive { harness.archiveEncoding = definition.encoding }
        if !holdAudio.isEmpty { harness.holdAudio = try HoldAudioFiles.library(paths: holdAudio) }
        var features: FileHandle?
        if let path = dumpMusicFeatures {
            guard FileManager.default.createFile(atPath: path, contents: Data((AccuracyHarness.musicFeatureHeader + "\n").utf8)),
                  let h = FileHandle(forWritingAtPath: path) else {
                throw ValidationError("cannot create \(path)")
            }
            h.seekToEndOfFile()
            features = h
        }
        defer { try? features?.close() }
        let variant = viaArchive ? "archive" : "source"
        let copyRoot = saveAudio.map { URL(fileURLWithPath: $0) }
        let h = harness
        let report = try harness.run(progress: { done, total in
            if !json && (done % 10 == 0 || done == total) {
                FileHandle.standardError.write(Data("accuracy: \(done)/\(total) calls\n".utf8))
            }
        }, musicTrace: features.map { file in { truth, rows in
            let lines = AccuracyHarness.musicFeatureLines(rows, truth: truth, variant: variant)
            file.write(Data(lines.map { $0 + "\n" }.joined().utf8))
        } }, audio: copyRoot.map { root in { truth, audio in try h.saveCopy(truth, audio: audio, to: root) } })
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            FileHandle.standardOutput.write(try encoder.encode(report) + Data("\n".utf8))
        } else {
            print(report.renderMarkdown(perCall: !summary))
        }
        if strict && !report.meetsTargets { throw ExitCode(1) }
    }
}

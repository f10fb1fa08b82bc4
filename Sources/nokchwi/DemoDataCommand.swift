import ArgumentParser
import CallDemo
import Foundation

struct DemoDataCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo-data",
        abstract: "Generate a drop folder of realistic calls (from Debian's Asterisk recordings) with ground truth.")

    @Argument(help: "Output folder: calls go to OUT/drop, ground truth to OUT/truth.") var out: String
    @Option(help: "Number of calls.") var calls = 80
    @Option(help: "Random seed (the same seed gives the same files).") var seed: UInt64 = 20261123
    @Option(help: "Mean call length in seconds.") var meanSeconds: Double = 180
    @Flag(help: "Do not write the deliberately bad inputs.") var noBadInputs = false
    @Option(help: "Folder of music on hold (WAV or FLAC), one source each; repeat for several. Given, these are the only hold music (default: opsound and the sources of the library in NOKCHWI_DEMO_MUSIC).")
    var music: [String] = []
    @Option(help: "Share of calls with a hold (0...1).") var holdFraction = 0.3
    @Flag(name: .long, help: "Print one JSON document on stdout instead of text.") var json = false

    func run() async throws {
        let root = URL(fileURLWithPath: out)
        var options = DemoDataOptions()
        options.seed = seed
        options.calls = calls
        options.meanCallSeconds = meanSeconds
        options.includeBadInputs = !noBadInputs
        options.holdFraction = holdFraction
        if !music.isEmpty {
            options.mohDirectory = ""
            options.musicDirectories = music
        }
        let drop = root.appendingPathComponent("drop")
        let truth = root.appendingPathComponent("truth")
        let summary = try DemoDataGenerator(options: options).generate(into: drop, truthFolder: truth) { done, total in
            if !json && (done % 10 == 0 || done == total) {
                FileHandle.standardError.write(Data("demo-data: \(done)/\(total) calls\n".utf8))
            }
        }
        if json { return try Output.json(summary) }
        Output.line("generated \(summary.callsWritten) calls (\(Output.duration(summary.audioSeconds)) of audio, \(summary.badInputsWritten) deliberately bad inputs) in \(drop.path); ground truth in \(truth.path)")
    }
}

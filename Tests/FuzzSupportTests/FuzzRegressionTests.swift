import Foundation
import FuzzSupport
import Testing

/// Replays, through the same entry points the fuzzers call, every input saved in
/// `Fixtures/fuzz-regressions/<target>/` (inputs that once crashed or misbehaved; CI needs no libFuzzer) and
/// every generated seed. A file `NAME.expected` beside each input holds the outcome it must give
/// (`refused: CODE` or `accepted: ...` prefix).
/// Serialized: the `sndfile` target goes through one scratch file per process, so two of its inputs replayed at
/// once would overwrite each other's bytes.
@Suite(.serialized) struct FuzzRegressionTests {
    static let packageRoot = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let regressions = packageRoot.appendingPathComponent("Fixtures/fuzz-regressions")

    /// Every saved input as `target/name`: one test case per file, so the report lists each replay, and a target
    /// with no saved input adds no case that passes without replaying anything.
    static let savedInputs: [String] = {
        let folders = ((try? FileManager.default.contentsOfDirectory(atPath: regressions.path)) ?? []).sorted()
        return folders.flatMap { folder -> [String] in
            let names = (try? FileManager.default.contentsOfDirectory(atPath: regressions.appendingPathComponent(folder).path)) ?? []
            return names.filter { !$0.hasPrefix(".") && !$0.hasSuffix(".expected") }.sorted().map { folder + "/" + $0 }
        }.filter { !$0.hasSuffix("/README.md") }
    }()

    @Test(arguments: savedInputs)
    func savedInputReplaysToItsExpectedOutcome(_ input: String) throws {
        let parts = input.split(separator: "/").map(String.init)
        let target = try #require(FuzzTarget(rawValue: parts[0]), "\(parts[0]) is not a fuzz target")
        let file = Self.regressions.appendingPathComponent(input)
        let expected = try String(contentsOf: URL(fileURLWithPath: file.path + ".expected"), encoding: .utf8)
            .trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(expected.hasPrefix("refused: ") || expected.hasPrefix("accepted: "), "\(input).expected: \(expected)")
        let outcome = target.run([UInt8](try Data(contentsOf: file)))
        #expect(outcome.description.hasPrefix(expected), "\(input): \(outcome)")
    }

    /// The folder holds only target folders (a misspelt one would never be replayed), every input states its
    /// outcome in `NAME.expected`, and there is something to replay.
    @Test func savedInputsAreWellFormed() throws {
        let entries = try FileManager.default.contentsOfDirectory(atPath: Self.regressions.path).filter { !$0.hasPrefix(".") }
        for entry in entries where entry != "README.md" {
            #expect(FuzzTarget(rawValue: entry) != nil, "Fixtures/fuzz-regressions/\(entry) is not a fuzz target")
        }
        #expect(!Self.savedInputs.isEmpty)
        for input in Self.savedInputs {
            let expected = Self.regressions.appendingPathComponent(input + ".expected").path
            #expect(FileManager.default.fileExists(atPath: expected), "\(input) has no .expected outcome")
        }
    }

    @Test(arguments: FuzzTarget.allCases)
    func generatedSeedsRunThroughTheirTarget(_ target: FuzzTarget) throws {
        let folder = try ScratchFolder()
        let count = try FuzzSeeds.write(target, to: folder.url)
        #expect(count > 0)
        var outcomes: [String: FuzzOutcome] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: folder.url.path) {
            outcomes[name] = target.run([UInt8](try Data(contentsOf: folder.url.appendingPathComponent(name))))
        }
        // The valid seeds pass, so the fuzzer starts from inputs that reach the decoders.
        switch target {
        case .opus, .encrypted:
            #expect(outcomes.values.allSatisfy { if case .accepted = $0 { true } else { false } }, "\(outcomes)")
        case .sndfile:
            #expect(outcomes.filter { $0.key.hasPrefix("seed-wav") || $0.key.hasPrefix("seed-flac") }
                .allSatisfy { if case .accepted = $0.value { true } else { false } }, "\(outcomes)")
        default:
            #expect(outcomes.count == count)
        }
    }
}

import Foundation
import FuzzSupport
import Testing

/// Replays, through the same entry points the fuzzers call, every input saved in
/// `Fixtures/fuzz-regressions/<target>/` (inputs that once crashed or misbehaved; CI needs no libFuzzer) and
/// every generated seed. A file `NAME.expected` beside an input holds the outcome it must give
/// (`refused: CODE` or `accepted: ...` prefix).
@Suite struct FuzzRegressionTests {
    static let packageRoot = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let regressions = packageRoot.appendingPathComponent("Fixtures/fuzz-regressions")

    @Test(arguments: FuzzTarget.allCases)
    func savedInputsReplayWithoutTrapping(_ target: FuzzTarget) throws {
        let folder = Self.regressions.appendingPathComponent(target.rawValue)
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [])
            .filter { !$0.hasPrefix(".") && !$0.hasSuffix(".expected") && $0 != "README.md" }.sorted()
        for name in names {
            let bytes = [UInt8](try Data(contentsOf: folder.appendingPathComponent(name)))
            let outcome = target.run(bytes)
            let expectedFile = folder.appendingPathComponent(name + ".expected")
            if let expected = try? String(contentsOf: expectedFile, encoding: .utf8) {
                let want = expected.trimmingCharacters(in: .whitespacesAndNewlines)
                #expect(outcome.description.hasPrefix(want), "\(target.rawValue)/\(name): \(outcome)")
            }
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

import CallAccuracy
import CallDSP
import CallDemo
import Foundation
import Testing

/// The call analysis against generated ground truth: loose floors on a handful of calls so that a regression
/// fails CI (the full figures come from `nokchwi demo-accuracy` on 40+ calls, see the CallDSP report).
@Suite(.serialized) struct AccuracyHarnessTests {
    static let options: DemoDataOptions = {
        var o = DemoDataOptions(seed: 20_261_123, calls: 6, meanCallSeconds: 70)
        o.includeBadInputs = false
        o.holdFraction = 0.5
        return o
    }()

    @Test(.enabled(if: DemoDataFixture.available, DemoDataFixture.skipReason))
    func looseFloorsOnSixCalls() throws {
        let fixture = try DemoDataFixture(Self.options)
        defer { fixture.remove() }
        let report = try AccuracyHarness(truthFolder: fixture.truthFolder, dropFolder: fixture.drop).run()
        let o = report.overall
        #expect(o.calls == 6)
        #expect(o.agentFrameAccuracy >= 0.93, "\(report.renderMarkdown())")
        #expect(o.callerFrameAccuracy >= 0.93)
        #expect(o.agentTalkError <= 0.08 && o.callerTalkError <= 0.08)
        #expect(o.holdTrueS > 0, "the fixture should hold a hold")
        #expect(o.holdRecall >= 0.8)
        #expect(o.holdPrecision >= 0.8)
        #expect(o.musicAsTalkS <= 2.0)
        if o.silenceTrue > 0 { #expect(o.silenceF1 >= 0.5) }
        if o.deadAirTrue > 0 { #expect(o.deadAirF1 >= 0.5) }
        // With the true hold given as metadata, hold is exact.
        if report.overallWithMetadata.calls > 0 {
            #expect(report.overallWithMetadata.holdRecall >= 0.99 && report.overallWithMetadata.holdPrecision >= 0.99)
        }
        // The report is Codable (the command prints it as JSON) and renders the groups.
        let decoded = try JSONDecoder().decode(AccuracyReport.self, from: JSONEncoder().encode(report))
        #expect(decoded == report)
        let text = report.renderMarkdown()
        #expect(text.contains("| all (audio only) | 6 |") && text.contains("SNR") && text.contains("encoding"))
    }

    /// The same call analysed in small and large blocks through the harness gives the same figures.
    @Test(.enabled(if: DemoDataFixture.available, DemoDataFixture.skipReason))
    func blockSizeDoesNotChangeTheFigures() throws {
        var options = Self.options
        options.calls = 2
        options.meanCallSeconds = 30
        let fixture = try DemoDataFixture(options)
        defer { fixture.remove() }
        let big = try AccuracyHarness(truthFolder: fixture.truthFolder, dropFolder: fixture.drop, blockFrames: 4096).run()
        let small = try AccuracyHarness(truthFolder: fixture.truthFolder, dropFolder: fixture.drop, blockFrames: 333).run()
        #expect(big.calls.map(\.audioOnly) == small.calls.map(\.audioOnly))
    }

    /// Opt-in: the full report on a demo-data folder (`NOKCHWI_ACCURACY_DIR=OUT swift test --filter
    /// AccuracyHarnessTests`), printed as Markdown.
    @Test(.enabled(if: ProcessInfo.processInfo.environment["NOKCHWI_ACCURACY_DIR"] != nil))
    func fullReportOnAFolder() throws {
        let root = URL(fileURLWithPath: ProcessInfo.processInfo.environment["NOKCHWI_ACCURACY_DIR"]!)
        let report = try AccuracyHarness(truthFolder: root.appendingPathComponent("truth"),
                                         dropFolder: root.appendingPathComponent("drop")).run()
        print(report.renderMarkdown())
        #expect(report.overall.calls > 0)
    }
}

/// `demo-accuracy --dump-music-features`: the music detector's blocks with the truth's labels.
@Suite(.serialized) struct MusicFeatureDumpTests {
    @Test(.enabled(if: DemoDataFixture.available, DemoDataFixture.skipReason))
    func everyBlockIsOneLabelledLine() throws {
        var options = AccuracyHarnessTests.options
        options.calls = 2
        options.holdFraction = 1
        let fixture = try DemoDataFixture(options)
        defer { fixture.remove() }
        let harness = AccuracyHarness(truthFolder: fixture.truthFolder, dropFolder: fixture.drop)
        var lines: [String] = []
        var rows = 0
        let traced = try harness.run(musicTrace: { truth, trace in
            rows += trace.count
            lines += AccuracyHarness.musicFeatureLines(trace, truth: truth, variant: "source")
        })
        // Tracing does not change the figures.
        #expect(traced.calls.map(\.audioOnly) == (try harness.run()).calls.map(\.audioOnly))
        #expect(rows > 0 && lines.count == rows)
        let header = AccuracyHarness.musicFeatureHeader.split(separator: ",").map(String.init)
        let table = lines.map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        #expect(table.allSatisfy { $0.count == header.count })
        let column = { (name: String) in header.firstIndex(of: name)! }
        let channel = column("channel"), music = column("music_block")
        // The truth's holds are music on the agent channel only; some blocks are music, most are not.
        #expect(table.contains { $0[channel] == "0" && $0[music] == "1" })
        #expect(table.filter { $0[channel] == "1" }.allSatisfy { $0[music] == "0" })
        #expect(table.contains { $0[music] == "0" })
    }
}

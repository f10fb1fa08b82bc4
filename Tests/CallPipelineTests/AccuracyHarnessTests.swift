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

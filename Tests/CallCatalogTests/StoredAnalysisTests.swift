@testable import CallCatalog
import CallModel
import Foundation
import Testing

/// The stored analysis reads back as stored, and a damaged one is reported as damage, never as "not analysed".
@Suite struct StoredAnalysisTests {
    static let analysis = CallAnalysis(
        durationS: 200, channels: 2, mono: false,
        parties: .init(agent: .init(talkS: 80, segments: [TimeSpan(1, 81)], interruptions: 1),
                       caller: .init(talkS: 60, segments: [TimeSpan(90, 150)], interruptions: 0)),
        talk: nil, overtalk: .init(totalS: 0, count: 0),
        silence: .init(totalS: 12, events: [TimeSpan(150, 162)]), deadAir: .init(thresholdS: 10, events: [TimeSpan(150, 162)]),
        hold: .init(totalS: 33.8, count: 1, segments: [.init(start: 61.2, end: 95, source: .metadata)]), nonTalkS: 45.8)

    @Test func analysisReadsBackAsStored() throws {
        let catalog = try Catalog()
        let call = sampleCall()
        #expect(try catalog.commit(call, analysis: Self.analysis) == .inserted)
        #expect(try catalog.analysis(callID: call.id) == Self.analysis)
        #expect(try catalog.analysis(callID: "20261123-0000000000") == nil)
    }

    @Test func aDamagedAnalysisIsReportedAsCorrupt() throws {
        let catalog = try Catalog()
        let call = sampleCall()
        #expect(try catalog.commit(call, analysis: Self.analysis) == .inserted)
        try catalog.unsafeExecuteForTesting(sql: "UPDATE call_metrics SET analysis_json = '{\"duration_s\": 200' WHERE call_id = '\(call.id)'")
        #expect {
            _ = try catalog.analysis(callID: call.id)
        } throws: { error in
            (error as? CatalogError)?.code == .corrupt
        }
    }

    @Test func aDamagedTagListIsReportedAsCorrupt() throws {
        let catalog = try Catalog()
        let call = sampleCall()
        #expect(try catalog.commit(call) == .inserted)
        try catalog.unsafeExecuteForTesting(sql: "UPDATE call SET tags = 'not json' WHERE id = '\(call.id)'")
        #expect {
            _ = try catalog.call(id: call.id)
        } throws: { error in
            (error as? CatalogError)?.code == .corrupt
        }
    }
}

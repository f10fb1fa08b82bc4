import Foundation
import Testing
@testable import CallDSP
import CallModel

/// The JSON shape of `CallAnalysis` and the decoding of `AnalysisSettings`.
@Suite struct CodingTests {
    static func keys(_ data: Data) throws -> Set<String> {
        Set(try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any]).keys)
    }

    @Test func stereoShapeAndRoundTrip() throws {
        var g = SignalFactory()
        let x = TalkMetricsTests.channel(&g, seconds: 20, bursts: [[1, 3], [15, 16]], hz: 440)
        let a = analyse(SignalFactory.interleave(x, g.noise(20, dbfs: -80)), channels: 2)
        let data = try JSONEncoder().encode(a)
        #expect(try Self.keys(data) == ["duration_s", "channels", "parties", "overtalk", "silence", "dead_air",
                                        "hold", "non_talk_s"])
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let agent = try #require((object["parties"] as? [String: Any])?["agent"] as? [String: Any])
        #expect(Set(agent.keys) == ["talk_s", "segments", "interruptions"])
        #expect((agent["segments"] as? [[Double]]) == [[1, 3], [15, 16]])
        #expect(Set(try #require(object["hold"] as? [String: Any]).keys) == ["total_s", "count", "segments"])
        #expect(Set(try #require(object["dead_air"] as? [String: Any]).keys) == ["threshold_s", "events"])
        #expect(try JSONDecoder().decode(CallAnalysis.self, from: data) == a)
    }

    @Test func monoShapeAndRoundTrip() throws {
        var g = SignalFactory()
        let a = analyse(TalkMetricsTests.channel(&g, seconds: 5, bursts: [[1, 2]], hz: 440), channels: 1)
        let data = try JSONEncoder().encode(a)
        #expect(try Self.keys(data) == ["duration_s", "channels", "mono", "talk", "silence", "dead_air", "hold",
                                        "non_talk_s"])
        #expect(try JSONDecoder().decode(CallAnalysis.self, from: data) == a)
    }

    @Test func holdSegmentShape() throws {
        let hold = CallAnalysis.Hold(totalS: 30, count: 1, segments: [.init(start: 5, end: 35, source: .music)])
        let text = String(decoding: try JSONEncoder().encode(hold), as: UTF8.self)
        #expect(text.contains(#""source":"music""#) && text.contains(#""total_s":30"#))
    }

    @Test func partialSettingsKeepDefaults() throws {
        let s = try JSONDecoder().decode(AnalysisSettings.self, from: Data(#"{"bridge_ms": 300, "dead_air_s": 15}"#.utf8))
        var expected = AnalysisSettings()
        expected.bridgeMs = 300
        expected.deadAirS = 15
        #expect(s == expected)
        #expect(s.validate() == nil)
        let empty = try JSONDecoder().decode(AnalysisSettings.self, from: Data("{}".utf8))
        #expect(empty == AnalysisSettings())
    }

    @Test func validateNamesTheBadKey() {
        var s = AnalysisSettings()
        s.vadOffsetDB = 20
        #expect(s.validate()?.hasPrefix("analysis.vad_offset_db") == true)
        s = AnalysisSettings()
        s.deadAirS = 1
        #expect(s.validate()?.hasPrefix("analysis.dead_air_s") == true)
        s = AnalysisSettings()
        s.frameMs = 0
        #expect(s.validate()?.hasPrefix("analysis.frame_ms") == true)
    }

    @Test func settingsRoundTripWithSnakeCaseKeys() throws {
        let data = try JSONEncoder().encode(AnalysisSettings())
        let keys = try Self.keys(data)
        #expect(keys.contains("vad_onset_db") && keys.contains("hold_min_s") && keys.contains("music_score_min"))
        #expect(try JSONDecoder().decode(AnalysisSettings.self, from: data) == AnalysisSettings())
    }
}

import CallAudio
import Foundation
import Testing
@testable import CallPipeline

@Suite struct PipelineDefinitionTests {
    static let pipelines = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Pipelines")

    @Test func everyPipelineFileLoadsAndValidates() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.pipelines.path).filter { $0.hasSuffix(".yaml") }
        #expect(!files.isEmpty)
        for file in files {
            let definition = try PipelineDefinition.load(path: Self.pipelines.appendingPathComponent(file).path)
            #expect(definition.sourceSHA256.count == 64)
        }
    }

    @Test func defaultFileMatchesBuiltInDefaults() throws {
        var loaded = try PipelineDefinition.load(path: Self.pipelines.appendingPathComponent("default.yaml").path)
        loaded.sourceSHA256 = ""
        #expect(loaded == PipelineDefinition())
    }

    @Test func emptyDefinitionTakesDefaults() throws {
        let definition = try PipelineDefinition.parse(yaml: "name: minimal\n")
        #expect(definition.encoding == OpusEncodingSettings())
        #expect(definition.name == "minimal")
    }

    @Test(arguments: [
        "encoding:\n  complexity: 11\n",
        "encoding:\n  bitrate_per_channel: 500\n",
        "encoding:\n  frame_ms: 25\n",
        "ingest:\n  chunk_frames: 10\n",
        "metadata:\n  timezone: Mars/Olympus\n",
        "encoding: [1, 2\n",
        "encoding:\n  complexity: high\n",
    ])
    func invalidDefinitionsAreRejectedWithTheKey(yaml: String) {
        #expect(throws: PipelineError.self) { _ = try PipelineDefinition.parse(yaml: yaml) }
    }
}

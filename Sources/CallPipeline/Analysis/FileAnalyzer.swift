import CallAudio
import CallDSP
import CallModel
import Foundation

/// `nokchwi analyze FILE`: the same analysis the pipeline stores per call, on one file without the catalog.
/// Reads any recording libsndfile decodes, or an Ogg Opus archive (so an archive can be re-analysed and compared
/// with the metrics computed from its source).
public struct FileAnalyzer: Sendable {
    public let settings: AnalysisSettings
    public let chunkFrames: Int

    public init(settings: AnalysisSettings = AnalysisSettings(), chunkFrames: Int = 4096) {
        self.settings = settings
        self.chunkFrames = chunkFrames
    }

    /// Analyses the file with the agent on `agentChannel` (default 0; the other channel is the caller).
    public func analyze(path: String, agentChannel: Int = 0) throws -> CallAnalysis {
        guard agentChannel == 0 || agentChannel == 1 else {
            throw PipelineError(.definitionInvalid, "--agent-channel must be 0 or 1", path: path)
        }
        if try Self.isOggOpus(path) {
            return try analyze(archive: try OpusArchiveReader(path: path), agentChannel: agentChannel)
        }
        if Self.isEncryptedArchive(path) {
            throw PipelineError(.definitionInvalid, "this is an encrypted archive: it is read through the catalog by a signed-in user, `nokchwi calls analyze CALL_ID`", path: path)
        }
        let (plan, assembler) = try assemble(path: path, agentChannel: agentChannel)
        let analyzer = CallAnalyzer(sampleRate: plan.archiveRate, channels: plan.archiveChannels, settings: settings)
        while let block = try assembler.next() {
            block.withUnsafeBufferPointer { analyzer.process($0, frames: block.count / plan.archiveChannels) }
        }
        return analyzer.finish(metadataHold: nil)
    }

    /// The recording's blocks in the pipeline's channel order (agent first) and rate, as ingest decodes them.
    private func assemble(path: String, agentChannel: Int) throws -> (ArchivePlan, ChannelAssembler) {
        let reader = try SndFileReader(path: path)
        let layout: RecordingLayout = reader.info.channels == 1 ? .mono(file: path) : .stereo(file: path, agentChannel: agentChannel)
        let plan = try ArchivePlan(candidate: CallCandidate(layout: layout), readers: [reader], chunkFrames: chunkFrames)
        return (plan, ChannelAssembler(sources: plan.sources, archiveChannels: plan.archiveChannels, chunkFrames: chunkFrames))
    }

    /// Analyses a decoded archive (plain or through `ArchiveOpener`), agent on `agentChannel`.
    public func analyze(archive reader: OpusArchiveReader, agentChannel: Int = 0) throws -> CallAnalysis {
        let channels = min(reader.channels, 2)
        let analyzer = CallAnalyzer(sampleRate: reader.decodeRate, channels: channels, settings: settings)
        while true {
            var block = try reader.read(maxFrames: chunkFrames)
            if block.isEmpty { break }
            let frames = block.count / reader.channels
            if reader.channels != channels || agentChannel == 1 {
                var picked = [Float](repeating: 0, count: frames * channels)
                for f in 0..<frames {
                    for c in 0..<channels {
                        let source = channels == 2 && agentChannel == 1 ? 1 - c : c
                        picked[f * channels + c] = block[f * reader.channels + source]
                    }
                }
                block = picked
            }
            block.withUnsafeBufferPointer { analyzer.process($0, frames: frames) }
        }
        return analyzer.finish(metadataHold: nil)
    }

    /// Timing of the analysis (benchmarks): the file decoded once into memory, then analysed `repeats` times from
    /// those floats on this thread; plus one run from the file (decode + analysis).
    public struct Timing: Encodable, Sendable {
        public var audioSeconds: Double
        public var fromFileSeconds: Double
        public var analysisSeconds: [Double]
        public var fromFileRealtime: Double { audioSeconds / max(fromFileSeconds, 1e-9) }
        public var analysisRealtime: Double {
            let sorted = analysisSeconds.sorted()
            return audioSeconds / max(sorted[sorted.count / 2], 1e-9)
        }

        enum CodingKeys: String, CodingKey {
            case audioSeconds = "audio_seconds", fromFileSeconds = "from_file_seconds", analysisSeconds = "analysis_seconds"
            case fromFileRealtime = "from_file_realtime", analysisRealtime = "analysis_realtime"
        }

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(audioSeconds, forKey: .audioSeconds)
            try c.encode(fromFileSeconds, forKey: .fromFileSeconds)
            try c.encode(analysisSeconds, forKey: .analysisSeconds)
            try c.encode(fromFileRealtime, forKey: .fromFileRealtime)
            try c.encode(analysisRealtime, forKey: .analysisRealtime)
        }
    }

    public func timeAnalysis(path: String, agentChannel: Int, repeats: Int) throws -> Timing {
        let clock = ContinuousClock()
        var analysis: CallAnalysis?
        let fromFile = try clock.measure { analysis = try analyze(path: path, agentChannel: agentChannel) }
        // Decode once (same channel order and rate as the pipeline), keep the blocks in memory.
        let (plan, assembler) = try assemble(path: path, agentChannel: agentChannel)
        var blocks: [[Float]] = []
        while let block = try assembler.next() { blocks.append(block) }
        var seconds: [Double] = []
        for _ in 0..<repeats {
            let elapsed = clock.measure {
                let analyzer = CallAnalyzer(sampleRate: plan.archiveRate, channels: plan.archiveChannels, settings: settings)
                for block in blocks {
                    block.withUnsafeBufferPointer { analyzer.process($0, frames: block.count / plan.archiveChannels) }
                }
                _ = analyzer.finish(metadataHold: nil)
            }
            seconds.append(elapsed.seconds)
        }
        return Timing(audioSeconds: analysis?.durationS ?? 0, fromFileSeconds: fromFile.seconds, analysisSeconds: seconds)
    }

    static func isEncryptedArchive(_ path: String) -> Bool {
        guard let handle = FileHandle(forReadingAtPath: path) else { return false }
        defer { try? handle.close() }
        return (try? handle.read(upToCount: 8)) == Data("NKCHWENC".utf8)
    }

    static func isOggOpus(_ path: String) throws -> Bool {
        guard let handle = FileHandle(forReadingAtPath: path) else { return false }
        defer { try? handle.close() }
        let head = (try? handle.read(upToCount: 36)) ?? Data()
        return head.count >= 36 && head.prefix(4) == Data("OggS".utf8) && head[28..<36] == Data("OpusHead".utf8)
    }
}

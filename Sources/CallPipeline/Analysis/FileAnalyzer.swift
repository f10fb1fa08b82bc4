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
    /// The center's hold audio, found by fingerprint (`--hold-audio`); nil: none.
    public let holdAudio: HoldAudioLibrary?

    public init(settings: AnalysisSettings = AnalysisSettings(), chunkFrames: Int = 4096, holdAudio: HoldAudioLibrary? = nil) {
        self.settings = settings
        self.chunkFrames = chunkFrames
        self.holdAudio = holdAudio
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
        return try analyze(try recording(path: path, agentChannel: agentChannel))
    }

    /// Analyses a decoded archive (plain or through `ArchiveOpener`), agent on `agentChannel`.
    public func analyze(archive reader: OpusArchiveReader, agentChannel: Int = 0) throws -> CallAnalysis {
        try analyze(ArchiveBlockSource(reader, agentChannel: agentChannel, blockFrames: chunkFrames))
    }

    /// One decode pass of `source` into the analysis (no metadata hold: the audio alone).
    public func analyze(_ source: some AudioBlockSource) throws -> CallAnalysis {
        let analyzer = CallAnalyzer(sampleRate: source.sampleRate, channels: source.channels, settings: settings,
                                    holdAudio: holdAudio)
        try DecodePass.run(source, into: [analyzer])
        return analyzer.finish(metadataHold: nil)
    }

    /// The recording's blocks in the pipeline's channel order (agent first) and rate, as ingest decodes them.
    private func recording(path: String, agentChannel: Int) throws -> RecordingSource {
        let reader = try SndFileReader(path: path)
        let layout: RecordingLayout = reader.info.channels == 1 ? .mono(file: path) : .stereo(file: path, agentChannel: agentChannel)
        let plan = try ArchivePlan(candidate: CallCandidate(layout: layout), readers: [reader], chunkFrames: chunkFrames)
        return RecordingSource(plan: plan, chunkFrames: chunkFrames)
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
        // Decode once (same channel order and rate as the pipeline), keep the samples in memory.
        let recording = try recording(path: path, agentChannel: agentChannel)
        let collector = SampleCollector()
        try DecodePass.run(recording, into: [collector])
        var seconds: [Double] = []
        for _ in 0..<repeats {
            let memory = MemoryBlockSource(samples: collector.samples, channels: recording.channels,
                                           sampleRate: recording.sampleRate, blockFrames: chunkFrames)
            let elapsed = try clock.measure { _ = try analyze(memory) }
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

import CallAudio
import CallDSP
import CallDemo
import CallModel
import CallPipeline
import Foundation

/// Measures `CallAnalyzer` against the demo generator's ground truth: decodes each call's source audio from the
/// drop folder (agent first, legs read in lockstep), analyses it without hold metadata (the hard case) and, when
/// the metadata carries hold, with the true hold, and scores frames, talk time, hold, silence and dead air.
public struct AccuracyHarness: Sendable {
    public var truthFolder: URL
    public var dropFolder: URL
    public var settings: AnalysisSettings
    /// Frames per decoded block fed to the analyzer (the pipeline's chunk size).
    public var blockFrames: Int
    /// When set, every call is first passed through an Ogg Opus archive with these settings (encoded and decoded
    /// in memory): the accuracy of re-analysing archives.
    public var archiveEncoding: OpusEncodingSettings?
    /// The center's hold audio, found by fingerprint (`--hold-audio`); nil: none registered.
    public var holdAudio: HoldAudioLibrary?

    public init(truthFolder: URL, dropFolder: URL, settings: AnalysisSettings = .init(), blockFrames: Int = 4096) {
        self.truthFolder = truthFolder
        self.dropFolder = dropFolder
        self.settings = settings
        self.blockFrames = blockFrames
    }

    /// The truth of every call in the truth folder, sorted by call id.
    public func truths() throws -> [DemoCallTruth] {
        let names = try FileManager.default.contentsOfDirectory(atPath: truthFolder.path)
            .filter { $0.hasSuffix(".truth.json") }.sorted()
        return try names.map {
            try JSONDecoder().decode(DemoCallTruth.self, from: Data(contentsOf: truthFolder.appendingPathComponent($0)))
        }
    }

    /// Runs every call; `progress(done, total)` after each. Diagnostics: `musicTrace` receives each call's music
    /// detector blocks (audio-only analysis; tracing costs a little time), `audio` each call's analysed audio (after
    /// the archive round trip when `archiveEncoding` is set).
    public func run(progress: ((Int, Int) -> Void)? = nil,
                    musicTrace: ((DemoCallTruth, [MusicTraceRow]) throws -> Void)? = nil,
                    audio audioSink: ((DemoCallTruth, Audio) throws -> Void)? = nil) throws -> AccuracyReport {
        let all = try truths()
        var results: [AccuracyReport.CallResult] = []
        var audioSeconds = 0.0
        var analysisSeconds = 0.0
        for truth in all {
            let source = try decode(truth)
            let audio = try archiveEncoding.map { try Self.throughArchive(source, encoding: $0) } ?? source
            try audioSink?(truth, audio)
            let clock = ContinuousClock()
            var analysis: CallAnalysis!
            var trace: [MusicTraceRow] = []
            let spent = clock.measure {
                (analysis, trace) = analyse(audio, metadataHold: nil, traceMusic: musicTrace != nil)
            }
            try musicTrace?(truth, trace)
            analysisSeconds += Double(spent.components.seconds) + Double(spent.components.attoseconds) * 1e-18
            audioSeconds += Double(audio.frames) / Double(audio.sampleRate)
            var result = AccuracyReport.CallResult(
                callID: truth.callID, encoding: truth.encoding, layout: truth.layout, sampleRate: truth.sampleRate,
                snrDB: truth.snrDB, leakageDB: truth.leakageDB, holdMetadata: truth.holdMetadata,
                durationS: truth.durationS, audioOnly: AccuracyScoring.score(analysis, truth: truth), withMetadata: nil,
                holds: analysis.hold.segments.map { TimeSpan($0.start, $0.end) })
            if truth.holdInMetadata {
                let holds = truth.hold.map { HoldInterval(start: $0[0], end: $0[1]) }
                result.withMetadata = AccuracyScoring.score(analyse(audio, metadataHold: holds), truth: truth)
            }
            results.append(result)
            progress?(results.count, all.count)
        }
        return AccuracyReport.make(truthFolder: truthFolder.path, calls: results, audioSeconds: audioSeconds,
                                   analysisSeconds: analysisSeconds)
    }

    /// A call's audio, interleaved, agent on channel 0.
    public struct Audio: Sendable {
        public var samples: [Float]
        public var channels: Int
        public var sampleRate: Int
        public var frames: Int { samples.count / max(1, channels) }

        public init(samples: [Float], channels: Int, sampleRate: Int) {
            self.samples = samples
            self.channels = channels
            self.sampleRate = sampleRate
        }

        /// The samples as a block source for one decode pass.
        func blocks(_ blockFrames: Int) -> MemoryBlockSource {
            MemoryBlockSource(samples: samples, channels: channels, sampleRate: sampleRate, blockFrames: blockFrames)
        }
    }

    /// Decodes a call's source audio as the pipeline does (one decode pass: agent first, legs side by side, the
    /// archive's Opus rate), into memory.
    public func decode(_ truth: DemoCallTruth) throws -> Audio {
        let layout: RecordingLayout
        if truth.layout == "stereo" {
            layout = .stereo(file: truth.files[0], agentChannel: truth.agentChannel)
        } else if let agentFile = truth.agentFile, let callerFile = truth.callerFile {
            layout = .legs(agent: agentFile, caller: callerFile)
        } else {
            throw DemoDataError.io(path: truth.callID, reason: "legs call without agent_file/caller_file in its truth")
        }
        let source = try RecordingSource(CallCandidate(layout: layout), in: dropFolder, chunkFrames: blockFrames)
        let collector = SampleCollector()
        try DecodePass.run(source, into: [collector])
        return Audio(samples: collector.samples, channels: source.channels, sampleRate: source.sampleRate)
    }

    /// Runs the analyzer over `audio` in blocks of `blockFrames`.
    public func analyse(_ audio: Audio, metadataHold: [HoldInterval]?) -> CallAnalysis {
        analyse(audio, metadataHold: metadataHold, traceMusic: false).0
    }

    /// The same, with the music detector's blocks when `traceMusic` (else `[]`).
    public func analyse(_ audio: Audio, metadataHold: [HoldInterval]?, traceMusic: Bool)
        -> (CallAnalysis, [MusicTraceRow]) {
        let analyzer = CallAnalyzer(sampleRate: audio.sampleRate, channels: audio.channels, settings: settings,
                                    traceMusic: traceMusic, holdAudio: holdAudio)
        // Memory blocks never throw, and neither does the analyzer.
        try! DecodePass.run(audio.blocks(blockFrames), into: [analyzer])
        let analysis = analyzer.finish(metadataHold: metadataHold)
        return (analysis, analyzer.musicTrace)
    }
}

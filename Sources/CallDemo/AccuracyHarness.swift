import CallAudio
import CallDSP
import CallModel
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
    }

    /// Decodes a call's source audio with libsndfile, reordered so the agent is channel 0.
    public func decode(_ truth: DemoCallTruth) throws -> Audio {
        if truth.layout == "stereo" {
            let reader = try SndFileReader(path: dropFolder.appendingPathComponent(truth.files[0]).path)
            let ch = reader.info.channels
            var out: [Float] = []
            out.reserveCapacity(Int(reader.info.frames) * ch)
            while true {
                let chunk = try reader.readChunk(maxFrames: 65_536)
                if chunk.isEmpty { break }
                out += chunk
            }
            if ch == 2, truth.agentChannel == 1 {
                out.withUnsafeMutableBufferPointer { b in
                    for i in stride(from: 0, to: b.count - 1, by: 2) { b.swapAt(i, i + 1) }
                }
            }
            return Audio(samples: out, channels: ch, sampleRate: reader.info.sampleRate)
        }
        guard let agentFile = truth.agentFile, let callerFile = truth.callerFile else {
            throw DemoDataError.io(path: truth.callID, reason: "legs call without agent_file/caller_file in its truth")
        }
        let a = try SndFileReader(path: dropFolder.appendingPathComponent(agentFile).path)
        let c = try SndFileReader(path: dropFolder.appendingPathComponent(callerFile).path)
        var out: [Float] = []
        out.reserveCapacity(Int(max(a.info.frames, c.info.frames)) * 2)
        while true {
            let x = try a.readChunk(maxFrames: 65_536)
            let y = try c.readChunk(maxFrames: 65_536)
            let n = max(x.count, y.count)
            if n == 0 { break }
            for i in 0..<n {
                out.append(i < x.count ? x[i] : 0)
                out.append(i < y.count ? y[i] : 0)
            }
        }
        return Audio(samples: out, channels: 2, sampleRate: a.info.sampleRate)
    }

    /// Runs the analyzer over `audio` in blocks of `blockFrames`.
    public func analyse(_ audio: Audio, metadataHold: [HoldInterval]?) -> CallAnalysis {
        analyse(audio, metadataHold: metadataHold, traceMusic: false).0
    }

    /// The same, with the music detector's blocks when `traceMusic` (else `[]`).
    public func analyse(_ audio: Audio, metadataHold: [HoldInterval]?, traceMusic: Bool)
        -> (CallAnalysis, [MusicTraceRow]) {
        let analyzer = CallAnalyzer(sampleRate: audio.sampleRate, channels: audio.channels, settings: settings,
                                    traceMusic: traceMusic)
        audio.samples.withUnsafeBufferPointer { all in
            var frame = 0
            while frame < audio.frames {
                let n = min(blockFrames, audio.frames - frame)
                let block = UnsafeBufferPointer(rebasing: all[(frame * audio.channels)..<((frame + n) * audio.channels)])
                analyzer.process(block, frames: n)
                frame += n
            }
        }
        let analysis = analyzer.finish(metadataHold: metadataHold)
        return (analysis, analyzer.musicTrace)
    }
}

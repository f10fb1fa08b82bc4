import CallModel
import Foundation

/// Writes a realistic drop folder of calls built from real recorded prompts and music on hold, plus the truth
/// of every call in a separate folder. Deterministic: the same options give byte-identical files.
///
/// Drop folder:
/// - `recorder/2026-11-23/` sidecar JSON calls (`CALLID.json` + `CALLID.wav` or legs);
/// - `asterisk/` `Master.csv` + `UNIQUEID.wav` (MixMonitor D) or `UNIQUEID-in.wav` / `-out.wav` (Monitor);
/// - `freeswitch/cdr/UUID.cdr.json` + `freeswitch/recordings/` (`UUID.wav` or the `record_file_path` name);
/// - `siprec/2026-11-23/` `BASE.xml` + `BASE.wav` or `BASE-1.wav` / `BASE-2.wav`;
/// - `unlabelled/` recordings without metadata;
/// - `bad/` the deliberately broken inputs (see `DemoBadInput`).
/// Truth folder: `CALLID.truth.json` per call (`DemoCallTruth`), `bad-inputs.json`, `index.json`.
public struct DemoDataGenerator: Sendable {
    public var options: DemoDataOptions

    public init(options: DemoDataOptions = DemoDataOptions()) {
        self.options = options
    }

    /// The prompts folder of asterisk-core-sounds-en-wav (`/usr/share/asterisk/sounds/en` is an alternatives
    /// link to the installed voice).
    public static var defaultSoundsDirectory: String {
        let candidates = ["/usr/share/asterisk/sounds/en", "/usr/share/asterisk/sounds/en_US_f_Allison",
                          "/usr/share/asterisk/sounds/en_US"]
        return candidates.first { !DemoSoundLibrary.wavFiles(in: $0).isEmpty } ?? candidates[0]
    }

    /// The folder of asterisk-moh-opsound-wav.
    public static var defaultMOHDirectory: String { "/usr/share/asterisk/moh" }

    /// Whether both folders hold WAV files (tests skip without them).
    public static func soundsAvailable(soundsDirectory: String = defaultSoundsDirectory,
                                       mohDirectory: String = defaultMOHDirectory) -> Bool {
        !DemoSoundLibrary.wavFiles(in: soundsDirectory).isEmpty && !DemoSoundLibrary.wavFiles(in: mohDirectory).isEmpty
    }

    /// Generates every call; `progress(done, total)` after each one.
    public func generate(into dropFolder: URL, truthFolder: URL,
                         progress: ((Int, Int) -> Void)? = nil) throws(DemoDataError) -> DemoDataSummary {
        try options.validate()
        let library = try DemoSoundLibrary.shared(sounds: options.soundsDirectory, moh: options.mohDirectory,
                                                 music: options.musicDirectories)
        let drop = DemoFileSink(root: dropFolder)
        let truthSink = DemoFileSink(root: truthFolder)
        let plans = DemoCallPlanner(options: options).plans()
        var cdrRows: [String] = []
        var seconds = 0.0
        var index: [DemoCallIndexEntry] = []
        let total = plans.count
        for plan in plans {
            let truth = try writeCall(plan, library: library, drop: drop, truthSink: truthSink, cdrRows: &cdrRows)
            seconds += truth.durationS
            index.append(DemoCallIndexEntry(callID: truth.callID, truthFile: truth.callID + ".truth.json",
                                            metadataFormat: truth.metadataFormat, files: truth.files))
            progress?(index.count, total)
        }
        if !cdrRows.isEmpty {
            try drop.write(cdrRows.joined(separator: "\n") + "\n", to: "asterisk/Master.csv")
        }
        var bad: [DemoBadInput] = []
        if options.includeBadInputs {
            bad = try DemoBadInputs.write(into: drop, speech: library.agentPrompts[0].samples
                + [Float](repeating: 0, count: 4000) + library.agentPrompts[1].samples)
            let beside = try writeCall(unparseableSidecarPlan(), library: library, drop: drop, truthSink: truthSink,
                                       cdrRows: &cdrRows)
            index.append(DemoCallIndexEntry(callID: beside.callID, truthFile: beside.callID + ".truth.json",
                                            metadataFormat: beside.metadataFormat, files: beside.files))
            try truthSink.write(DemoJSON.encode(bad), to: "bad-inputs.json")
        }
        try truthSink.write(DemoJSON.encode(index), to: "index.json")
        try DemoQueueLog.write(plans, seed: options.seed, into: DemoFileSink(root: dropFolder.deletingLastPathComponent().appendingPathComponent("acd")))
        return DemoDataSummary(
            callsWritten: plans.count, audioSeconds: (seconds * 100).rounded() / 100,
            files: drop.written.sorted(), truthFiles: truthSink.written.sorted(),
            badInputsWritten: bad.count, badInputs: bad)
    }

    private func writeCall(_ plan: DemoCallPlan, library: DemoSoundLibrary, drop: DemoFileSink,
                           truthSink: DemoFileSink, cdrRows: inout [String]) throws(DemoDataError) -> DemoCallTruth {
        var rng = DemoRandom.derived(options.seed, 1000 + UInt64(plan.index))
        var side = DemoRandom.derived(options.seed, 3000 + UInt64(plan.index))
        let conversation = DemoConversation.build(plan: plan, library: library, rng: &rng, side: &side)
        let rendered = DemoRenderer.render(conversation, library: library, rng: &rng)

        let stem = plan.folder + "/" + plan.base
        var metadataFiles: [String] = []
        switch plan.metadata {
        case .sidecarJSON: metadataFiles = [stem + ".json"]
        case .asteriskCDR: metadataFiles = ["asterisk/Master.csv"]
        case .freeswitchCDR: metadataFiles = ["freeswitch/cdr/\(plan.externalID).cdr.json"]
        case .siprec: metadataFiles = [stem + ".xml"]
        case .none: break
        }
        if plan.folder == DemoBadInputs.folder { metadataFiles = [] }
        let truth = DemoTruthBuilder.build(plan: plan, conversation: conversation, rendered: rendered,
                                           library: library, metadataFiles: metadataFiles)

        var agent = rendered.agent
        var caller = rendered.caller
        if plan.sampleRate != DemoConversation.rate {
            agent = try DemoAudioIO.resample(agent, from: DemoConversation.rate, to: plan.sampleRate)
            caller = try DemoAudioIO.resample(caller, from: DemoConversation.rate, to: plan.sampleRate)
        }
        let files = plan.files
        for file in plan.audioFiles { try drop.makeFolder(for: file) }
        switch plan.layout {
        case .stereo(let agentChannel):
            let channels = agentChannel == 0 ? [agent, caller] : [caller, agent]
            try DemoAudioIO.write(path: drop.path(files.agent), channels: channels, sampleRate: plan.sampleRate,
                                  encoding: plan.encoding)
        case .legs:
            try DemoAudioIO.write(path: drop.path(files.agent), channels: [agent], sampleRate: plan.sampleRate,
                                  encoding: plan.encoding)
            try DemoAudioIO.write(path: drop.path(files.caller), channels: [caller], sampleRate: plan.sampleRate,
                                  encoding: plan.encoding)
        }
        plan.audioFiles.forEach(drop.record)
        // A recorder closes its file when the call ends: the file's time is the call's end (the ingest flags a
        // metadata start far from it, `start-time-mismatch`).
        let end = Date(timeIntervalSince1970: Double(DemoClock.epoch(plan.answerSecondOfDay)) + truth.durationS)
        for file in plan.audioFiles {
            try? FileManager.default.setAttributes([.modificationDate: end], ofItemAtPath: drop.path(file))
        }

        switch plan.metadata {
        case .sidecarJSON:
            try drop.write(DemoJSON.encode(DemoSidecarJSON(plan: plan, truth: truth)), to: metadataFiles[0])
        case .asteriskCDR:
            cdrRows.append(DemoAsteriskCDR.row(plan: plan, truth: truth))
        case .freeswitchCDR:
            let recording = plan.namedRecording
                ? "/var/lib/freeswitch/recordings/\(DemoClock.date)/\(plan.base).wav" : nil
            try drop.write(DemoJSON.encode(DemoFreeSwitchCDR(plan: plan, truth: truth, recordingPath: recording)),
                           to: metadataFiles[0])
        case .siprec:
            try drop.write(DemoSiprecXML.document(plan: plan, truth: truth, rng: &rng), to: metadataFiles[0])
        case .none:
            break
        }
        try truthSink.write(DemoJSON.encode(truth), to: plan.callID + ".truth.json")
        return truth
    }

    /// A short regular recording beside the unparseable sidecar.
    private func unparseableSidecarPlan() -> DemoCallPlan {
        DemoCallPlan(
            index: options.calls, callID: DemoBadInputs.unparseableBase, metadata: .none,
            layout: .stereo(agentChannel: 0), encoding: .pcm16, sampleRate: 8000,
            answerSecondOfDay: 12 * 3600, ringSeconds: 5, agent: DemoDirectory.agents[4], department: "welfare",
            category: "basic-pension", tags: ["complaint"], direction: .inbound, callerNumber: "010-0000-0000",
            targetSeconds: 30, hasHold: false, holdMetadata: .none, transferToDepartment: false, externalID: "",
            folder: DemoBadInputs.folder, base: DemoBadInputs.unparseableBase, agentStreamFirst: true,
            namedRecording: false)
    }
}

/// One line of the truth folder's `index.json`.
public struct DemoCallIndexEntry: Codable, Sendable, Equatable {
    public var callID: String
    public var truthFile: String
    public var metadataFormat: String
    public var files: [String]

    enum CodingKeys: String, CodingKey {
        case callID = "call_id", truthFile = "truth_file", metadataFormat = "metadata_format", files
    }
}

import CallArchive
import CallAudio
import CallDSP
import CallModel
import Foundation

/// The call's id and the day its archive is filed under (the call's date in the pipeline's time zone).
struct CallIdentity {
    let callID: CallID
    let day: ArchiveDay
    /// SHA-256 of the call's sources (`HashedSources.sha256`).
    let sourceSHA256: String
}

/// A call's archive written and sealed in a temporary file, with the analysis made in the same decode pass.
struct SealedArchive {
    let file: DurableFileWriter
    let dataKey: WrappedDataKey
    let fileID: [UInt8]
    let summary: OpusArchiveSummary
    let analysis: CallAnalysis
    /// Frames each archive channel received from its source (before padding).
    let channelFrames: [Int64]
}

extension CallIngestor {
    /// Stage 4: the call's date (metadata, else the file's modification time, else now) in the pipeline's zone.
    func identify(_ candidate: CallCandidate, sourceSHA256: String) -> CallIdentity {
        let callDate = candidate.metadata.startTime ?? modificationDate(candidate.layout.files[0]) ?? clock.now()
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = definition.metadata.zone
        let day = calendar.dateComponents([.year, .month, .day], from: callDate)
        let archiveDay = ArchiveDay(year: day.year!, month: day.month!, day: day.day!)
        return CallIdentity(callID: CallID(day: archiveDay, sourceSHA256: sourceSHA256), day: archiveDay,
                            sourceSHA256: sourceSHA256)
    }

    /// Stage 5: one decode pass, two consumers: the Opus encoder (whose pages go through the sealer, under a fresh data
    /// key, into the durable temporary file) and the talk analysis (agent on channel 0).
    func encode(_ candidate: CallCandidate, plan: ArchivePlan, identity: CallIdentity) throws -> SealedArchive {
        let file = try store.begin()
        let (sealer, dataKey) = try ArchiveSealer.start(keys: keys, sink: { bytes in try file.write(bytes) })
        let encoder = try OpusArchiveWriter(
            sampleRate: plan.archiveRate, channels: plan.archiveChannels, settings: definition.encoding,
            serialNumber: Int32(bitPattern: UInt32(identity.sourceSHA256.prefix(8), radix: 16) ?? 1),
            comments: [("NOKCHWI_CALL_ID", identity.callID.rawValue), ("NOKCHWI_SOURCE_SHA256", identity.sourceSHA256),
                       ("ENCODER", "nokchwi \(NokchwiVersion.current)")],
            inputSampleRate: plan.sourceRate, sink: { bytes in try sealer.write(bytes) })
        let recording = RecordingSource(plan: plan, chunkFrames: definition.ingest.chunkFrames)
        let analyzer = CallAnalyzer(sampleRate: plan.archiveRate, channels: plan.archiveChannels, settings: definition.analysis,
                                    holdAudio: holdAudio)
        try DecodePass.run(recording, into: [encoder, analyzer])
        let summary = try encoder.finish()
        try sealer.finish()
        return SealedArchive(file: file, dataKey: dataKey, fileID: sealer.header.fileID, summary: summary,
                             analysis: analyzer.finish(metadataHold: Self.metadataHold(candidate.metadata)),
                             channelFrames: recording.channelFrames)
    }

    /// Hold intervals the metadata reports, for the analysis: nil when the metadata says nothing about hold (the
    /// analysis finds it in the audio), empty when it reports no hold at all.
    static func metadataHold(_ metadata: CallMetadata) -> [HoldInterval]? {
        let holds = metadata.events.filter { $0.kind == .hold }.map { HoldInterval(start: $0.start, end: $0.end ?? $0.start) }
        if !holds.isEmpty { return holds }
        if metadata.reportedHoldSeconds == 0 { return [] }
        return nil
    }

    private func modificationDate(_ relative: String) -> Date? {
        (try? FileManager.default.attributesOfItem(atPath: absolute(relative)))?[.modificationDate] as? Date
    }
}

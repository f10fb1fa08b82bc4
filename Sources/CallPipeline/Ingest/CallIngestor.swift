import CallFaults
import CallArchive
import CallAudio
import CallCatalog
import CallDSP
import CallModel
import Foundation
import Logging

/// Ingests one call: hash, skip if known, decode once in bounded chunks, encode to Ogg Opus, publish the archive
/// durably, and commit the call to the catalog in one transaction. Bad input is quarantined, never archived.
struct CallIngestor: Sendable {
    let dropFolder: URL
    let store: ArchiveStore
    let catalog: Catalog
    let definition: PipelineDefinition
    let keys: any KeyProvider
    let actor: AuditActor
    let clock: any WallClock
    let logger: Logger
    let runID: Int64?
    /// Reliability tests only (`NOKCHWI_FAULT`): `after-decode`, `after-rename`, `after-commit`.
    var faults: FaultInjection = .none

    func ingest(_ candidate: CallCandidate) -> IngestOutcome {
        let files = candidate.layout.files
        var hashes: [(sha256: String, bytes: Int64)] = []
        for file in files {
            do {
                hashes.append(try ContentHasher.hashFile(atPath: absolute(file)))
            } catch {
                return .quarantined([record(file, sha: "", bytes: 0, code: "unreadable", reason: "the file cannot be read (\(error)); check its permissions")])
            }
        }
        let sourceSHA = files.count == 1 ? hashes[0].sha256 : ContentHasher.combine(hashes.map(\.sha256))
        do {
            if let existing = try catalog.callID(sourceSHA256: sourceSHA) {
                return .skipped(callID: existing)
            }
            let known = try zip(files, hashes).filter { try catalog.isQuarantined(dropFolder: dropFolder.path, path: $0.0, sourceSHA256: $0.1.sha256) }
            if !known.isEmpty {
                return .previouslyQuarantined(paths: known.map(\.0))
            }
        } catch {
            return .failed(path: files[0], message: "\(error)")
        }

        var readers: [SndFileReader] = []
        for (index, file) in files.enumerated() {
            do {
                readers.append(try SndFileReader(path: absolute(file)))
            } catch {
                var records = [record(file, sha: hashes[index].sha256, bytes: hashes[index].bytes, code: Self.reasonCode(error.code), reason: error.message)]
                for (other, otherFile) in files.enumerated() where other != index {
                    records.append(record(otherFile, sha: hashes[other].sha256, bytes: hashes[other].bytes, code: "partner-quarantined",
                                          reason: "the other leg of this call (\(PersonalDataRedactor.redact(file))) is unusable; fix or replace it and rerun"))
                }
                return .quarantined(records)
            }
        }

        do {
            let plan = try ArchivePlan(candidate: candidate, readers: readers, chunkFrames: definition.ingest.chunkFrames)
            let call = try encodeAndCommit(candidate: candidate, plan: plan, readers: readers, hashes: hashes, sourceSHA: sourceSHA)
            return call
        } catch let error as AudioError where error.code != .writeFailed {
            // A bad recording. (`writeFailed` is the archive's side, e.g. a full disk: not the source's fault, so
            // the call fails and is redone by the next run instead of being quarantined.)
            let file = files.first { error.path?.hasSuffix($0) ?? false } ?? files[0]
            let index = files.firstIndex(of: file) ?? 0
            return .quarantined([record(file, sha: hashes[index].sha256, bytes: hashes[index].bytes, code: Self.reasonCode(error.code), reason: error.message)])
        } catch {
            return .failed(path: files[0], message: "\(error)")
        }
    }

    private func encodeAndCommit(candidate: CallCandidate, plan: ArchivePlan, readers: [SndFileReader],
                                 hashes: [(sha256: String, bytes: Int64)], sourceSHA: String) throws -> IngestOutcome {
        let timeZone = TimeZone(identifier: definition.metadata.timezone) ?? TimeZone(identifier: "Asia/Seoul")!
        let callDate = candidate.metadata.startTime ?? modificationDate(candidate.layout.files[0]) ?? clock.now()
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let day = calendar.dateComponents([.year, .month, .day], from: callDate)
        let callID = String(format: "%04d%02d%02d-", day.year!, day.month!, day.day!) + sourceSHA.prefix(10)

        let file = try store.begin()
        // Ogg pages → the sealer (a fresh data key, AES-256-GCM segments) → the durable temporary file.
        let (sealer, dataKey) = try ArchiveSealer.start(keys: keys, sink: { bytes in try file.write(bytes) })
        let encoder = try OpusArchiveWriter(
            sampleRate: plan.archiveRate, channels: plan.archiveChannels, settings: definition.encoding,
            serialNumber: Int32(bitPattern: UInt32(sourceSHA.prefix(8), radix: 16) ?? 1),
            comments: [("NOKCHWI_CALL_ID", callID), ("NOKCHWI_SOURCE_SHA256", sourceSHA),
                       ("ENCODER", "nokchwi \(NokchwiVersion.current)")],
            sink: { bytes in try sealer.write(bytes) })
        let assembler = ChannelAssembler(sources: plan.sources, archiveChannels: plan.archiveChannels, chunkFrames: definition.ingest.chunkFrames)
        // One decode pass, two consumers: the Opus encoder and the talk analysis (agent on channel 0).
        let analyzer = CallAnalyzer(sampleRate: plan.archiveRate, channels: plan.archiveChannels, settings: definition.analysis)
        while let block = try assembler.next() {
            try block.withUnsafeBufferPointer { samples in
                let frames = block.count / plan.archiveChannels
                try encoder.write(interleaved: samples, frames: frames)
                analyzer.process(samples, frames: frames)
            }
        }
        let summary = try encoder.finish()
        try sealer.finish()
        let analysis = analyzer.finish(metadataHold: Self.metadataHold(candidate.metadata))
        faults.reached(.afterDecode)
        let relative = try store.commit(file, year: day.year!, month: day.month!, day: day.day!)
        faults.reached(.afterRename)

        var flags = plan.flags
        let lengths = assembler.channelFrames
        if let lo = lengths.min(), let hi = lengths.max(), hi - lo > Int64(plan.archiveRate / 50) { flags.append(.legsPadded) }
        if candidate.metadata.format == .none { flags.append(.noMetadata) }
        if !candidate.metadata.warnings.isEmpty { flags.append(.metadataWarnings) }
        let metadata = candidate.metadata
        let legs = zip(readers.indices, readers).map { index, reader in
            Leg(index: index, party: plan.legParties[index], sourcePath: candidate.layout.files[index].precomposedStringWithCanonicalMapping,
                sourceSHA256: hashes[index].sha256, sourceBytes: hashes[index].bytes, container: reader.info.container,
                encoding: reader.info.encoding, sampleRate: reader.info.sampleRate, channels: reader.info.channels,
                frames: reader.info.frames)
        }
        let call = Call(
            id: callID, sourceSHA256: sourceSHA, runID: runID, metadata: metadata, flags: Array(Set(flags)).sorted { $0.rawValue < $1.rawValue },
            layout: plan.layoutKind, agentChannel: plan.agentArchiveChannel,
            archive: ArchiveRef(relativePath: relative, sha256: file.sha256, bytes: file.bytesWritten, sampleRate: plan.archiveRate,
                                channels: plan.archiveChannels, frames: summary.frames, bitratePerChannel: definition.encoding.bitratePerChannel,
                                format: .encryptedV1),
            durationSeconds: Double(summary.frames) / Double(plan.archiveRate), ingestedAt: clock.now(), legs: legs,
            metadataFiles: candidate.metadataFiles)
        let keyRecord = ArchiveKeyRecord(kekID: dataKey.kekID, wrappedKey: dataKey.wrapped, fileID: sealer.header.fileID)
        let audit = actor.draft(.ingestArchived, at: call.ingestedAt, callID: callID,
                                detail: ["kek": dataKey.kekID, "seconds": String(format: "%.2f", call.durationSeconds)])
        // The retention class (longest of those that match; the pipeline's default otherwise) and its expiry.
        let retention = definition.retention.evaluate(call)
        let outcome: CommitOutcome
        do {
            outcome = try catalog.commit(call, analysis: analysis, archiveKey: keyRecord, retention: retention, audit: audit)
        } catch {
            discard(file, relative)
            throw error
        }
        switch outcome {
        case .inserted:
            faults.reached(.afterCommit)
            logger.debug("archived", metadata: ["call": "\(callID)", "seconds": "\(call.durationSeconds)"])
            return .archived(call, sourceBytes: hashes.reduce(0) { $0 + $1.bytes })
        case .alreadyPresent(let existing):
            discard(file, relative)
            return .skipped(callID: existing)
        }
    }

    /// Removes an archive this ingest published but the catalog did not take (its commit failed, or a concurrent run
    /// committed the same call first): no call names it and its data key was never stored, so nobody can read it.
    private func discard(_ file: DurableFileWriter, _ relative: String) {
        guard file.createdFinalFile else { return }
        do {
            try store.remove(relativePath: relative)
        } catch {
            logger.warning("could not remove an archive file no call uses; `nokchwi scrub` lists it as an orphan",
                           metadata: ["file": "\(relative)", "error": "\(error)"])
        }
    }

    /// Hold intervals the metadata reports, for the analysis: nil when the metadata says nothing about hold (the
    /// analysis finds it in the audio), empty when it reports no hold at all.
    static func metadataHold(_ metadata: CallMetadata) -> [HoldInterval]? {
        let holds = metadata.events.filter { $0.kind == .hold }.map { HoldInterval(start: $0.start, end: $0.end ?? $0.start) }
        if !holds.isEmpty { return holds }
        if metadata.reportedHoldSeconds == 0 { return [] }
        return nil
    }

    /// Audio error codes as stable kebab-case reason codes (`headerMismatch` → `header-mismatch`).
    static func reasonCode(_ code: AudioError.Code) -> String {
        code.rawValue.reduce(into: "") { text, ch in
            if ch.isUppercase { text += "-" + ch.lowercased() } else { text.append(ch) }
        }
    }

    private func absolute(_ relative: String) -> String {
        dropFolder.appendingPathComponent(relative).path
    }

    private func modificationDate(_ relative: String) -> Date? {
        (try? FileManager.default.attributesOfItem(atPath: absolute(relative)))?[.modificationDate] as? Date
    }

    private func record(_ path: String, sha: String, bytes: Int64, code: String, reason: String) -> QuarantineRecord {
        QuarantineRecord(path: path.precomposedStringWithCanonicalMapping, dropFolder: dropFolder.path, sourceSHA256: sha, bytes: bytes,
                         reasonCode: code, reason: reason, detectedAt: clock.now(), runID: runID)
    }
}

import CallArchive
import CallAudio
import CallCatalog
import CallModel
import Foundation

extension CallIngestor {
    /// Stage 6: the call as the catalog keeps it: metadata, layout and flags, legs, the published archive.
    func describe(_ candidate: CallCandidate, plan: ArchivePlan, readers: [SndFileReader], sources: HashedSources,
                  identity: CallIdentity, sealed: SealedArchive, archivePath: String) -> Call {
        var flags = plan.flags
        if let lo = sealed.channelFrames.min(), let hi = sealed.channelFrames.max(), hi - lo > Int64(plan.archiveRate / 50) {
            flags.append(.legsPadded)
        }
        if candidate.metadata.format == .none { flags.append(.noMetadata) }
        if !candidate.metadata.warnings.isEmpty { flags.append(.metadataWarnings) }
        let duration = Double(sealed.summary.frames) / Double(plan.archiveRate)
        if CallFlag.startTimeMismatches(start: candidate.metadata.startTime, duration: duration,
                                        fileTime: sources.opened.map(\.modificationTime).max()) {
            flags.append(.startTimeMismatch)
        }
        let legs = zip(readers.indices, readers).map { index, reader in
            Leg(index: index, party: plan.legParties[index], sourcePath: sources.files[index].precomposedStringWithCanonicalMapping,
                sourceSHA256: sources.hashes[index].sha256, sourceBytes: sources.hashes[index].bytes,
                container: reader.info.container, encoding: reader.info.encoding, sampleRate: reader.info.sampleRate,
                channels: reader.info.channels, frames: reader.info.frames)
        }
        return Call(
            id: identity.callID, sourceSHA256: identity.sourceSHA256, runID: runID, metadata: candidate.metadata,
            flags: Array(Set(flags)).sorted { $0.rawValue < $1.rawValue },
            layout: plan.layoutKind, agentChannel: plan.agentArchiveChannel,
            archive: ArchiveRef(relativePath: archivePath, sha256: sealed.file.sha256, bytes: sealed.file.bytesWritten,
                                sampleRate: plan.archiveRate, channels: plan.archiveChannels, frames: sealed.summary.frames,
                                bitratePerChannel: definition.encoding.bitratePerChannel, format: .encryptedV1),
            durationSeconds: Double(sealed.summary.frames) / Double(plan.archiveRate), ingestedAt: clock.now(), legs: legs,
            metadataFiles: candidate.metadataFiles)
    }

    /// Stage 7: one catalog transaction: the call (personal fields sealed), its metrics, its wrapped data key, its
    /// retention class and expiry
    /// (the longest class that matches, else the pipeline's default) and the audit entry. An archive the catalog
    /// did not take is removed again.
    func commit(_ call: Call, sealed: SealedArchive, archivePath: String, sourceBytes: Int64) throws -> IngestOutcome {
        let keyRecord = ArchiveKeyRecord(kekID: sealed.dataKey.kekID, wrappedKey: sealed.dataKey.wrapped, fileID: sealed.fileID)
        let audit = actor.draft(.ingestArchived, at: call.ingestedAt, callID: call.id,
                                detail: ["kek": sealed.dataKey.kekID, "seconds": String(format: "%.2f", call.durationSeconds)])
        let outcome: CommitOutcome
        do {
            // The caller number, warnings and event details go to the catalog sealed under this call's data key
            // (issue #21): the catalog file alone no longer shows them, and the purge that erases the key erases them.
            let personal = try PersonalDataSeal.seal(call, dataKey: keys.unwrap(sealed.dataKey), hasher: callerHash)
            outcome = try catalog.commit(personal.call, analysis: sealed.analysis, archiveKey: keyRecord,
                                         retention: definition.retention.evaluate(call),
                                         retentionPolicy: definition.retention, audit: audit,
                                         sealedPersonal: personal.sealed)
        } catch {
            discard(sealed.file, archivePath)
            throw error
        }
        switch outcome {
        case .inserted:
            faults.reached(.afterCommit)
            logger.debug("archived", metadata: ["call": "\(call.id)", "seconds": "\(call.durationSeconds)"])
            return .archived(call, sourceBytes: sourceBytes)
        case .alreadyPresent(let existing):
            discard(sealed.file, archivePath)
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
}

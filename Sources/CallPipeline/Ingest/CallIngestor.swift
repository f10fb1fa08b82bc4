import CallArchive
import CallAudio
import CallCatalog
import CallDSP
import CallFaults
import CallModel
import Foundation
import Logging

/// Ingests one call, stage by stage: hash the sources and skip a known call, open and validate them (bad input is
/// quarantined, never archived), encode and analyse in one decode pass into a sealed temporary file, publish it
/// durably, and commit the call to the catalog in one transaction.
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
    /// Security tests only (`NOKCHWI_RACE`): `ingest-before-open` swaps a source for a link after the scan.
    var race: RaceHook = .none
    /// The center's registered hold audio (`hold-audio add`), found by fingerprint; nil: none registered.
    var holdAudio: HoldAudioLibrary? = nil
    /// Keyed hash of caller numbers for the catalog's `caller_hash` (nil: no hash stored, the number is still sealed).
    var callerHash: CallerNumberHash? = nil

    func ingest(_ candidate: CallCandidate) -> IngestOutcome {
        let sources: HashedSources
        switch hash(candidate) {
        case .success(let hashed): sources = hashed
        case .failure(let stop): return stop.outcome
        }
        do {
            if let existing = try knownOutcome(sources) { return existing }
        } catch {
            return .failed(path: sources.files[0], message: "\(error)")
        }
        let readers: [SndFileReader]
        switch open(sources) {
        case .success(let opened): readers = opened
        case .failure(let stop): return stop.outcome
        }
        do {
            let plan = try ArchivePlan(candidate: candidate, readers: readers, chunkFrames: definition.ingest.chunkFrames)
            let identity = identify(candidate, sourceSHA256: sources.sha256)
            let sealed = try encode(candidate, plan: plan, identity: identity)
            faults.reached(.afterDecode)
            let relative = try store.commit(sealed.file, day: identity.day)
            faults.reached(.afterRename)
            let call = describe(candidate, plan: plan, readers: readers, sources: sources, identity: identity,
                                sealed: sealed, archivePath: relative)
            return try commit(call, sealed: sealed, archivePath: relative, sourceBytes: sources.bytes)
        } catch let error as AudioError {
            guard let reason = QuarantineReason(error.code) else { return .failed(path: sources.files[0], message: "\(error)") }
            // A bad recording: quarantine the file the reader named.
            let index = sources.files.firstIndex { error.path?.hasSuffix($0) ?? false } ?? 0
            return .quarantined([record(sources, index, reason, error.message)])
        } catch {
            return .failed(path: sources.files[0], message: "\(error)")
        }
    }

    /// Why a stage ended the call early, as the outcome to report.
    struct Stop: Error {
        let outcome: IngestOutcome
    }

    func absolute(_ relative: String) -> String {
        dropFolder.appendingPathComponent(relative).path
    }

    func record(_ sources: HashedSources, _ index: Int, _ reason: QuarantineReason, _ message: String) -> QuarantineRecord {
        QuarantineRecord(path: sources.files[index].precomposedStringWithCanonicalMapping, dropFolder: dropFolder.path,
                         sourceSHA256: sources.hashes[index].sha256, bytes: sources.hashes[index].bytes,
                         reasonCode: reason, reason: message, detectedAt: clock.now(), runID: runID)
    }
}

import CallFaults
import CallArchive
import CallAudio
import CallCatalog
import CallModel
import Foundation
import Logging

/// `nokchwi ingest`: scans a drop folder, ingests every call in a bounded task group, quarantines bad input,
/// and records the run. Reruns skip what is already cataloged (content hash) and finish what a crash left.
public struct IngestRunner: Sendable {
    public let home: NokchwiHome
    public let catalog: Catalog
    public let definition: PipelineDefinition
    public let clock: any WallClock
    public let logger: Logger
    public let progress: any ProgressReporter
    /// Key-encryption keys: every archive is sealed with a fresh data key wrapped by the active one. There is no
    /// plaintext path: without a key nothing is archived.
    public let keys: any KeyProvider
    /// Who runs the ingest (audit entries name them) and from where.
    public let actor: AuditActor
    /// Reliability tests only (`NOKCHWI_FAULT`): passed to the archive store and each call's ingest.
    public let faults: FaultInjection

    public init(home: NokchwiHome, catalog: Catalog, definition: PipelineDefinition, keys: any KeyProvider,
                actor: AuditActor, clock: any WallClock = SystemWallClock(),
                logger: Logger = Logger(label: "nokchwi.ingest"), progress: any ProgressReporter = SilentProgress(),
                faults: FaultInjection = .none) {
        self.home = home
        self.faults = faults
        self.keys = keys
        self.actor = actor
        self.catalog = catalog
        self.definition = definition
        self.clock = clock
        self.logger = logger
        self.progress = progress
    }

    /// Ingests every call found in `dropFolder` with at most `jobs` calls in flight (nil: pipeline setting, else cores).
    public func run(dropFolder: URL, jobs requestedJobs: Int? = nil) async throws -> IngestReport {
        let root = dropFolder.standardizedFileURL.resolvingSymlinksInPath()
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: root.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw PipelineError(.dropFolderMissing, "the drop folder does not exist or is not a directory", path: dropFolder.path)
        }
        let jobs = max(1, requestedJobs ?? (definition.ingest.jobs > 0 ? definition.ingest.jobs : ProcessInfo.processInfo.activeProcessorCount))
        try home.prepare()
        _ = try keys.activeKey()  // no key, no archive: fail before reading any recording
        let store = ArchiveStore(root: home.archiveRoot, faults: faults)
        let swept = store.sweepAbandonedTemporaries()
        if swept > 0 { logger.notice("removed \(swept) temporary archive file(s) left by an interrupted run") }

        let callerHash = try CallerNumberHash(home: home)
        sealStoredPlaintext(callerHash)
        let interrupted = try closeInterruptedRuns()
        if !interrupted.isEmpty {
            logger.notice("marked \(interrupted.count) run(s) whose process ended without finishing as interrupted",
                          metadata: ["runs": "\(interrupted.map(String.init).joined(separator: ","))"])
        }

        let started = ContinuousClock.now
        var run = PipelineRun(startedAt: clock.now(), pipelineName: definition.name, pipelineSHA256: definition.sourceSHA256,
                              toolVersion: NokchwiVersion.current, sourceDirectory: root.path, jobs: jobs)
        // Held until the run's end is recorded; the kernel drops it if the process dies first.
        let lock = try RunLock(directory: home.runLocksPath)
        defer { lock.release() }
        run.id = try catalog.beginRun(run, lockName: lock.name)
        var report = IngestReport(dropFolder: root.path, pipeline: definition.name, jobs: jobs)
        report.runID = run.id

        let scan = try DropFolderScanner(root: root, settings: definition.metadata, channelCount: { IngestRunner.probeChannels($0.path) }).scan()
        for rejection in scan.rejections {
            let hash = (try? ContentHasher.hashFile(atPath: root.appendingPathComponent(rejection.relativePath).path)) ?? (sha256: "", bytes: 0)
            let record = QuarantineRecord(path: rejection.displayPath, dropFolder: root.path,
                                          sourceSHA256: hash.sha256, bytes: hash.bytes, reasonCode: rejection.code,
                                          reason: rejection.line.map { "line \($0): \(rejection.reason)" } ?? rejection.reason, detectedAt: clock.now(), runID: run.id)
            if try catalog.quarantine(record) {
                report.quarantined += 1
                report.quarantine.append(.init(path: PersonalDataRedactor.redact(record.path), code: record.reasonCode.rawValue, reason: record.reason))
            } else {
                report.previouslyQuarantined += 1
            }
        }

        let ingestor = CallIngestor(dropFolder: root, store: store, catalog: catalog, definition: definition, keys: keys,
                                    actor: actor, clock: clock,
                                    logger: logger, runID: run.id, faults: faults, race: RaceHook.fromEnvironment(),
                                    holdAudio: try HoldAudioFiles.library(catalog: catalog), callerHash: callerHash)
        let candidates = scan.candidates
        report.candidates = candidates.count
        progress.start(total: candidates.count, label: "ingest")
        var done = 0
        await withTaskGroup(of: IngestOutcome.self) { group in
            var pending = candidates.makeIterator()
            for _ in 0..<jobs {
                guard let candidate = pending.next() else { break }
                group.addTask { ingestor.ingest(candidate) }
            }
            while let outcome = await group.next() {
                done += 1
                record(outcome, into: &report)
                progress.advance(done: done, total: candidates.count, detail: detail(outcome))
                if let candidate = pending.next() {
                    group.addTask { ingestor.ingest(candidate) }
                }
            }
        }
        progress.finish()

        report.wallSeconds = (ContinuousClock.now - started).seconds
        run.finishedAt = clock.now()
        run.status = report.failed == 0 ? .completed : .failed
        run.archived = report.archived
        run.skipped = report.skipped
        run.quarantined = report.quarantined
        run.failed = report.failed
        run.audioSeconds = report.audioSeconds
        run.archiveBytes = report.archiveBytes
        try catalog.finishRun(run)
        return report
    }

    private func record(_ outcome: IngestOutcome, into report: inout IngestReport) {
        switch outcome {
        case .archived(let call, let sourceBytes):
            report.archived += 1
            report.audioSeconds += call.durationSeconds
            report.archiveBytes += call.archive.bytes
            report.sourceBytes += sourceBytes
        case .skipped:
            report.skipped += 1
        case .quarantined(let records):
            for record in records {
                do {
                    try catalog.quarantine(record)
                    report.quarantined += 1
                    report.quarantine.append(.init(path: PersonalDataRedactor.redact(record.path), code: record.reasonCode.rawValue, reason: record.reason))
                } catch {
                    report.failed += 1
                    report.failures.append(.init(path: PersonalDataRedactor.redact(record.path), code: "catalog", reason: "could not record the quarantine: \(error)"))
                }
            }
        case .previouslyQuarantined(let paths):
            report.previouslyQuarantined += paths.count
        case .failed(let path, let message):
            report.failed += 1
            let safe = PersonalDataRedactor.redact(message)
            report.failures.append(.init(path: PersonalDataRedactor.redact(path), code: "internal", reason: safe))
            logger.error("call failed; it will be redone on the next run", metadata: ["file": "\(PersonalDataRedactor.redact(path))", "error": "\(safe)"])
        }
    }

    private func detail(_ outcome: IngestOutcome) -> String {
        switch outcome {
        case .archived(let call, _): call.id.rawValue
        case .skipped(let id): "\(id) (known)"
        case .quarantined: "quarantined"
        case .previouslyQuarantined: "quarantined earlier"
        case .failed: "failed"
        }
    }

    /// Channel count of an audio file from its header, for the scanner's layout decisions.
    static func probeChannels(_ absolutePath: String) -> Int? {
        (try? SndFileReader(path: absolutePath))?.info.channels
    }
}

extension Duration {
    var seconds: Double {
        let c = components
        return Double(c.seconds) + Double(c.attoseconds) / 1e18
    }
}

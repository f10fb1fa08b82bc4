import CallFaults
import CallCatalog
import CallModel
import Foundation
import Logging

/// Who runs a purge and how careful it is with the clock.
public struct PurgeOptions: Sendable {
    /// The account recorded in the audit trail, the run and the certificate.
    public var operatorAccount: String
    /// Where the purge was started from (`local:uid=1000`).
    public var sourceAddress: String
    /// Refuse when the clock reads more than this after the newest time in the catalog: a clock that jumped forwards
    /// would destroy calls before their time. Nil: no limit (a quiet archive purged after a long pause).
    public var maximumClockLead: TimeInterval?
    /// At most this many calls destroyed per run (those that expired first; the next run takes the rest), which
    /// bounds a run's length and its certificate's size. Nil: every call due.
    public var maximumCallsPerRun: Int?
    /// Calls read per catalog page.
    public var pageSize: Int

    public static let defaultMaximumClockLead: TimeInterval = 31 * 86_400

    public init(operatorAccount: String, sourceAddress: String,
                maximumClockLead: TimeInterval? = PurgeOptions.defaultMaximumClockLead, maximumCallsPerRun: Int? = nil,
                pageSize: Int = 500) {
        self.operatorAccount = operatorAccount
        self.sourceAddress = sourceAddress
        self.maximumClockLead = maximumClockLead
        self.maximumCallsPerRun = maximumCallsPerRun
        self.pageSize = pageSize
    }
}

/// Destroys the calls whose retention has expired: `plan()` lists them (dry run); `run()` destroys them, one call
/// at a time through the states of `PurgeItemState` (data key erased with the personal fields and the tombstone in
/// one catalog transaction, then the file deleted), writes a destruction certificate per run, and resumes whatever
/// a killed purge left first. Expiry is only ever read from the catalog (`expires_at`), compared with one clock
/// reading taken at the start; the run refuses to start when that reading is earlier than the newest time the
/// catalog holds (the clock jumped backwards), or later than it by more than `maximumClockLead`.
public struct PurgeRunner: Sendable {
    public let home: NokchwiHome
    public let catalog: Catalog
    public let policy: RetentionPolicy
    public let clock: any WallClock
    public let options: PurgeOptions
    let store: ArchiveStore
    let logger: Logger
    /// Tests: called at each step; throwing stops the purge there, as a kill would.
    var faultHook: (@Sendable (PurgeFaultPoint) throws -> Void)?
    /// Reliability tests only (`NOKCHWI_FAULT=during-purge[:n]`): a real SIGKILL between the steps of destroying a call.
    let faults: FaultInjection

    public init(home: NokchwiHome, catalog: Catalog, policy: RetentionPolicy, clock: any WallClock,
                options: PurgeOptions, logger: Logger = Logger(label: "nokchwi.purge"), faults: FaultInjection = .none) {
        self.home = home
        self.faults = faults
        self.catalog = catalog
        self.policy = policy
        self.clock = clock
        self.options = options
        self.store = ArchiveStore(root: home.archiveRoot)
        self.logger = logger
    }

    /// The dry run: what `run()` would destroy now. Changes nothing.
    public func plan(limit: Int = 10_000) throws -> PurgePlan {
        let asOf = try checkedClock()
        let calls = try catalog.expiredCalls(asOf: asOf, limit: limit + 1)
        return PurgePlan(asOf: asOf, policySHA256: policy.snapshotSHA256, calls: Array(calls.prefix(limit)),
                         truncated: calls.count > limit, heldExpired: try catalog.heldExpiredCount(asOf: asOf),
                         unfinishedRunIDs: try catalog.unfinishedPurgeRuns().compactMap(\.id))
    }

    /// Finishes unfinished earlier runs, then destroys every call due now; checkpoints the WAL at the end.
    public func run() throws -> PurgeReport {
        let lock = try PurgeLock(path: home.purgeLockPath)
        defer { withExtendedLifetime(lock) {} }
        let now = try checkedClock()
        var results: [PurgeReport.RunResult] = []
        for unfinished in try catalog.unfinishedPurgeRuns() {
            logger.notice("resuming an unfinished purge run", metadata: ["run": "\(unfinished.id ?? 0)"])
            results.append(try finish(unfinished, resumed: true))
        }
        let (run, selected) = try catalog.beginPurgeRun(PurgeRun(
            startedAt: now, asOf: now, operatorAccount: options.operatorAccount, sourceAddress: options.sourceAddress,
            policySHA256: policy.snapshotSHA256, policy: policy), limit: options.maximumCallsPerRun)
        logger.info("purge run started", metadata: ["run": "\(run.id!)", "selected": "\(selected)"])
        try faultHook?(.afterBegin)
        results.append(try finish(run, resumed: false))
        let checkpointed = try catalog.checkpointWAL()
        if !checkpointed { logger.warning("the WAL checkpoint did not complete (a reader is active); it completes at the next checkpoint") }
        return PurgeReport(runs: results, walCheckpointed: checkpointed)
    }

    /// The clock reading, after checking it against the catalog (read first, so a concurrent ingest cannot make a
    /// sound clock look behind).
    func checkedClock() throws -> Date {
        if let problem = policy.validationProblem() {
            throw PurgeError(.invalidPolicy, "the retention policy is invalid (retention.\(problem)); fix the pipeline definition")
        }
        let newest = try catalog.newestTimestamp()
        let now = clock.now()
        guard let newest else { return now }
        // Catalog times are kept to the millisecond.
        if now.timeIntervalSince(newest) < -0.001 {
            throw PurgeError(.clockBehind, "the clock reads \(Self.text(now)), earlier than the newest time in the "
                + "catalog (\(Self.text(newest))): it jumped backwards, and expiry cannot be trusted against it. Set the "
                + "clock right (check NTP) and run again; nothing was destroyed")
        }
        if let lead = options.maximumClockLead, now.timeIntervalSince(newest) > lead {
            throw PurgeError(.clockAhead, "the clock reads \(Self.text(now)), \(Int(now.timeIntervalSince(newest) / 86_400)) "
                + "days after the newest time in the catalog (\(Self.text(newest))): if it jumped forwards, calls would "
                + "be destroyed early. Check the clock; if it is right, allow a larger clock lead and run again; "
                + "nothing was destroyed")
        }
        return now
    }

    private func finish(_ run: PurgeRun, resumed: Bool) throws -> PurgeReport.RunResult {
        let runID = run.id!
        var after: CallID = ""
        while true {
            let page = try catalog.purgeWorkItems(runID: runID, afterCallID: after, limit: options.pageSize)
            for item in page { try process(item, runID: runID, asOf: run.asOf) }
            guard let last = page.last, page.count == options.pageSize else { break }
            after = last.callID
        }
        let (destroyed, skipped) = try catalog.purgeResults(runID: runID)
        let finishedAt = max(clock.now(), run.startedAt)
        var certificate = DestructionCertificate(run: run, runID: runID, finishedAt: finishedAt, destroyed: destroyed,
                                                 skipped: skipped)
        certificate.appliedPolicies = try catalog.retentionPolicies(sha256s: Set(destroyed.map(\.policySHA256)))
        try faultHook?(.beforeCertificate)
        let written = try CertificateWriter.write(certificate, to: home.certificatesDirectory, timeZone: policy.calendar.timeZone)
        try faultHook?(.afterCertificate)
        let c = certificate.counts
        try catalog.finishPurgeRun(
            id: runID, status: certificate.status, finishedAt: finishedAt, certificateJSONPath: written.jsonPath,
            certificateTextPath: written.textPath,
            audit: AuditDraft(at: finishedAt, account: options.operatorAccount, sourceAddress: options.sourceAddress,
                              action: .purge, detail: [
                                  "run_id": String(runID), "run_operator": run.operatorAccount, "resumed": String(resumed),
                                  "destroyed": String(c.destroyed), "keys_erased": String(c.keysErased),
                                  "files_deleted": String(c.filesDeleted), "files_pending": String(c.filesPending),
                                  "skipped": String(certificate.skipped.count), "certificate_sha256": written.jsonSHA256,
                              ]))
        logger.info("purge run finished", metadata: ["run": "\(runID)", "destroyed": "\(c.destroyed)",
                                                      "status": "\(certificate.status.rawValue)"])
        return PurgeReport.RunResult(certificate: certificate, certificateJSONPath: written.jsonPath,
                                     certificateTextPath: written.textPath, resumed: resumed)
    }

    /// Moves one call through its remaining states.
    private func process(_ item: PurgeWorkItem, runID: Int64, asOf: Date) throws {
        var state = item.state
        if state == .pending {
            switch try catalog.claimForDestruction(runID: runID, callID: item.callID, at: stepTime(asOf)) {
            case .skipped(let reason):
                logger.info("call kept", metadata: ["call": "\(item.callID)", "reason": "\(reason.rawValue)"])
                return
            case .keyErased: state = .keyErased
            case .fileDeletionPending: state = .fileDeleting
            case .alreadyIn(let current): state = current
            }
            try faultHook?(.afterClaim(item.callID))
            faults.reached(.duringPurge)  // key erased (plaintext: deletion decided), file still there
        }
        guard state == .keyErased || state == .fileDeleting else { return }
        do {
            let existed = try store.remove(relativePath: item.archivePath)
            if !existed { logger.notice("archive file already absent", metadata: ["call": "\(item.callID)"]) }
        } catch let error as ArchiveError {
            logger.error("cannot delete an archive file; the next purge retries", metadata: ["call": "\(item.callID)", "error": "\(error)"])
            try catalog.recordFileDeletionFailure(runID: runID, callID: item.callID, message: error.description, at: stepTime(asOf))
            return
        }
        try faultHook?(.afterFileDeleted(item.callID))
        faults.reached(.duringPurge)  // file deleted, the tombstone does not say so yet
        try catalog.recordFileDeleted(runID: runID, callID: item.callID, at: stepTime(asOf))
    }

    /// Times written during a run never go before its clock reading, whatever the clock does meanwhile.
    private func stepTime(_ asOf: Date) -> Date { max(clock.now(), asOf) }

    static func text(_ date: Date) -> String { date.formatted(.iso8601) }
}

/// Where a test may stop a purge, as a kill would.
enum PurgeFaultPoint: Sendable, Equatable {
    case afterBegin
    case afterClaim(CallID)
    case afterFileDeleted(CallID)
    case beforeCertificate
    case afterCertificate
}

import CallCatalog
import CallModel
import Foundation
import Testing
@testable import CallArchive

/// Errors and outcomes gathered from several threads.
private final class Outcomes: @unchecked Sendable {
    private let lock = NSLock()
    private(set) var errors: [String] = []
    private(set) var inserted = 0
    private(set) var present = 0
    func error(_ e: any Error) { lock.withLock { errors.append(String(describing: e)) } }
    func commit(_ outcome: CommitOutcome) {
        lock.withLock { if outcome == .inserted { inserted += 1 } else { present += 1 } }
    }
}

@Suite struct PurgeConcurrencyTests {
    /// Two ingests of the same 30 calls, a purge of 12 expired calls and a report run at once, each with its own
    /// connection pool (as separate processes would): no duplicate, no lost call, no "database is locked".
    @Test func ingestPurgeAndReportRunTogether() throws {
        let h = try RetentionHome()
        let expired = try (1...12).map { try h.addCall($0, expires: 10) }
        let now = purgeT0.addingTimeInterval(30 * oneDay)
        let outcomes = Outcomes()
        let home = h.home
        let group = DispatchGroup()
        for ingest in 0..<2 {
            DispatchQueue.global().async(group: group) {
                do {
                    let catalog = try Catalog(path: home.catalogPath)
                    for n in 100..<130 {
                        var call = retainedArchiveCall(n, ingestedAt: purgeT0.addingTimeInterval(oneDay + Double(ingest)))
                        call.runID = nil
                        outcomes.commit(try catalog.commit(call, retention: RetentionAssignment(
                            className: "general", expiresAt: purgeT0.addingTimeInterval(1000 * oneDay))))
                    }
                } catch { outcomes.error(error) }
            }
        }
        DispatchQueue.global().async(group: group) {
            do {
                let catalog = try Catalog(path: home.catalogPath)
                let runner = PurgeRunner(home: home, catalog: catalog, policy: .standard, clock: FixedWallClock(now),
                                         options: PurgeOptions(operatorAccount: "arch1", sourceAddress: "local", maximumClockLead: nil,
                                                               pageSize: 5))
                _ = try runner.run()
            } catch { outcomes.error(error) }
        }
        DispatchQueue.global().async(group: group) {
            do {
                let catalog = try Catalog(path: home.catalogPath)
                for _ in 0..<20 {
                    _ = try catalog.stats()
                    _ = try catalog.expiredCalls(asOf: now)
                }
            } catch { outcomes.error(error) }
        }
        group.wait()

        #expect(outcomes.errors.isEmpty, "\(outcomes.errors)")
        #expect(outcomes.inserted == 30 && outcomes.present == 30)
        #expect(try h.catalog.callCount() == 42)
        for n in 100..<130 { #expect(try h.catalog.call(id: RetentionHome.callID(n)) != nil) }
        for call in expired {
            #expect(try h.catalog.tombstone(callID: call.id)?.fileDeleted == true)
            #expect(try !h.exists(call))
        }
        #expect(try h.catalog.integrityProblems().isEmpty)
    }
}

/// Call `n` as an ingest would commit it (catalog only: its archive file does not matter here).
private func retainedArchiveCall(_ n: Int, ingestedAt: Date) -> Call {
    Call(id: RetentionHome.callID(n), sourceSHA256: String(format: "%064d", n), runID: nil,
         metadata: CallMetadata(startTime: purgeT0, agentID: "A017", team: "team-2", callerNumber: "010-1234-5678"),
         flags: [], layout: .stereo, agentChannel: 0,
         archive: ArchiveRef(relativePath: "2026/11/24/\(n).opus", sha256: String(repeating: "e", count: 64), bytes: 10,
                             sampleRate: 8000, channels: 2, frames: 8000, bitratePerChannel: 12000, format: .encryptedV1),
         durationSeconds: 1, ingestedAt: ingestedAt, legs: [], metadataFiles: [])
}

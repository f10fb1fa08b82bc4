import CallCatalog
import CallModel
import Foundation
import Testing
@testable import CallArchive

/// A purge killed at each step resumes, and no call is ever half-destroyed in between.
@Suite struct PurgeResumeTests {
    static let first = RetentionHome.callID(1)
    static let points: [PurgeFaultPoint] = [.afterBegin, .afterClaim(first), .afterFileDeleted(first), .beforeCertificate,
                                            .afterCertificate]
    let later = purgeT0.addingTimeInterval(30 * oneDay)

    @Test(arguments: points, [true, false])
    func aKilledPurgeResumesWithoutHalfDestroyedCalls(point: PurgeFaultPoint, encrypted: Bool) throws {
        let h = try RetentionHome()
        let calls = [try h.addCall(1, expires: 10, encrypted: encrypted), try h.addCall(2, expires: 10, encrypted: encrypted)]
        var killed = h.runner(at: later)
        killed.faultHook = { if $0 == point { throw SimulatedKill() } }
        #expect(throws: SimulatedKill.self) { _ = try killed.run() }

        for call in calls {
            let row = try #require(try h.catalog.call(id: call.id))
            if let tombstone = try h.catalog.tombstone(callID: call.id) {
                // Shredded: key, personal fields and record go together; a deletion is claimed only once it happened.
                #expect(try h.catalog.archiveKey(callID: call.id) == nil)
                #expect(row.metadata.callerNumber == nil && row.legs.allSatisfy { $0.sourcePath.isEmpty })
                #expect(tombstone.keyErased == encrypted)
                if tombstone.fileDeleted { #expect(try !h.exists(call)) }
                if !encrypted { #expect(tombstone.fileDeleted, "a plaintext call is tombstoned only after its file is gone") }
            } else {
                // Untouched record: everything still there (a plaintext file may already be gone: its deletion was decided).
                #expect(row == call)
                if encrypted { #expect(try h.catalog.archiveKey(callID: call.id) != nil && h.exists(call)) }
            }
        }

        let report = try h.runner(at: later.addingTimeInterval(60)).run()
        #expect(report.runs.map(\.resumed) == [true, false])
        let resumed = report.runs[0].certificate
        #expect(resumed.status == .completed && resumed.destroyed.map(\.callID) == calls.map(\.id))
        #expect(resumed.counts.filesDeleted == 2 && resumed.counts.keysErased == (encrypted ? 2 : 0))
        #expect(report.runs[1].certificate.destroyed.isEmpty)
        for call in calls {
            #expect(try !h.exists(call))
            #expect(try h.catalog.archiveKey(callID: call.id) == nil)
            #expect(try h.catalog.tombstone(callID: call.id)?.fileDeleted == true)
            #expect(try h.catalog.call(id: call.id)?.metadata.callerNumber == nil)
            #expect(try h.catalog.auditEntries(AuditQuery(callID: call.id, action: .purge)).count == 1, "destroyed exactly once")
        }
        #expect(try h.catalog.unfinishedPurgeRuns().isEmpty)
        #expect(h.certificateFiles().count == 4, "one JSON and one text certificate per run, rewritten on resume")
        let json = try Data(contentsOf: URL(fileURLWithPath: report.runs[0].certificateJSONPath))
        #expect(try DestructionCertificate.decode(jsonData: json) == resumed)
    }
}

import CallModel
import CallModel
import Foundation
@testable import CallCatalog

let retentionDay: TimeInterval = 86_400

/// Call number `n` (distinct id, source and archive path), started at `start`.
func retainedCall(_ n: Int, start: Date = t0, agent: String = "A017", team: String = "team-2",
                  format: ArchiveRef.ArchiveFormat = .encryptedV1) -> Call {
    let source = String(format: "%064d", n)
    var call = sampleCall(id: CallID(rawValue: String(format: "20261123-%010d", n)), source: source)
    call.metadata.startTime = start
    call.metadata.agentID = agent
    call.metadata.team = team
    call.archive.format = format
    call.ingestedAt = start.addingTimeInterval(60)
    return call
}

let testKeyRecord = ArchiveKeyRecord(kekID: "20261123T000000Z-000001", wrappedKey: [UInt8](repeating: 7, count: 40),
                                     fileID: Array(0..<16))

/// A mono analysis, to check that metrics survive a purge.
let monoAnalysis = CallAnalysis(durationS: 200, channels: 1, mono: true, parties: nil,
                                talk: .init(talkS: 120, segments: []), overtalk: nil,
                                silence: .init(totalS: 10, events: []), deadAir: .init(thresholdS: 10, events: []),
                                hold: .init(totalS: 30, count: 1, segments: []), nonTalkS: 40)

/// Commits call `n` with an expiry (`expires` days after its start; nil: no retention class).
@discardableResult
func commitRetained(_ catalog: Catalog, _ n: Int, expires: Double?, start: Date = t0, agent: String = "A017",
                    team: String = "team-2", format: ArchiveRef.ArchiveFormat = .encryptedV1) throws -> Call {
    let call = retainedCall(n, start: start, agent: agent, team: team, format: format)
    let retention = expires.map { RetentionAssignment(className: "general", expiresAt: start.addingTimeInterval($0 * retentionDay)) }
    _ = try catalog.commit(call, analysis: monoAnalysis, archiveKey: format == .encryptedV1 ? testKeyRecord : nil,
                           retention: retention)
    return call
}

func newRun(_ catalog: Catalog, asOf: Date, account: String = "arch") throws -> (run: PurgeRun, selected: Int) {
    try catalog.beginPurgeRun(PurgeRun(startedAt: asOf, asOf: asOf, operatorAccount: account, sourceAddress: "local:uid=1000",
                                       policySHA256: RetentionPolicy.standard.snapshotSHA256, policy: .standard))
}

func catalogErrorCode(_ body: () throws -> Void) -> CatalogError.Code? {
    do {
        try body()
        return nil
    } catch {
        return (error as? CatalogError)?.code
    }
}

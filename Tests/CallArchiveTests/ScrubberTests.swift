import CallCatalog
import CallModel
import Crypto
import Foundation
import Testing
@testable import CallArchive
@testable import CallCatalog

@Suite struct ScrubberTests {
    func scrub(_ h: RetentionHome, keys: (any KeyProvider)? = nil, decodeAudio: Bool = false) throws -> ScrubReport {
        try Scrubber(catalog: h.catalog, store: h.store, keys: keys ?? h.keys, clock: FixedWallClock(purgeT0.addingTimeInterval(3600)),
                     options: ScrubOptions(account: "arch1", sourceAddress: "local:uid=1000", decodeAudio: decodeAudio, pageSize: 2))
            .run()
    }

    func flipByte(_ path: String, at offset: Int) throws {
        var bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        bytes[offset] ^= 0x20
        try bytes.write(to: URL(fileURLWithPath: path))
    }

    @Test(arguments: [false, true])
    func aCleanArchiveScrubsOK(decodeAudio: Bool) throws {
        let h = try RetentionHome()
        let calls = [try h.addCall(1, expires: 10), try h.addCall(2, expires: 10), try h.addCall(3, expires: 10, encrypted: false)]
        var seen: [CallID] = []
        let report = try Scrubber(catalog: h.catalog, store: h.store, keys: h.keys, clock: FixedWallClock(purgeT0),
                                  options: ScrubOptions(account: "arch1", sourceAddress: "l", decodeAudio: decodeAudio, pageSize: 2))
            .run { seen.append($0.callID) }
        #expect(report.isClean && report.checked == 3 && report.count(.ok) == 3)
        #expect(report.bytesChecked == calls.reduce(0) { $0 + $1.archive.bytes })
        #expect(seen == calls.map(\.id))
        let audit = try #require(try h.catalog.auditEntries(AuditQuery(action: .scrub)).first)
        #expect(audit.detail["ok"] == "3" && audit.detail["tampered"] == "0" && audit.detail["orphans"] == "0")
    }

    @Test func aMissingFileIsReported() throws {
        let h = try RetentionHome()
        let gone = try h.addCall(1, expires: 10)
        try h.addCall(2, expires: 10)
        try FileManager.default.removeItem(atPath: h.path(gone))
        let report = try scrub(h)
        #expect(report.problems.map(\.callID) == [gone.id])
        #expect(report.problems.first?.status == .missing && report.problems.first?.hashMatches == nil)
        #expect(report.count(.ok) == 1 && report.count(.missing) == 1 && !report.isClean)
    }

    @Test(arguments: [true, false])
    func aFlippedByteIsTampering(encrypted: Bool) throws {
        let h = try RetentionHome()
        let call = try h.addCall(1, expires: 10, encrypted: encrypted)
        // Inside the first Ogg page's body (plaintext: its CRC fails) or inside segment 0 (encrypted: its tag fails).
        try flipByte(h.path(call), at: encrypted ? 100 : 40)
        let item = try #require(try scrub(h).problems.first)
        #expect(item.status == .tampered && item.hashMatches == false)
        #expect(item.message?.isEmpty == false)
    }

    @Test func aHashMismatchIsReported() throws {
        let h = try RetentionHome()
        let call = try h.addCall(1, expires: 10)
        try h.catalog.unsafeExecuteForTesting(sql: "UPDATE call SET archive_sha256 = '\(String(repeating: "0", count: 64))'")
        let item = try #require(try scrub(h).problems.first)
        #expect(item.callID == call.id && item.status == .hashMismatch && item.hashMatches == false)
    }

    @Test func aMissingOrReplacedKeyEncryptionKeyIsReported() throws {
        let h = try RetentionHome()
        let call = try h.addCall(1, expires: 10)
        let kekID = try #require(try h.catalog.archiveKey(callID: call.id)).kekID
        #expect(try scrub(h, keys: InMemoryKeyProvider()).problems.first?.status == .keyMissing)
        let impostor = try KeyEncryptionKey(id: kekID, key: SymmetricKey(size: .bits256))
        let wrong = try #require(try scrub(h, keys: InMemoryKeyProvider([impostor])).problems.first)
        #expect(wrong.status == .wrongKey && wrong.hashMatches == true)
        try h.catalog.unsafeExecuteForTesting(sql: "DELETE FROM archive_key")
        #expect(try scrub(h).problems.first?.status == .keyMissing, "an encrypted archive without a data key row")
    }

    @Test func orphansAndPurgeLeftoversAreFound() throws {
        let h = try RetentionHome()
        let kept = try h.addCall(1, expires: 100)
        let shredded = try h.addCall(2, expires: 10)
        let stray = h.home.archiveRoot.appendingPathComponent("2026/01/01/stray.opus")
        try FileManager.default.createDirectory(at: stray.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data("not ours".utf8).write(to: stray)
        try FileManager.default.createDirectory(atPath: h.store.temporaryDirectory, withIntermediateDirectories: true)
        try Data("in flight".utf8).write(to: URL(fileURLWithPath: h.store.temporaryDirectory + "/1-x.partial"))
        // A purge killed after erasing the key of call 2, before deleting its file.
        var killed = h.runner(at: purgeT0.addingTimeInterval(30 * oneDay))
        killed.faultHook = { if $0 == .afterClaim(shredded.id) { throw SimulatedKill() } }
        #expect(throws: SimulatedKill.self) { _ = try killed.run() }

        let report = try scrub(h)
        #expect(report.orphans == ["2026/01/01/stray.opus"])
        #expect(report.purgedLeftovers == [shredded.archive.relativePath])
        #expect(report.checked == 1 && report.problems.isEmpty && !report.isClean)
        #expect(try h.exists(kept))
        #expect(FileManager.default.fileExists(atPath: stray.path), "the scrub deletes nothing")
    }

    @Test func aPlaintextCallWhoseDestructionWasDecidedIsALeftover() throws {
        let h = try RetentionHome()
        let call = try h.addCall(1, expires: 10, encrypted: false)
        var killed = h.runner(at: purgeT0.addingTimeInterval(30 * oneDay))
        killed.faultHook = { if $0 == .afterClaim(call.id) { throw SimulatedKill() } }
        #expect(throws: SimulatedKill.self) { _ = try killed.run() }
        let report = try scrub(h)
        #expect(report.checked == 0 && report.purgedLeftovers == [call.archive.relativePath])
        _ = try h.runner(at: purgeT0.addingTimeInterval(31 * oneDay)).run()
        #expect(try scrub(h).isClean)
    }

    @Test func theReportIsCodable() throws {
        let h = try RetentionHome()
        let call = try h.addCall(1, expires: 10)
        try FileManager.default.removeItem(atPath: h.path(call))
        let report = try scrub(h)
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let json = String(decoding: try encoder.encode(report), as: UTF8.self)
        #expect(json.contains("\"status\":\"missing\"") && json.contains("\"purged_leftovers\":[]"))
        #expect(try JSONDecoder().decode(ScrubReport.self, from: Data(json.utf8)) == report)
    }
}

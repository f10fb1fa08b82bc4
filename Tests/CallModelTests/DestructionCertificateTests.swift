import CallModel
import Foundation
import Testing

@Suite struct DestructionCertificateTests {
    static let t0 = Date(timeIntervalSince1970: 1_795_400_000.25)

    static func tombstone(_ id: CallID, fileDeleted: Bool = true, encrypted: Bool = true) -> Tombstone {
        Tombstone(callID: id, runID: 7, sourceSHA256: String(repeating: "a", count: 64),
                  archiveSHA256: String(repeating: "b", count: 64), archivePath: "2023/11/23/\(id).opus",
                  archiveFormat: encrypted ? .encryptedV1 : .oggOpus, archiveBytes: 1234, startedAt: t0.addingTimeInterval(-1e8),
                  ingestedAt: t0.addingTimeInterval(-1e8 + 60), expiresAt: t0.addingTimeInterval(-86_400), retentionClass: "general",
                  kekID: encrypted ? "20231123T000000Z-abcdef" : nil, dataKeyFileID: encrypted ? "00112233445566778899aabbccddeeff" : nil,
                  keyErased: encrypted, purgedAt: t0, purgedBy: "archivist1", fileDeleted: fileDeleted,
                  fileDeletedAt: fileDeleted ? t0 : nil, policySHA256: String(repeating: "c", count: 64))
    }

    static func certificate(_ destroyed: [Tombstone], skipped: [DestructionCertificate.Skipped] = []) -> DestructionCertificate {
        let run = PurgeRun(id: 7, startedAt: t0, asOf: t0, operatorAccount: "archivist1", sourceAddress: "local:uid=1000",
                           policySHA256: String(repeating: "c", count: 64), policy: .standard)
        return DestructionCertificate(run: run, runID: 7, finishedAt: t0.addingTimeInterval(5), destroyed: destroyed, skipped: skipped)
    }

    @Test func countsAndStatusFollowTheTombstones() {
        let done = Self.certificate([Self.tombstone("c2"), Self.tombstone("c1", encrypted: false)],
                                    skipped: [.init(callID: "c3", reason: .held)])
        #expect(done.status == .completed)
        #expect(done.destroyed.map(\.callID) == ["c1", "c2"])
        #expect(done.counts.destroyed == 2 && done.counts.keysErased == 1 && done.counts.filesDeleted == 2)
        #expect(done.counts.skippedHeld == 1 && done.counts.filesPending == 0)
        let pending = Self.certificate([Self.tombstone("c1", fileDeleted: false)])
        #expect(pending.status == .incomplete && pending.counts.filesPending == 1)
    }

    @Test func theJSONFormRoundTrips() throws {
        let certificate = Self.certificate([Self.tombstone("c1")], skipped: [.init(callID: "c3", reason: .notExpired)])
        let data = try certificate.jsonData()
        let text = String(decoding: data, as: UTF8.self)
        #expect(text.contains("\"format\" : \"nokchwi-destruction-certificate-v1\""))
        #expect(text.contains("\"key_erased\" : true") && text.contains("\"file_deleted\" : true"))
        let back = try DestructionCertificate.decode(jsonData: data)
        #expect(back.destroyed.map(\.callID) == ["c1"])
        #expect(back.counts == certificate.counts && back.policy == certificate.policy)
        #expect(abs(back.finishedAt.timeIntervalSince(certificate.finishedAt)) < 0.001)
        #expect(try back.jsonData() == data, "the JSON form is stable")
    }

    @Test func theTextNamesEveryCallAndSaysWhatIsPending() {
        let text = Self.certificate([Self.tombstone("20231123-aaaa"), Self.tombstone("20231124-bbbb", fileDeleted: false)],
                                    skipped: [.init(callID: "20231125-cccc", reason: .held)]).renderText()
        #expect(text.contains("Recording Destruction Certificate"))
        #expect(text.contains("| 20231123-aaaa | general |"))
        #expect(text.contains("PENDING"))
        #expect(text.contains("20231125-cccc: held"))
        #expect(text.contains("archivist1"))
        #expect(text.contains("2026-11-23 11:13:20 KST"), "times are shown in Seoul")
        #expect(text.contains("미완료 / incomplete"))
    }
}

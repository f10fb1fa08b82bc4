import CallModel
import Foundation
import Testing
@testable import CallCatalog

/// The registered hold audio (`hold_audio`, issue 22): stored with its audit entry, one row per file content,
/// listed, removed.
@Suite struct HoldAudioCatalogTests {
    func entry(_ name: String, sha: String, codes: [UInt8] = [1, 2, 3, 4]) -> HoldAudioEntry {
        HoldAudioEntry(name: name, sha256: sha, durationS: 61.5, version: 1, codes: Data(codes), addedAt: t0, addedBy: "arch")
    }

    @Test func addListReplaceRemove() throws {
        let catalog = try Catalog()
        let stored = try catalog.addHoldAudio([entry("a.wav", sha: "aa"), entry("b.wav", sha: "bb")],
                                              audit: draft(AuditAction("hold-audio-add"), account: "arch"))
        #expect(stored.map(\.name) == ["a.wav", "b.wav"] && stored.allSatisfy { $0.id != nil })
        #expect(try catalog.holdAudio() == stored)
        #expect(try catalog.auditHead()?.detail["files"] == "2")
        // The same content again (a newer fingerprint): one row, the new codes.
        _ = try catalog.addHoldAudio([entry("a-renamed.wav", sha: "aa", codes: [9, 9])], audit: nil)
        let all = try catalog.holdAudio()
        #expect(all.count == 2)
        #expect(all.first { $0.sha256 == "aa" }?.codes == Data([9, 9]))
        #expect(all.first { $0.sha256 == "aa" }?.name == "a-renamed.wav")
        let removed = try catalog.removeHoldAudio(ids: all.compactMap(\.id) + [999], audit: draft(AuditAction("hold-audio-remove")))
        #expect(removed == 2)
        #expect(try catalog.holdAudio().isEmpty)
        #expect(try catalog.auditHead()?.detail["removed"] == "2")
    }
}

import CallModel
import Foundation
import Testing
@testable import CallCatalog

@Suite struct AuditCatalogTests {
    @Test func entriesFormAHashChain() throws {
        let catalog = try Catalog()
        #expect(try catalog.auditHead() == nil)
        let a = try catalog.appendAudit(draft(.login))
        let b = try catalog.appendAudit(draft(.playCall, account: "eva", callID: "c1", detail: ["permission": "play-call"]))
        let c = try catalog.appendAudit(draft(.exportCall, account: "arch", callID: "c1", reason: "court order 77", at: t0.addingTimeInterval(0.0015)))
        #expect([a.seq, b.seq, c.seq] == [1, 2, 3])
        #expect(a.prevHash == AuditEntry.genesisHash && b.prevHash == a.hash && c.prevHash == b.hash)
        #expect(Set([a.hash, b.hash, c.hash]).count == 3)
        #expect(try catalog.auditHead() == c)
        #expect(try catalog.auditEntries(afterSeq: 0, limit: 10) == [a, b, c])
        for entry in [a, b, c] { #expect(AuditChainHash.hash(of: entry) == entry.hash) }
        #expect(AuditTimestamp.milliseconds(c.at) == AuditTimestamp.milliseconds(t0) + 2)
    }

    @Test func queriesFilterByAccountCallActionAndTime() throws {
        let catalog = try Catalog()
        try catalog.appendAudit(draft(.login, account: "eva"))
        try catalog.appendAudit(draft(.playCall, account: "eva", callID: "c1", at: t0.addingTimeInterval(10)))
        try catalog.appendAudit(draft(.playCall, account: "sup", callID: "c2", at: t0.addingTimeInterval(20)))
        try catalog.appendAudit(draft(.viewMetrics, account: "sup", callID: "c1", at: t0.addingTimeInterval(30)))
        #expect(try catalog.auditEntries(AuditQuery(account: "eva")).map(\.seq) == [1, 2])
        #expect(try catalog.auditEntries(AuditQuery(callID: "c1")).map(\.seq) == [2, 4])
        #expect(try catalog.auditEntries(AuditQuery(action: .playCall)).map(\.seq) == [2, 3])
        #expect(try catalog.auditEntries(AuditQuery(since: t0.addingTimeInterval(10), until: t0.addingTimeInterval(30))).map(\.seq) == [2, 3])
        #expect(try catalog.auditEntries(AuditQuery(limit: 2, newestFirst: true)).map(\.seq) == [4, 3])
        #expect(try catalog.auditEntries(AuditQuery(afterSeq: 3)).map(\.seq) == [4])
        #expect(try catalog.auditCount() == 4)
    }

    @Test func reasonIsRequiredWherePolicyNeedsIt() throws {
        let catalog = try Catalog()
        #expect { try catalog.appendAudit(draft(.exportCall, callID: "c1")) } throws: { ($0 as? CatalogError)?.code == .invalidValue }
        #expect { try catalog.appendAudit(draft(.holdAdd, reason: " ")) } throws: { ($0 as? CatalogError)?.code == .invalidValue }
        #expect(try catalog.auditCount() == 0)
    }

    @Test func phoneNumbersNeverEnterTheTrail() throws {
        let catalog = try Catalog()
        let entry = try catalog.appendAudit(draft(.exportCall, callID: "c1", reason: "caller 010-1234-5678 asked for a copy",
                                                  detail: ["note": "number 01098765432"]))
        #expect(entry.reason == "caller ***-5678 asked for a copy" && entry.detail == ["note": "number ***-5432"])
        #expect(try catalog.auditEntry(seq: 1) == entry)
    }

    @Test func triggersRefuseUpdateAndDelete() throws {
        let catalog = try Catalog()
        let entry = try catalog.appendAudit(draft(.login))
        #expect(throws: CatalogError.self) { try catalog.unsafeExecuteForTesting(sql: "UPDATE audit_entry SET account = 'x'") }
        #expect(throws: CatalogError.self) { try catalog.unsafeExecuteForTesting(sql: "DELETE FROM audit_entry") }
        #expect(throws: CatalogError.self) { try catalog.unsafeExecuteForTesting(sql: "INSERT OR REPLACE INTO audit_entry SELECT * FROM audit_entry") }
        #expect(try catalog.auditEntries(afterSeq: 0, limit: 10) == [entry])
    }

    @Test func entriesOutliveTheCallTheyMention() throws {
        let catalog = try Catalog()
        let call = sampleCall()
        try catalog.addUser(account("eva", [.evaluator]), passwordHash: nil)
        #expect(try catalog.commit(call, audit: draft(.ingestArchived, account: "system")) == .inserted)
        try catalog.assign(CallAssignment(callID: call.id, username: "eva", assignedAt: t0, assignedBy: "sup"))
        try catalog.appendAudit(draft(.playCall, account: "eva", callID: call.id))
        try catalog.unsafeExecuteForTesting(sql: "DELETE FROM call WHERE id = '\(call.id)'")
        #expect(try catalog.call(id: call.id) == nil)
        #expect(try catalog.assignees(callID: call.id).isEmpty)
        #expect(try catalog.auditEntries(AuditQuery(callID: call.id)).map(\.action) == [.ingestArchived, .playCall])
    }

    @Test func ingestCommitWritesItsEntryInTheSameTransaction() throws {
        let catalog = try Catalog()
        let call = sampleCall()
        #expect(try catalog.commit(call, audit: draft(.ingestArchived, account: "system")) == .inserted)
        #expect(try catalog.auditHead()?.callID == call.id)
        // Already present: no second entry.
        #expect(try catalog.commit(call, audit: draft(.ingestArchived, account: "system")) == .alreadyPresent(callID: call.id))
        #expect(try catalog.auditCount() == 1)
        // An entry the trail refuses rolls the call back too.
        let other = sampleCall(id: "20261123-ffffffffff", source: String(repeating: "e", count: 64))
        #expect(throws: CatalogError.self) { try catalog.commit(other, audit: draft(.exportCall)) }
        #expect(try catalog.call(id: other.id) == nil)
    }

    @Test func timestampsRoundTripExactly() throws {
        var rng = SystemRandomNumberGenerator()
        for _ in 0..<5000 {
            let ms = Int64.random(in: -10_000_000_000...4_000_000_000_000, using: &rng)
            let text = AuditTimestamp.string(milliseconds: ms)
            #expect(AuditTimestamp.milliseconds(text) == ms)
            #expect(AuditTimestamp.milliseconds(AuditTimestamp.date(milliseconds: ms)) == ms)
        }
        #expect(AuditTimestamp.string(milliseconds: 1_795_400_000_999) == "2026-11-23T02:13:20.999Z")
        #expect(AuditTimestamp.milliseconds("2026-02-31T00:00:00.000Z") == nil)
        #expect(AuditTimestamp.milliseconds("2026-11-23 02:13:20") == nil)
    }

    @Test func chainHashSeparatesFieldsAndIgnoresDetailOrder() {
        func h(account: String, source: String, detail: [String: String] = [:], callID: CallID? = nil, reason: String? = nil) -> String {
            AuditChainHash.hash(seq: 1, atMilliseconds: 0, account: account, sourceAddress: source, action: "login",
                                callID: callID, reason: reason, detail: detail, prevHash: AuditEntry.genesisHash)
        }
        #expect(h(account: "ab", source: "c") != h(account: "a", source: "bc"))
        #expect(h(account: "a", source: "b", callID: "x") != h(account: "a", source: "b", reason: "x"))
        #expect(h(account: "a", source: "b", callID: "") != h(account: "a", source: "b"))
        #expect(h(account: "a", source: "b", detail: ["k": "v", "l": "w"]) == h(account: "a", source: "b", detail: ["l": "w", "k": "v"]))
        #expect(h(account: "a", source: "b", detail: ["k": "vl"]) != h(account: "a", source: "b", detail: ["kv": "l"]))
    }
}

import Testing
@testable import CallDSP

/// The music detector's per-block values, merged away from the places a stretch can begin or end.
@Suite struct BlockLedgerTests {
    static func ledger() -> BlockLedger {
        var l = BlockLedger(block: 100)
        for i in 0..<200 { l.append(start: i * 100, value: Float(i % 7) - 3, line: i % 3) }
        return l
    }

    @Test func mergedBlocksSumAsTheBlocksDidForStretchesThatBeginAndEndInTheZones() {
        let plain = Self.ledger()
        var merged = plain
        // Two openings' surroundings and a run's start; blocks from frame 18,000 on are recent and stay as they are.
        let zones = [FrameSpan(1_000, 1_600), FrameSpan(5_000, 6_200), FrameSpan(12_000, 12_500)]
        merged.compact(before: 18_000, zones: zones)
        #expect(merged.entries.count < 60, "entries \(merged.entries.count)")
        #expect(merged.entries.reduce(0) { $0 + $1.count } == 200)
        // Every stretch whose edges lie in the zones or in the recent part sums as before.
        let edges = zones.flatMap { stride(from: $0.start, through: $0.end, by: 50) } + Array(stride(from: 18_000, through: 20_000, by: 50))
        for from in edges {
            for to in edges where to > from {
                let a = plain.sum(from: from, to: to), b = merged.sum(from: from, to: to)
                #expect(a.value == b.value && a.line == b.line && a.count == b.count, "\(from)-\(to): \(a) vs \(b)")
            }
        }
        // Outside the zones the merged blocks are all or nothing (no stretch the detector asks about ends there).
        #expect(merged.sum(from: 3_000, to: 20_000).count != plain.sum(from: 3_000, to: 20_000).count)
    }

    @Test func forgettingDropsWholeEntries() {
        var l = Self.ledger()
        l.compact(before: 18_000, zones: [FrameSpan(5_000, 6_200)])
        l.forget(before: 5_500)
        #expect(l.entries.first.map { $0.end > 5_500 } == true)
        #expect(l.sum(from: 0, to: 20_000).count == l.entries.reduce(0) { $0 + $1.count })
    }
}

/// The music detector's per-block values (the block's music value, its line-noise frames, whether it dipped under the
/// line noise) from the oldest run it may still judge, summed over stretches of a run (the pieces between openings,
/// a run's tail). A block belongs to a stretch when its middle lies in it.
///
/// A music run lasts as long as its hold, and a block a second would make memory grow with it. So blocks the
/// detector can no longer ask about one by one are merged: older than its history, and away from every place a
/// stretch can begin or end (`compact`'s zones: the runs' edges and the openings, with the margins the detector uses
/// around them). A merged entry belongs to a stretch when all its blocks do; no stretch edge falls inside it, so the
/// sums are those of the blocks one by one.
struct BlockLedger {
    struct Entry {
        /// Middles of the first and last block merged into it.
        var firstMiddle: Int
        var lastMiddle: Int
        /// End frame of its last block.
        var end: Int
        var value: Float
        var line: Int
        var count: Int
        /// Blocks that dipped under the line noise (`MusicBlockScorer.dipped`).
        var dipped: Int
    }

    let block: Int
    private(set) var entries: [Entry] = []

    init(block: Int) { self.block = block }

    mutating func append(start: Int, value: Float, line: Int, dipped: Bool = false) {
        let middle = start + block / 2
        entries.append(Entry(firstMiddle: middle, lastMiddle: middle, end: start + block, value: value, line: line,
                             count: 1, dipped: dipped ? 1 : 0))
    }

    /// The blocks whose middles lie in `[from, to)`: their music values and line-noise frames, summed, how many, and
    /// how many of them dipped under the line noise.
    func sum(from: Int, to: Int) -> (value: Float, line: Int, count: Int, dipped: Int) {
        var value: Float = 0, line = 0, count = 0, dipped = 0
        for e in entries where e.firstMiddle >= from && e.lastMiddle < to {
            value += e.value
            line += e.line
            count += e.count
            dipped += e.dipped
        }
        return (value, line, count, dipped)
    }

    /// Drops the entries that end at or before `frame`.
    mutating func forget(before frame: Int) {
        if let first = entries.firstIndex(where: { $0.end > frame }), first > 0 {
            entries.removeFirst(first)
        }
    }

    /// Merges neighbouring entries that end before `limit` when neither's blocks nor the frames between them touch
    /// any of `zones` (where stretches the detector may still ask about begin or end).
    mutating func compact(before limit: Int, zones: [FrameSpan]) {
        func free(_ from: Int, _ to: Int) -> Bool { !zones.contains { $0.start <= to && $0.end > from } }
        var merged: [Entry] = []
        merged.reserveCapacity(entries.count)
        for e in entries {
            if let last = merged.last, e.end <= limit, free(last.firstMiddle, e.lastMiddle) {
                merged[merged.count - 1].lastMiddle = e.lastMiddle
                merged[merged.count - 1].end = e.end
                merged[merged.count - 1].value += e.value
                merged[merged.count - 1].line += e.line
                merged[merged.count - 1].count += e.count
                merged[merged.count - 1].dipped += e.dipped
            } else {
                merged.append(e)
            }
        }
        entries = merged
    }
}

/// Finds the registered hold audio in one channel's codes (`HoldPrintCoder`, one code every `hop` frames).
///
/// Search, as in Haitsma and Kalker (2002): in blocks of `block` codes, every code is looked up in the library's
/// index (codes found at more than `crowded` places say little and are skipped); each hit votes for an alignment
/// (track, frame offset δ); the best-voted alignments are checked by their bit error rate over the block, and one
/// at most `acceptBER` is a match. A match is then followed on both sides, code by code: a code belongs to the
/// passage while the bit error rate over the `smooth` codes centred on it stays at most `extendBER`. A passage is
/// kept when it lasts at least `minimumFrames` (runs less than `smooth` codes apart are joined): one block agreeing
/// by chance (speech, another track) is not followed that far. Blocks already inside a passage are not searched.
struct HoldPrintMatcher {
    let library: HoldAudioLibrary
    static let hop = 4
    static let block = 125
    static let crowded = 16
    static let candidates = 3
    static let minimumVotes = 2
    static let acceptBER: Float = 0.3
    static let extendBER: Float = 0.35
    static let smooth = 25
    static let minimumFrames = 400
    static let trim = 3
    static let trimErrors = 6

    /// Whether codes (bit errors per code; -1, a gap inside a run, counts as 8) disagree with their alignment.
    static func disagree(_ errors: ArraySlice<Int8>) -> Bool {
        errors.reduce(0) { $0 + ($1 < 0 ? 8 : Int($1)) } >= trimErrors * errors.count
    }

    /// An alignment: recording code j meets `library.codes[base + frame(j)]`, valid for frames in `lo..<hi`.
    struct Alignment {
        var base: Int
        var lo: Int
        var hi: Int
    }

    /// Frame spans of `codes` (one code per two frames) that match a registered track.
    func spans(_ codes: [UInt16], frames: Int) -> [FrameSpan] {
        guard !library.isEmpty, !codes.isEmpty else { return [] }
        // Per code: its bit errors against the alignment that matched it; -1: not matched.
        var matched = [Int8](repeating: -1, count: codes.count)
        var votes = VoteTable()
        codes.withUnsafeBufferPointer { q in
            library.codes.withUnsafeBufferPointer { ref in
                var start = 0
                while start < q.count {
                    let end = min(start + Self.block, q.count)
                    if matched[end - 1] < 0 || matched[start] < 0 {
                        for a in best(q, start, end, &votes) where errorRate(q, ref, start, end, a).map({ $0 <= Self.acceptBER }) ?? false {
                            follow(q, ref, a, from: start, to: end, into: &matched)
                            break
                        }
                    }
                    start = end
                }
            }
        }
        var out: [FrameSpan] = []
        var j = 0
        while j < codes.count {
            guard matched[j] >= 0 else { j += 1; continue }
            // Runs a short gap apart (a few codes the codec blurred, two blocks found apart) are one passage.
            var k = j
            while k < codes.count {
                if matched[k] >= 0 { k += 1; continue }
                var g = k
                while g < codes.count, matched[g] < 0, g - k < Self.smooth { g += 1 }
                guard g < codes.count, matched[g] >= 0 else { break }
                k = g
            }
            let next = k
            // The smoothing lets a few codes past each edge through: trim codes that disagree on their own
            // (`trimErrors` bits or more, over `trim` codes) from both ends.
            var first = j, last = k
            while last - first > Self.trim, Self.disagree(matched[(last - Self.trim)..<last]) { last -= 1 }
            while last - first > Self.trim, Self.disagree(matched[first..<(first + Self.trim)]) { first += 1 }
            // A code sums the `window` frames that end on its frame.
            let s = max(0, HoldPrintCoder.frame(ofCode: first, hop: Self.hop) + 1 - HoldPrintCoder.window / 2)
            let e = min(frames, HoldPrintCoder.frame(ofCode: last - 1, hop: Self.hop) + 1)
            if e - s >= Self.minimumFrames { out.append(FrameSpan(s, e)) }
            j = next
        }
        return out
    }

    /// The best-voted alignments of codes `start..<end` (each as δ and δ + 1: votes are counted on even offsets).
    private func best(_ q: UnsafeBufferPointer<UInt16>, _ start: Int, _ end: Int, _ votes: inout VoteTable) -> [Alignment] {
        votes.clear()
        library.starts.withUnsafeBufferPointer { starts in
            library.places.withUnsafeBufferPointer { places in
                for j in start..<end where HoldPrintCoder.isValid(code: j, hop: Self.hop) {
                    let c = Int(q[j])
                    let lo = Int(starts[c]), hi = Int(starts[c + 1])
                    guard hi > lo, hi - lo <= Self.crowded else { continue }
                    let f = HoldPrintCoder.frame(ofCode: j, hop: Self.hop)
                    for p in lo..<hi {
                        let delta = (Int(places[p].frame) - f) & ~(Self.hop - 1)
                        votes.add(Int64(places[p].track) << 40 | Int64(delta + (1 << 39)))
                    }
                }
            }
        }
        var out: [Alignment] = []
        for key in votes.top(Self.candidates, minimum: Self.minimumVotes) {
            let t = Int(key >> 40), d = Int(key & ((1 << 40) - 1)) - (1 << 39)
            for delta in d..<(d + Self.hop) {
                out.append(Alignment(base: library.offsets[t] + delta, lo: HoldPrintCoder.warmupFrames - delta,
                                     hi: library.lengths[t] - delta))
            }
        }
        return out
    }

    /// Bit errors of code j against the alignment (nil outside the track).
    @inline(__always)
    private func errors(_ q: UnsafeBufferPointer<UInt16>, _ ref: UnsafeBufferPointer<UInt16>, _ j: Int,
                        _ a: Alignment) -> Int? {
        let f = HoldPrintCoder.frame(ofCode: j, hop: Self.hop)
        guard j >= 0, j < q.count, f >= a.lo, f < a.hi, HoldPrintCoder.isValid(code: j, hop: Self.hop) else { return nil }
        return (q[j] ^ ref[a.base + f]).nonzeroBitCount
    }

    /// Bit error rate of codes `start..<end` (nil when under half of them meet the track).
    private func errorRate(_ q: UnsafeBufferPointer<UInt16>, _ ref: UnsafeBufferPointer<UInt16>, _ start: Int, _ end: Int,
                           _ a: Alignment) -> Float? {
        var e = 0, n = 0
        for j in start..<end {
            if let x = errors(q, ref, j, a) { e += x; n += 1 }
        }
        guard 2 * n >= end - start else { return nil }
        return Float(e) / Float(16 * n)
    }

    /// Marks the codes of a matched block, and those on both sides, that still agree with the alignment (bit error
    /// rate over the `smooth` codes around each, kept as running sums).
    private func follow(_ q: UnsafeBufferPointer<UInt16>, _ ref: UnsafeBufferPointer<UInt16>, _ a: Alignment,
                        from start: Int, to end: Int, into matched: inout [Int8]) {
        let half = Self.smooth / 2
        func walk(from first: Int, step: Int) {
            var e = 0, n = 0
            for i in (first - half)...(first + half) {
                if let x = errors(q, ref, i, a) { e += x; n += 1 }
            }
            var j = first
            while j >= 0, j < q.count {
                guard errors(q, ref, j, a) != nil, n > half, Float(e) <= Self.extendBER * Float(16 * n) else {
                    if j < start || j >= end { return }
                    j += step
                    continue
                }
                matched[j] = Int8(errors(q, ref, j, a)!)
                if let x = errors(q, ref, j - step * half, a) { e -= x; n -= 1 }
                j += step
                if let x = errors(q, ref, j + step * half, a) { e += x; n += 1 }
            }
        }
        walk(from: start, step: 1)
        walk(from: end - 1, step: -1)
    }
}

/// Votes for alignments in one block: an open-addressing table, cleared through the list of slots used.
struct VoteTable {
    private var keys = [Int64](repeating: -1, count: 4096)
    private var counts = [Int32](repeating: 0, count: 4096)
    private var used: [Int] = []

    mutating func clear() {
        for s in used { keys[s] = -1; counts[s] = 0 }
        used.removeAll(keepingCapacity: true)
    }

    @inline(__always)
    mutating func add(_ key: Int64) {
        guard used.count < 3072 else { return }  // a full table: the block's remaining votes are dropped
        var s = Int(truncatingIfNeeded: (key &* -7_046_029_254_386_353_131) >> 52) & 4095
        while keys[s] != -1 && keys[s] != key { s = (s + 1) & 4095 }
        if keys[s] == -1 { keys[s] = key; used.append(s) }
        counts[s] += 1
    }

    /// The `n` keys with the most votes (at least `minimum`).
    func top(_ n: Int, minimum: Int) -> [Int64] {
        var best: [(count: Int32, key: Int64)] = []
        for s in used where counts[s] >= minimum {
            best.append((counts[s], keys[s]))
            if best.count > n {
                best.sort { $0.count > $1.count || ($0.count == $1.count && $0.key < $1.key) }
                best.removeLast()
            }
        }
        return best.sorted { $0.count > $1.count || ($0.count == $1.count && $0.key < $1.key) }.map(\.key)
    }
}

/// A half-open range of analysis frames; the currency of everything between the VAD and the metrics.
struct FrameSpan: Equatable {
    var start: Int
    var end: Int

    init(_ start: Int, _ end: Int) {
        self.start = start
        self.end = end
    }

    var count: Int { end - start }
}

/// Operations on sorted, disjoint lists of frame spans.
enum SpanMath {
    /// Sorted union; gaps shorter than `bridging` frames are closed.
    static func union(_ spans: [FrameSpan], bridging: Int = 0) -> [FrameSpan] {
        var out: [FrameSpan] = []
        for s in spans.sorted(by: { $0.start < $1.start }) where s.count > 0 {
            if let last = out.last, s.start - last.end < max(bridging, 1) {
                out[out.count - 1].end = max(last.end, s.end)
            } else {
                out.append(s)
            }
        }
        return out
    }

    static func intersection(_ a: [FrameSpan], _ b: [FrameSpan]) -> [FrameSpan] {
        var out: [FrameSpan] = []
        var i = 0, j = 0
        while i < a.count, j < b.count {
            let lo = max(a[i].start, b[j].start)
            let hi = min(a[i].end, b[j].end)
            if lo < hi { out.append(FrameSpan(lo, hi)) }
            if a[i].end < b[j].end { i += 1 } else { j += 1 }
        }
        return out
    }

    /// `a` without the frames covered by `b`.
    static func subtract(_ a: [FrameSpan], _ b: [FrameSpan]) -> [FrameSpan] {
        var out: [FrameSpan] = []
        var j = 0
        for s in a {
            var cursor = s.start
            while j < b.count, b[j].end <= cursor { j += 1 }
            var k = j
            while k < b.count, b[k].start < s.end {
                if b[k].start > cursor { out.append(FrameSpan(cursor, b[k].start)) }
                cursor = max(cursor, b[k].end)
                k += 1
            }
            if cursor < s.end { out.append(FrameSpan(cursor, s.end)) }
        }
        return out
    }

    /// Stretches of `[0, length)` covered by none of `busy`, at least `minimum` frames long.
    static func gaps(length: Int, busy: [FrameSpan], minimum: Int) -> [FrameSpan] {
        var out: [FrameSpan] = []
        var cursor = 0
        for r in union(busy) {
            if r.start - cursor >= minimum { out.append(FrameSpan(cursor, r.start)) }
            cursor = max(cursor, r.end)
        }
        if length - cursor >= minimum { out.append(FrameSpan(cursor, length)) }
        return out
    }

    static func total(_ spans: [FrameSpan]) -> Int { spans.reduce(0) { $0 + $1.count } }

    /// Frames of `spans` inside `window`.
    static func covered(_ spans: [FrameSpan], in window: FrameSpan) -> Int {
        var n = 0
        for s in spans where s.end > window.start && s.start < window.end {
            n += min(s.end, window.end) - max(s.start, window.start)
        }
        return n
    }
}

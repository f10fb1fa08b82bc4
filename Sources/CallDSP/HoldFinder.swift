/// Hold from the audio: music on one channel while the other side does not talk, or one side muted for a long
/// stretch while the other does not talk; at least `hold_min_s` either way.
struct HoldFinder {
    let settings: AnalysisSettings
    let scale: FrameScale

    /// Music spans grown to the channel's activity that overlaps their edges or ends just before them (`Tuning.Hold`):
    /// at most 3 s earlier (the detector may start late when the music begins without a clear pause) and 0.5 s later,
    /// 2 s for activity that began inside the music (its last notes: the detector ends a span at the end of its
    /// last music-like block, and a quiet passage can score as speech for a block or two).
    /// Speech before and after a hold is a separate spurt (at least a short pause away), so it is not grown into;
    /// nor is a span grown over an opening of the line around it (`MusicSpan.earliest`, `latest`).
    func grow(_ music: [MusicSpan], with spurts: [FrameSpan]) -> [FrameSpan] {
        guard !music.isEmpty else { return [] }
        typealias T = Tuning.Hold
        let before = scale.frames(seconds: T.growBeforeS), after = scale.frames(seconds: T.growAfterS)
        let touch = scale.frames(seconds: T.touchS), lateAfter = scale.frames(seconds: T.growLateAfterS)
        var out: [FrameSpan] = []
        for bounded in music {
            let m = bounded.span
            var g = m
            // Activity touching the span (or ending just before it: the music's first notes) is music.
            for s in spurts where s.end + touch > m.start && s.start < m.end {
                g.start = max(min(g.start, s.start), m.start - before)
                // Sound that began inside the music and runs past its end is the music's last notes.
                g.end = min(max(g.end, s.end), m.end + (s.start > m.start ? lateAfter : after))
            }
            g.start = max(g.start, min(m.start, bounded.earliest))
            g.end = min(g.end, max(m.end, bounded.latest))
            out.append(g)
        }
        return SpanMath.union(out)
    }

    /// Music spans that overlap a known hold, cut to it; the others as they are.
    func clip(_ music: [FrameSpan], to holds: [FrameSpan]) -> [FrameSpan] {
        var out: [FrameSpan] = []
        for m in music {
            let inside = SpanMath.intersection([m], holds)
            out += inside.isEmpty ? [m] : inside
        }
        return out
    }

    /// Music spans with only a short silence between them are one: under `silence_min_s` (shorter than a silence
    /// event) and nobody talking in it. The line opened for a moment inside the music, or a quiet passage passed for
    /// the open line; an agent who checks back on the caller talks in the gap, and the two holds stay apart.
    func joinedAcrossSilence(_ spans: [FrameSpan], talk: [[FrameSpan]]) -> [FrameSpan] {
        let longest = scale.frames(seconds: settings.silenceMinS)
        var out: [FrameSpan] = []
        for m in spans.sorted(by: { $0.start < $1.start }) {
            if let last = out.last, m.start > last.end, m.start - last.end < longest,
               talk.allSatisfy({ SpanMath.covered($0, in: FrameSpan(last.end, m.start)) == 0 }) {
                out[out.count - 1].end = max(last.end, m.end)
            } else {
                out.append(m)
            }
        }
        return out
    }

    /// `music[c]`: music spans of channel c (already grown); `talk[c]`: talk of channel c (music removed).
    /// `prints[c]`: passages of channel c that match registered hold audio (nil: none registered); they join the
    /// channel's music, and a hold made with one of them has the source `fingerprint`.
    func holds(music: [[FrameSpan]], talk: [[FrameSpan]], muted: [[FrameSpan]] = [], prints: [[FrameSpan]]? = nil,
               frames: Int) -> [CallMetrics.Hold] {
        let minimum = scale.frames(seconds: settings.holdMinS)
        var found: [CallMetrics.Hold] = []
        func quietOthers(_ span: FrameSpan, except c: Int) -> Bool {
            for (o, t) in talk.enumerated() where o != c {
                let talked = Double(SpanMath.covered(t, in: span))
                if talked > Tuning.Hold.otherTalkShare * Double(span.count) { return false }
            }
            return true
        }
        for (c, spans) in music.enumerated() {
            if let prints {
                let mine = c < prints.count ? prints[c] : []
                for m in joinedAcrossSilence(SpanMath.union(spans + mine), talk: talk)
                where m.count >= minimum && quietOthers(m, except: c) {
                    let printed = !SpanMath.intersection([m], mine).isEmpty
                    found.append(.init(span: m, source: printed ? .fingerprint : .music))
                }
                continue
            }
            for m in joinedAcrossSilence(spans, talk: talk) where m.count >= minimum && quietOthers(m, except: c) {
                found.append(.init(span: m, source: .music))
            }
        }
        for (c, spans) in muted.enumerated() {
            for m in spans where m.count >= minimum && quietOthers(m, except: c) {
                found.append(.init(span: m, source: .silence))
            }
        }
        // Overlapping candidates: keep the union, labelled by the first (music wins over silence); a fingerprint
        // anywhere in it labels it.
        var merged: [CallMetrics.Hold] = []
        for h in found.sorted(by: { $0.span.start < $1.span.start }) {
            if let last = merged.last, h.span.start <= last.span.end {
                merged[merged.count - 1].span.end = max(last.span.end, h.span.end)
                if h.source == .fingerprint { merged[merged.count - 1].source = .fingerprint }
            } else {
                merged.append(h)
            }
        }
        return merged
    }
}

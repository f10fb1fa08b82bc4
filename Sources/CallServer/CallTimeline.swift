import CallModel
import Foundation

/// The call's stored analysis drawn as an SVG timeline: one row each for agent speech, caller speech, overtalk,
/// silence, dead air and hold. Every bar carries its start and end (data-start, data-end) so the player seeks on a
/// click and skips hold and silence; the x axis is 60 + 880 * t / duration in a 1000-wide view box. Comments pinned
/// to a play time are drawn as markers on a last row (their text as the marker's title; a click seeks there).
enum CallTimeline {
    static let left = 60.0, width = 880.0, rowHeight = 16.0

    /// A comment pinned to a time of the call.
    struct Pin: Equatable {
        let at: Double
        let text: String
    }

    static func svg(_ analysis: CallAnalysis, language: Language, pins: [Pin] = []) -> String {
        let duration = max(analysis.durationS, 0.001)
        var rows: [(cls: String, label: String, spans: [TimeSpan])] = []
        if let parties = analysis.parties {
            rows.append(("agent", language.text("agentSpeech"), parties.agent.segments))
            rows.append(("caller", language.text("callerSpeech"), parties.caller.segments))
            rows.append(("overtalk", language.text("overtalk"), overlaps(parties.agent.segments, parties.caller.segments)))
        } else if let talk = analysis.talk {
            rows.append(("agent", language.text("agentSpeech"), talk.segments))
        }
        rows.append(("silence", language.text("silence"), analysis.silence.events))
        rows.append(("deadair", language.text("deadAir"), analysis.deadAir.events))
        rows.append(("hold", language.text("hold"), analysis.hold.segments.map { TimeSpan($0.start, $0.end) }))
        let pinRows = pins.isEmpty ? 0.0 : 1.0
        let height = (Double(rows.count) + pinRows) * (rowHeight + 4) + 24
        var out = "<svg class=\"timeline\" viewBox=\"0 0 1000 \(n(height))\" role=\"img\" aria-label=\"\(HTMLText.escape(language.text("timeline")))\" xmlns=\"http://www.w3.org/2000/svg\">"
        for (index, row) in rows.enumerated() {
            let y = Double(index) * (rowHeight + 4) + 4
            out += "<text x=\"0\" y=\"\(n(y + 12))\">\(HTMLText.escape(row.label))</text>"
            for span in row.spans where span.end > span.start {
                let x = left + width * span.start / duration
                let w = max(0.8, width * (span.end - span.start) / duration)
                out += "<rect class=\"\(row.cls)\" x=\"\(n(x))\" y=\"\(n(y))\" width=\"\(n(w))\" height=\"\(n(rowHeight))\" data-start=\"\(n(span.start))\" data-end=\"\(n(span.end))\"/>"
            }
        }
        if !pins.isEmpty {
            let y = Double(rows.count) * (rowHeight + 4) + 4
            out += "<text x=\"0\" y=\"\(n(y + 12))\">\(HTMLText.escape(language.text("pinned")))</text>"
            for pin in pins.sorted(by: { $0.at < $1.at }) {
                let at = min(max(pin.at, 0), duration)
                out += "<circle class=\"pin\" cx=\"\(n(left + width * at / duration))\" cy=\"\(n(y + rowHeight / 2))\" r=\"6\" data-start=\"\(n(at))\" data-end=\"\(n(at))\"><title>\(clock(at)) \(HTMLText.escape(pin.text))</title></circle>"
            }
        }
        let axisY = height - 6
        for tick in ticks(duration) {
            out += "<text x=\"\(n(left + width * tick / duration))\" y=\"\(n(axisY))\">\(clock(tick))</text>"
        }
        out += "<line class=\"playhead\" x1=\"\(n(left))\" x2=\"\(n(left))\" y1=\"0\" y2=\"\(n(height - 16))\"/></svg>"
        return out
    }

    /// Where both parties talk at once (both lists sorted, as the analysis stores them).
    static func overlaps(_ a: [TimeSpan], _ b: [TimeSpan]) -> [TimeSpan] {
        var out: [TimeSpan] = []
        var i = 0, j = 0
        while i < a.count, j < b.count {
            let start = max(a[i].start, b[j].start), end = min(a[i].end, b[j].end)
            if end > start { out.append(TimeSpan(start, end)) }
            if a[i].end < b[j].end { i += 1 } else { j += 1 }
        }
        return out
    }

    static func ticks(_ duration: Double) -> [Double] {
        let steps: [Double] = [10, 30, 60, 120, 300, 600, 1800, 3600]
        let step = steps.first { duration / $0 <= 8 } ?? 7200
        return stride(from: 0, through: duration, by: step).map { $0 }
    }

    static func clock(_ t: Double) -> String {
        let s = Int(t.rounded())
        return s >= 3600 ? String(format: "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60) : String(format: "%d:%02d", s / 60, s % 60)
    }

    static func n(_ v: Double) -> String { String(format: "%.2f", v) }
}

import CallModel
import Foundation

/// Writing results: JSON for scripts, text for people. Everything shown as text also exists as JSON.
enum Output {
    static func json<T: Encodable>(_ value: T) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        FileHandle.standardOutput.write(try encoder.encode(value))
        FileHandle.standardOutput.write(Data("\n".utf8))
    }

    /// Writes a JSON document received from a server (JSON escapes control characters inside strings itself).
    static func jsonText(_ text: String) {
        FileHandle.standardOutput.write(Data((text + "\n").utf8))
    }

    /// Prints one line of text; control characters in it (a name's, a reason's, metadata's) are escaped (`safe`), so
    /// no value can send terminal escapes or start a line of its own.
    static func line(_ text: String = "") {
        print(safe(text))
    }

    /// Formats seconds as H:MM:SS.
    static func duration(_ seconds: Double) -> String {
        let s = Int(seconds.rounded())
        return String(format: "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
    }

    static func megabytes(_ bytes: Int64) -> String {
        String(format: "%.1f MB", Double(bytes) / 1_000_000)
    }

    /// Splits text into lines of at most `width` characters at spaces (a longer word stands alone); lines after the
    /// first start with `indent`.
    static func wrap(_ text: String, width: Int, indent: String = "") -> [String] {
        var lines: [String] = []
        var current = ""
        for word in text.split(separator: " ", omittingEmptySubsequences: false) {
            let prefix = lines.isEmpty ? "" : indent
            if !current.isEmpty, prefix.count + current.count + 1 + word.count > width {
                lines.append(prefix + current)
                current = String(word)
            } else {
                current = current.isEmpty ? String(word) : current + " " + word
            }
        }
        if !current.isEmpty || lines.isEmpty { lines.append((lines.isEmpty ? "" : indent) + current) }
        return lines
    }

    /// Prints `label` then `text` wrapped to the width of a line, continuation lines under the text.
    static func wrapped(_ label: String, _ text: String, width: Int = 118) {
        let lines = wrap(text, width: width - label.count)
        for (i, line) in lines.enumerated() {
            print(safe((i == 0 ? label : String(repeating: " ", count: label.count)) + line))
        }
    }

    /// A simple left-aligned table.
    static func table(_ header: [String], _ rawRows: [[String]]) {
        let rows = rawRows.map { $0.map(safe) }
        var widths = header.map(\.count)
        for row in rows { for (i, cell) in row.enumerated() { widths[i] = max(widths[i], cell.count) } }
        func render(_ cells: [String]) -> String {
            cells.enumerated().map { i, cell in cell.padding(toLength: widths[i], withPad: " ", startingAt: 0) }
                .joined(separator: "  ").trimmingCharacters(in: .whitespaces)
        }
        print(render(header))
        print(render(widths.map { String(repeating: "-", count: $0) }))
        for row in rows { print(render(row)) }
    }
}

/// Times shown to people are in the center's zone: $TZ when set, else Asia/Seoul; always with the zone's label
/// (`2026-11-23 09:14 KST`), since log lines and JSON use UTC.
enum DisplayTime {
    static var zone: TimeZone {
        if ProcessInfo.processInfo.environment["TZ"] != nil { return .current }
        return CenterTime.defaultZone
    }

    /// `KST` for Asia/Seoul, `UTC` for UTC, else the zone's abbreviation (`GMT+9` when it has no name).
    static var zoneLabel: String {
        let zone = self.zone
        switch zone.identifier {
        case CenterTime.defaultZoneIdentifier: return "KST"
        case "UTC", "GMT", "Etc/UTC", "Etc/GMT", "Universal", "Zulu": return "UTC"
        default:
            if zone.secondsFromGMT() == 0 { return "UTC" }
            return zone.abbreviation() ?? zone.identifier
        }
    }

    /// `2026-11-23 09:14` (the zone in a column header or after the text: see `zoneLabel`).
    static func minute(_ date: Date) -> String {
        let f = DateFormatter()
        f.dateFormat = "yyyy-MM-dd HH:mm"
        f.timeZone = zone
        return f.string(from: date)
    }

    /// `2026-11-23 09:14 KST`.
    static func minuteLabelled(_ date: Date) -> String { "\(minute(date)) \(zoneLabel)" }

    /// `2026-11-23 09:14:05 KST`.
    static func labelled(_ date: Date) -> String {
        let f = DateFormatter()
        f.dateFormat = "yyyy-MM-dd HH:mm:ss"
        f.timeZone = zone
        return "\(f.string(from: date)) \(zoneLabel)"
    }

    static func full(_ date: Date) -> String {
        let f = ISO8601DateFormatter()
        f.timeZone = zone
        return f.string(from: date)
    }
}

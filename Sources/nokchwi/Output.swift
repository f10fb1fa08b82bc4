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

    static func line(_ text: String = "") {
        print(text)
    }

    /// Formats seconds as H:MM:SS.
    static func duration(_ seconds: Double) -> String {
        let s = Int(seconds.rounded())
        return String(format: "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
    }

    static func megabytes(_ bytes: Int64) -> String {
        String(format: "%.1f MB", Double(bytes) / 1_000_000)
    }

    /// A simple left-aligned table.
    static func table(_ header: [String], _ rows: [[String]]) {
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

/// Times shown to people are in the center's zone: $TZ when set, else Asia/Seoul.
enum DisplayTime {
    static var zone: TimeZone {
        if ProcessInfo.processInfo.environment["TZ"] != nil { return .current }
        return CenterTime.defaultZone
    }

    static func minute(_ date: Date) -> String {
        let f = DateFormatter()
        f.dateFormat = "yyyy-MM-dd HH:mm"
        f.timeZone = zone
        return f.string(from: date)
    }

    static func full(_ date: Date) -> String {
        let f = ISO8601DateFormatter()
        f.timeZone = zone
        return f.string(from: date)
    }
}

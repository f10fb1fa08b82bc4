import Foundation

/// A small CSV reader for the import files (consultation records, surveys, the agent directory): a header row
/// naming the columns, then one record per line; fields may be quoted ("a, b", "say ""hi"""). Pure.
public enum RecordCSV {
    /// Splits one line into fields; nil when a quote is left open.
    public static func fields(_ line: Substring) -> [String]? {
        var fields: [String] = []
        var current = ""
        var quoted = false
        var iterator = line.makeIterator()
        var pending: Character? = nil
        while let c = pending ?? iterator.next() {
            pending = nil
            if quoted {
                if c == "\"" {
                    if let next = iterator.next() {
                        if next == "\"" { current.append("\"") } else { quoted = false; pending = next }
                    } else { quoted = false }
                } else { current.append(c) }
            } else if c == "\"" && current.isEmpty {
                quoted = true
            } else if c == "," {
                fields.append(current.trimmingCharacters(in: .whitespaces))
                current = ""
            } else if c != "\r" {
                current.append(c)
            }
        }
        if quoted { return nil }
        fields.append(current.trimmingCharacters(in: .whitespaces))
        return fields
    }

    /// Records of `text` as column -> value, with their line numbers; bad lines apart. `required` columns must be
    /// in the header (else every data line is bad and `headerProblem` says why).
    public struct Table: Sendable {
        public var records: [(line: Int, values: [String: String])] = []
        public var bad: [BadLine] = []
        public var headerProblem: String?
    }

    /// - Parameters:
    ///   - firstLine: the line number of `text`'s first line (1 when reading from the start).
    ///   - header: the header when `text` does not start with it (an incremental read of a grown file).
    public static func table(_ text: String, required: [String], firstLine: Int = 1, header: [String]? = nil) -> Table {
        var table = Table()
        var columns = header
        var number = firstLine - 1
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            number += 1
            if line.allSatisfy({ $0 == " " || $0 == "\r" || $0 == "\t" }) { continue }
            guard let values = fields(line) else {
                table.bad.append(BadLine(line: number, reason: "a quoted field is not closed")); continue
            }
            guard let names = columns else {
                let names = values.map { $0.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: "\u{FEFF}")) }
                let missing = required.filter { !names.contains($0) }
                if !missing.isEmpty { table.headerProblem = "the header lacks column(s) \(missing.joined(separator: ", ")); expected \(required.joined(separator: ","))" }
                columns = names
                continue
            }
            guard values.count == names.count else {
                table.bad.append(BadLine(line: number, reason: "\(values.count) field(s), the header has \(names.count)")); continue
            }
            if table.headerProblem != nil { table.bad.append(BadLine(line: number, reason: table.headerProblem!)); continue }
            table.records.append((number, Dictionary(zip(names, values), uniquingKeysWith: { a, _ in a })))
        }
        return table
    }
}

import Foundation
import Yams

/// Reads a YAML (or JSON) document as a tree of nodes with line numbers, collecting problems instead of stopping
/// at the first one. Loaders walk it with `map`, `list`, `string`, `number` and report unknown keys with `expectOnly`.
final class YAMLTree {
    let file: String
    private(set) var problems: [ReviewProblem] = []

    init(file: String) { self.file = file }

    /// Parses `text`; a syntax error becomes a single problem (with its line) and returns nil.
    func parse(_ text: String) -> Node? {
        do {
            guard let node = try Yams.compose(yaml: text) else {
                problem(line: nil, "", "the file is empty")
                return nil
            }
            return node
        } catch let error as YamlError {
            problem(line: Self.line(of: error), "", "not valid YAML: \(Self.summary(of: error))")
        } catch {
            problem(line: nil, "", "not valid YAML: \(error)")
        }
        return nil
    }

    func problem(_ node: Node?, _ key: String, _ message: String) {
        problems.append(ReviewProblem(file: file, line: node?.mark?.line, key: key, message: message))
    }

    func problem(line: Int?, _ key: String, _ message: String) {
        problems.append(ReviewProblem(file: file, line: line, key: key, message: message))
    }

    /// The mapping's entries keyed by their scalar keys (duplicates reported), or nil with a problem.
    func map(_ node: Node?, _ key: String) -> [String: (key: Node, value: Node)]? {
        guard let node else { return nil }
        guard let mapping = node.mapping else {
            problem(node, key, "expected a mapping (key: value lines)")
            return nil
        }
        var result: [String: (key: Node, value: Node)] = [:]
        for (k, v) in mapping {
            guard let name = k.string else { problem(k, key, "keys must be plain words"); continue }
            if result[name] != nil { problem(k, join(key, name), "this key appears twice") }
            result[name] = (k, v)
        }
        return result
    }

    func list(_ node: Node?, _ key: String) -> [Node]? {
        guard let node else { return nil }
        guard let sequence = node.sequence else {
            problem(node, key, "expected a list (lines starting with -)")
            return nil
        }
        return Array(sequence)
    }

    func expectOnly(_ entries: [String: (key: Node, value: Node)], _ allowed: Set<String>, _ key: String) {
        for (name, entry) in entries.sorted(by: { $0.key < $1.key }) where !allowed.contains(name) {
            problem(entry.key, join(key, name), "unknown key; expected one of: \(allowed.sorted().joined(separator: ", "))")
        }
    }

    func string(_ entries: [String: (key: Node, value: Node)], _ name: String, _ key: String, required: Bool = true,
                parent: Node? = nil) -> String? {
        guard let entry = entries[name] else {
            if required { problem(parent, join(key, name), "missing") }
            return nil
        }
        if !required, entry.value.null != nil { return nil }
        guard entry.value.scalar != nil, let text = entry.value.string,
              !text.trimmingCharacters(in: .whitespaces).isEmpty else {
            problem(entry.value, join(key, name), "expected a non-empty text")
            return nil
        }
        return text
    }

    func number(_ entries: [String: (key: Node, value: Node)], _ name: String, _ key: String, required: Bool = true,
                parent: Node? = nil, range: ClosedRange<Double>? = nil) -> Double? {
        guard let entry = entries[name] else {
            if required { problem(parent, join(key, name), "missing") }
            return nil
        }
        if !required, entry.value.null != nil { return nil }
        guard entry.value.scalar != nil, let text = entry.value.string, let value = Double(text), value.isFinite else {
            problem(entry.value, join(key, name), "expected a number")
            return nil
        }
        if let range, !range.contains(value) {
            problem(entry.value, join(key, name), "must be between \(Self.format(range.lowerBound)) and \(Self.format(range.upperBound))")
            return nil
        }
        return value
    }

    func bool(_ entries: [String: (key: Node, value: Node)], _ name: String, _ key: String) -> Bool? {
        guard let entry = entries[name] else { return nil }
        guard let value = Self.boolValue(entry.value.string) else {
            problem(entry.value, join(key, name), "expected true or false")
            return nil
        }
        return value
    }

    func strings(_ entries: [String: (key: Node, value: Node)], _ name: String, _ key: String) -> [String] {
        guard let entry = entries[name] else { return [] }
        guard let items = list(entry.value, join(key, name)) else { return [] }
        return items.enumerated().compactMap { i, node in
            guard node.scalar != nil, let s = node.string, !s.isEmpty else {
                problem(node, "\(join(key, name))[\(i)]", "expected a text")
                return nil
            }
            return s
        }
    }

    func join(_ parent: String, _ name: String) -> String { parent.isEmpty ? name : "\(parent).\(name)" }

    static func boolValue(_ text: String?) -> Bool? {
        switch text?.lowercased() {
        case "true", "yes", "y", "on": true
        case "false", "no", "n", "off": false
        default: nil
        }
    }

    static func format(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(value)
    }

    private static func line(of error: YamlError) -> Int? {
        switch error {
        case .scanner(_, _, let mark, _), .parser(_, _, let mark, _): mark.line
        default: nil
        }
    }

    private static func summary(of error: YamlError) -> String {
        switch error {
        case .scanner(_, let problem, _, _), .parser(_, let problem, _, _): problem
        default: "\(error)"
        }
    }
}

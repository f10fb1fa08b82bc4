import ArgumentParser

/// The tree of commands, for the checks ArgumentParser leaves to the tool.
enum CommandTree {
    struct Unknown {
        let message: String
    }

    /// A word where a subcommand must stand that names none: `nokchwi calls lst --home X`. The message says so,
    /// suggests the nearest name, and gives the parent's usage.
    static func unknownSubcommand(in arguments: [String], root: ParsableCommand.Type) -> Unknown? {
        var command = root
        var path = [name(of: root)]
        for word in arguments {
            let subcommands = children(of: command)
            if subcommands.isEmpty || word.hasPrefix("-") { return nil }
            if word == "help" && same(command, root) { return nil }
            var match: ParsableCommand.Type?
            for child in subcommands where name(of: child) == word || aliases(of: child).contains(word) { match = child }
            guard let child = match else {
                let names = subcommands.map { name(of: $0) }
                let suggestion = nearest(word, in: names).map { "; did you mean '\($0)'?" } ?? "; it has: \(names.joined(separator: ", "))"
                let what = same(command, root) ? "unknown command '\(word)'"
                    : "unknown subcommand '\(word)' of '\(path.dropFirst().joined(separator: " "))'"
                let usage = Nokchwi.usageString(for: command)
                return Unknown(message: "Error: \(what)\(suggestion)\nUsage: \(usage)\n  See '\(path.joined(separator: " ")) --help' for more information.\n")
            }
            command = child
            path.append(name(of: child))
        }
        return nil
    }

    static func name(of type: ParsableCommand.Type) -> String { type._commandName }
    static func children(of type: ParsableCommand.Type) -> [ParsableCommand.Type] { type.configuration.subcommands }
    static func aliases(of type: ParsableCommand.Type) -> [String] { type.configuration.aliases }

    /// The names from the root to `type` (`["nokchwi", "calls", "list"]`).
    static func path(to type: ParsableCommand.Type, from root: ParsableCommand.Type) -> [String] {
        find(type, below: root) ?? [name(of: root)]
    }

    private static func find(_ type: ParsableCommand.Type, below node: ParsableCommand.Type) -> [String]? {
        if same(node, type) { return [name(of: node)] }
        for child in children(of: node) {
            if let rest = find(type, below: child) { return [name(of: node)] + rest }
        }
        return nil
    }

    static func same(_ a: ParsableCommand.Type, _ b: ParsableCommand.Type) -> Bool { ObjectIdentifier(a) == ObjectIdentifier(b) }

    /// The closest name within two edits, or one that starts with the word.
    static func nearest(_ word: String, in names: [String]) -> String? {
        let scored = names.map { ($0, distance(word, $0)) }.filter { $0.1 <= 2 }.sorted { $0.1 < $1.1 }
        if let best = scored.first { return best.0 }
        return names.first { $0.hasPrefix(word) || word.hasPrefix($0) }
    }

    static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        if a.isEmpty || b.isEmpty { return max(a.count, b.count) }
        var previous = Array(0...b.count)
        for i in 1...a.count {
            var row = [i] + Array(repeating: 0, count: b.count)
            for j in 1...b.count {
                row[j] = min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            previous = row
        }
        return previous[b.count]
    }
}

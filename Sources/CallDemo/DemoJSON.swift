import Foundation

/// JSON with a fixed key order and layout, so the same input always gives the same bytes.
enum DemoJSON {
    static func encode<T: Encodable>(_ value: T) throws(DemoDataError) -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        do {
            let text = String(decoding: try encoder.encode(value), as: UTF8.self)
            return Data((compact(text) + "\n").utf8)
        } catch {
            throw .io(path: "(json)", reason: "\(error)")
        }
    }

    /// Puts `[start, end]` pairs and empty arrays on one line (JSONEncoder spreads them over four).
    static func compact(_ text: String) -> String {
        var out = text
        let rules = [
            (#"\[\s*(-?[0-9][0-9.eE+-]*),\s*(-?[0-9][0-9.eE+-]*)\s*\]"#, "[$1, $2]"),
            (#"\[\s*\]"#, "[]"),
        ]
        for (pattern, template) in rules {
            let regex = try! NSRegularExpression(pattern: pattern)
            out = regex.stringByReplacingMatches(in: out, range: NSRange(out.startIndex..., in: out),
                                                 withTemplate: template)
        }
        return out
    }

    /// Seconds rounded to 10 ms (every time the generator places is on that grid).
    static func seconds(_ samples8k: Int) -> Double { (Double(samples8k) / 80).rounded() / 100 }
}

import Foundation

extension Output {
    /// Text from outside (names, metadata, reasons, paths) made safe for a terminal: control characters (C0, DEL,
    /// C1, which carry terminal escapes and fake line breaks) and bidirectional overrides are shown as `\u{..}`
    /// escapes, so that a value can neither rewrite the screen nor pass for another line of output.
    static func safe(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            let v = scalar.value
            let control = v < 0x20 || (0x7F...0x9F).contains(v)
            let bidi = (0x202A...0x202E).contains(v) || (0x2066...0x2069).contains(v) || v == 0x200E || v == 0x200F
            if control || bidi {
                out += "\\u{" + String(v, radix: 16) + "}"
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}

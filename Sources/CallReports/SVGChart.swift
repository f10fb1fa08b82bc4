import Foundation

/// Bar charts as inline SVG (no scripts, no external assets). Each bar carries its label and value in `data-`
/// attributes, and its height is `value / max * plotHeight`, so a test can read the numbers back. Pure.
public enum SVGChart {
    public static let plotHeight = 160.0

    public static func bars(_ values: [(label: String, value: Double)], title: String, width: Double = 640, format: (Double) -> String = { String(Int($0.rounded())) }) -> String {
        let top = 24.0, bottom = 36.0, left = 8.0
        let height = top + plotHeight + bottom
        let maxValue = values.map(\.value).max() ?? 0
        let slot = values.isEmpty ? 0 : (width - 2 * left) / Double(values.count)
        var svg = """
            <svg xmlns="http://www.w3.org/2000/svg" role="img" width="\(n(width))" height="\(n(height))" viewBox="0 0 \(n(width)) \(n(height))">\
            <title>\(HTMLText.escape(title))</title>\
            <line x1="\(n(left))" y1="\(n(top + plotHeight))" x2="\(n(width - left))" y2="\(n(top + plotHeight))" stroke="#888"/>
            """
        for (i, bar) in values.enumerated() {
            let h = maxValue > 0 ? max(0, bar.value) / maxValue * plotHeight : 0
            let x = left + Double(i) * slot + slot * 0.15
            let y = top + plotHeight - h
            svg += "<rect class=\"bar\" data-label=\"\(HTMLText.escape(bar.label))\" data-value=\"\(n(bar.value))\" x=\"\(n(x))\" y=\"\(n(y))\" width=\"\(n(slot * 0.7))\" height=\"\(n(h))\" fill=\"#3b6ea5\"/>"
            if values.count <= 31 {
                svg += "<text x=\"\(n(x + slot * 0.35))\" y=\"\(n(y - 4))\" font-size=\"10\" text-anchor=\"middle\">\(HTMLText.escape(format(bar.value)))</text>"
            }
            svg += "<text x=\"\(n(x + slot * 0.35))\" y=\"\(n(top + plotHeight + 14))\" font-size=\"10\" text-anchor=\"middle\">\(HTMLText.escape(bar.label))</text>"
        }
        return svg + "</svg>"
    }

    /// Numbers in SVG: at most 2 decimals, no trailing zeros.
    static func n(_ v: Double) -> String {
        let rounded = (v * 100).rounded() / 100
        return rounded == rounded.rounded() ? String(Int(rounded)) : String(format: "%.2f", rounded).replacingOccurrences(of: #"0$"#, with: "", options: .regularExpression)
    }
}

enum HTMLText {
    static func escape(_ text: String) -> String {
        var out = ""
        for c in text {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(c)
            }
        }
        return out
    }
}

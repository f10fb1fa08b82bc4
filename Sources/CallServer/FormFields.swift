import Foundation
import NIOCore

/// The fields of an `application/x-www-form-urlencoded` body (the first value of each name wins).
struct FormFields: Sendable {
    private(set) var values: [String: String] = [:]

    init(_ body: ByteBuffer) {
        self.init(text: String(buffer: body))
    }

    init(text: String) {
        for pair in text.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func decode(_ s: Substring) -> String {
                String(s).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? ""
            }
            let name = decode(parts[0])
            if values[name] == nil { values[name] = parts.count > 1 ? decode(parts[1]) : "" }
        }
    }

    func value(_ name: String) -> String? { values[name] }

    /// A whole number field; nil when absent, empty or not a number.
    func int64(_ name: String) -> Int64? { values[name].flatMap { Int64($0.trimmingCharacters(in: .whitespaces)) } }
}

/// One HTTP byte range (RFC 9110 §14.1.2) resolved against a resource of `size` bytes: `bytes=a-b`, `bytes=a-`,
/// `bytes=-n`. Several ranges in one request are answered with the first (browsers ask for one); an unsatisfiable
/// range is nil, which the caller answers with 416.
struct ByteRange: Equatable, Sendable {
    let start: Int64
    /// Inclusive.
    let end: Int64
    var count: Int64 { end - start + 1 }

    enum Parsed: Equatable { case whole, range(ByteRange), unsatisfiable }

    static func parse(_ header: String?, size: Int64) -> Parsed {
        guard let header else { return .whole }
        let trimmed = header.trimmingCharacters(in: .whitespaces)
        guard trimmed.lowercased().hasPrefix("bytes=") else { return .whole }  // unknown unit: ignore (RFC 9110)
        let first = trimmed.dropFirst(6).split(separator: ",").first.map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
        let parts = first.split(separator: "-", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 2, size > 0 else { return .unsatisfiable }
        if parts[0].isEmpty {
            guard let suffix = Int64(parts[1]), suffix > 0 else { return .unsatisfiable }
            return .range(ByteRange(start: max(0, size - suffix), end: size - 1))
        }
        guard let start = Int64(parts[0]), start >= 0, start < size else { return .unsatisfiable }
        if parts[1].isEmpty { return .range(ByteRange(start: start, end: size - 1)) }
        guard let end = Int64(parts[1]), end >= start else { return .unsatisfiable }
        return .range(ByteRange(start: start, end: min(end, size - 1)))
    }
}

import Foundation

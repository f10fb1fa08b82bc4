import Foundation

/// Masks what looks like a phone number (Korean mobile and landline forms, +82 international) in text meant
/// for terminals and logs: recorders often put the caller's number in file names. Keeps the last 4 digits so an
/// operator can still tell files apart. The catalog keeps the real path.
public enum PersonalDataRedactor {
    private static let phonePattern = try! NSRegularExpression(
        pattern: #"(?<![0-9A-Za-z])(?:\+?82[- .]?|0)(?:1[016789]|[2-6][0-9]?|70)[- .]?[0-9]{3,4}[- .]?([0-9]{4})(?![0-9])"#)

    public static func redact(_ text: String) -> String {
        let range = NSRange(text.startIndex..., in: text)
        var result = text
        for match in phonePattern.matches(in: text, range: range).reversed() {
            guard let whole = Range(match.range, in: text), let last = Range(match.range(at: 1), in: text) else { continue }
            result.replaceSubrange(whole, with: "***-" + text[last])
        }
        return result
    }
}

extension PersonalDataRedactor {
    /// Masks a caller number for display: keeps the first 3 and last 4 digits (`010-****-5678`).
    public static func maskNumber(_ number: String?) -> String? {
        guard let number, !number.isEmpty else { return nil }
        let digits = number.filter(\.isNumber)
        guard digits.count > 7 else { return String(repeating: "*", count: digits.count) }
        return String(digits.prefix(3)) + "-****-" + String(digits.suffix(4))
    }
}

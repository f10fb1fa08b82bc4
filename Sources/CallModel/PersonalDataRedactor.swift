import Foundation

/// Masks what looks like a phone number (Korean mobile and landline forms, +82 international), a resident
/// registration number or an e-mail address in text meant for terminals, logs and audit reasons: recorders often
/// put the caller's number in file names. Keeps a phone number's last 4 digits so an operator can still tell files
/// apart. The catalog keeps the real path.
public enum PersonalDataRedactor {
    private static let phonePattern = try! NSRegularExpression(
        pattern: #"(?<![0-9A-Za-z])(?:\+?82[- .]?|0)(?:1[016789]|[2-6][0-9]?|70)[- .]?[0-9]{3,4}[- .]?([0-9]{4})(?![0-9])"#)

    /// A resident registration number (주민등록번호): birth date YYMMDD, a hyphen (or space, or nothing), then a
    /// 7-digit serial starting 1-8.
    private static let rrnPattern = try! NSRegularExpression(
        pattern: #"(?<![0-9])[0-9]{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12][0-9]|3[01])[- ]?[1-8][0-9]{6}(?![0-9])"#)
    /// An e-mail address: the local part is masked, the domain kept (it names an organisation, not a person).
    private static let emailPattern = try! NSRegularExpression(
        pattern: #"[A-Za-z0-9._%+-]+@([A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,})"#)

    /// Masks phone numbers (`***-5678`), resident registration numbers (`******-*******`) and e-mail addresses
    /// (`***@example.com`) in `text`.
    public static func redact(_ text: String) -> String {
        var text = text
        for match in rrnPattern.matches(in: text, range: NSRange(text.startIndex..., in: text)).reversed() {
            guard let whole = Range(match.range, in: text) else { continue }
            text.replaceSubrange(whole, with: "******-*******")
        }
        for match in emailPattern.matches(in: text, range: NSRange(text.startIndex..., in: text)).reversed() {
            guard let whole = Range(match.range, in: text), let domain = Range(match.range(at: 1), in: text) else { continue }
            text.replaceSubrange(whole, with: "***@" + text[domain])
        }
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

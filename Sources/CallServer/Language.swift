/// Page language: Korean by default (a city call center), English by choice (`?lang=en`, kept in the session).
public enum Language: String, Sendable, CaseIterable {
    case korean = "ko"
    case english = "en"

    /// The label for `key` in this language (the key itself when missing, so a gap shows instead of a blank).
    public func text(_ key: String) -> String {
        (self == .korean ? Labels.korean[key] : Labels.english[key]) ?? key
    }

    /// Every label of the language, for templates (`{{t.key}}`).
    var labels: [String: String] { self == .korean ? Labels.korean : Labels.english }
}

import Foundation

/// What the session store keeps for a browser: who signed in (nil before sign-in), the session's CSRF token and the
/// chosen language. The user's roles are read from the catalog on every request, so a disable or a role change
/// takes effect at once.
public struct WebSession: Codable, Sendable, Equatable {
    public var username: String?
    public var csrf: String
    public var language: String?
    public var signedInAt: Date?

    public init(username: String? = nil, csrf: String = WebSession.newToken(), language: String? = nil, signedInAt: Date? = nil) {
        self.username = username
        self.csrf = csrf
        self.language = language
        self.signedInAt = signedInAt
    }

    /// 256 random bits from the system's CSPRNG, URL-safe base64.
    public static func newToken() -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: 0...255, using: &generator) }
        return Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }
}

import CallModel

/// A failure of authentication, authorization, password hashing, keys or the audit checkpoints: a stable code
/// and a message that says what to do. Never carries a password, key bytes, a phone number or a person's name.
public struct AccessError: Error, CustomStringConvertible, Sendable, Equatable {
    public enum Code: String, Sendable {
        /// Wrong username or password, unknown or expired token, or an account that may not log in (one answer
        /// for all, so that the error never tells whether a user exists).
        case authenticationFailed = "authentication-failed"
        /// The policy refused the action; `refusal` says why.
        case refused
        case notFound = "not-found"
        case weakPassword = "weak-password"
        case invalidPasswordHash = "invalid-password-hash"
        case invalidSettings = "invalid-settings"
        /// A key file is readable or writable by others, or owned by another user.
        case keyFileInsecure = "key-file-insecure"
        case keyFileInvalid = "key-file-invalid"
        case io
    }

    public var code: Code
    public var message: String
    public var refusal: RefusalReason?
    public var path: String?

    public init(_ code: Code, _ message: String, refusal: RefusalReason? = nil, path: String? = nil) {
        self.code = code
        self.message = message
        self.refusal = refusal
        self.path = path
    }

    static func refused(_ reason: RefusalReason) -> AccessError {
        AccessError(.refused, "refused: \(reason.message)", refusal: reason)
    }

    static let authenticationFailed = AccessError(
        .authenticationFailed, "authentication failed: wrong username or password, or the account or token cannot be used; ask an administrator if this persists")

    public var description: String {
        if let path { return "\(path): \(message)" }
        return message
    }
}

/// Why a purge (or its dry run) refused to start: what is wrong and what to do. Never names a person or a number.
public struct PurgeError: Error, CustomStringConvertible, Sendable {
    public enum Code: String, Sendable {
        /// The clock reads earlier than the newest time in the catalog: it jumped backwards.
        case clockBehind = "clock-behind"
        /// The clock reads much later than anything in the catalog: it may have jumped forwards.
        case clockAhead = "clock-ahead"
        /// Another purge holds the home's purge lock.
        case alreadyRunning = "already-running"
        /// The retention policy does not validate.
        case invalidPolicy = "invalid-policy"
    }

    public var code: Code
    public var message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { "purge refused (\(code.rawValue)): \(message)" }
}

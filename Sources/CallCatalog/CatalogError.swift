/// A failure of the catalog database, saying what failed and what to do. Never carries personal data.
public struct CatalogError: Error, CustomStringConvertible, Sendable {
    public enum Code: String, Sendable {
        case cannotOpen = "cannot-open"
        case notACatalog = "not-a-catalog"
        case corrupt
        case migrationFailed = "migration-failed"
        case queryFailed = "query-failed"
        case notFound = "not-found"
        /// The row exists already (a user of that name, ...).
        case conflict
        /// A value the catalog refuses to store (an invalid username, an audit entry without a required reason).
        case invalidValue = "invalid-value"
    }

    public var code: Code
    public var message: String
    public var path: String?

    public init(_ code: Code, _ message: String, path: String? = nil) {
        self.code = code
        self.message = message
        self.path = path
    }

    public var description: String {
        if let path { return "catalog \(path): \(message)" }
        return "catalog: \(message)"
    }
}

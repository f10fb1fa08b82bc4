import Foundation

/// A source file that could not be ingested. The file itself stays where it is, untouched.
public struct QuarantineRecord: Codable, Sendable, Equatable {
    public var id: Int64?
    /// Path relative to the drop folder, NFC.
    public var path: String
    /// Absolute drop folder the path is relative to.
    public var dropFolder: String
    /// SHA-256 of the file when it could be read ("" for an empty or unreadable file).
    public var sourceSHA256: String
    public var bytes: Int64
    /// Stable machine-readable reason (`empty`, `truncated`, `header-mismatch`, `metadata-malformed`, ...).
    public var reasonCode: QuarantineReason
    /// What is wrong and what to do, without personal data.
    public var reason: String
    public var detectedAt: Date
    public var runID: Int64?

    public init(id: Int64? = nil, path: String, dropFolder: String, sourceSHA256: String, bytes: Int64,
                reasonCode: QuarantineReason, reason: String, detectedAt: Date, runID: Int64?) {
        self.id = id
        self.path = path
        self.dropFolder = dropFolder
        self.sourceSHA256 = sourceSHA256
        self.bytes = bytes
        self.reasonCode = reasonCode
        self.reason = reason
        self.detectedAt = detectedAt
        self.runID = runID
    }
}

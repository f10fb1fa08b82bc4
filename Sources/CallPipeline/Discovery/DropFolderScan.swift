import CallModel
import Foundation

/// What a scan of the drop folder found. Paths are relative to the drop folder and spelled as on disk
/// (open them with these); `displayPath` / `CallCandidate.displayFiles` give the NFC form for people.
public struct DropFolderScan: Sendable, Equatable {
    /// One per call, sorted by the NFC form of the first file's path (then by its bytes), so two scans of the
    /// same folder list the same calls in the same order.
    public var candidates: [CallCandidate]
    /// Metadata that could not be used, sorted by path and line. A rejection without a line concerns the whole
    /// file (quarantine it); one with a line number concerns that line only, and the file's other lines were
    /// used. The audio a rejected file described is still among the candidates, as a call without metadata,
    /// unless other metadata described it.
    public var rejections: [ScanRejection]
    /// Files that are neither audio nor metadata (or hidden, or symbolic links that are not followed).
    public var ignored: [String]

    public init(candidates: [CallCandidate] = [], rejections: [ScanRejection] = [], ignored: [String] = []) {
        self.candidates = candidates
        self.rejections = rejections
        self.ignored = ignored
    }
}

/// A metadata file, or one line of it, that could not be used.
public struct ScanRejection: Sendable, Equatable, CustomStringConvertible {
    public var relativePath: String
    public var line: Int?
    /// Stable machine-readable reason (`metadata-malformed`, `metadata-missing-audio`, ...).
    public var code: QuarantineReason
    /// What is wrong and what to do; never personal data.
    public var reason: String
    public var error: MetadataError

    public init(_ error: MetadataError) {
        self.relativePath = error.relativePath
        self.line = error.line
        self.code = QuarantineReason(error.code)
        self.reason = error.reason
        self.error = error
    }

    /// The path in NFC (Korean names written by macOS arrive decomposed).
    public var displayPath: String { relativePath.precomposedStringWithCanonicalMapping }

    public var description: String { error.description }
}

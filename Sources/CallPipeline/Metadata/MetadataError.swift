/// Why a metadata file (or one line of it) could not be used: what is wrong and what to do.
///
/// Messages name files, line numbers, element and key names, and parties by position ("participant 2"),
/// never their phone numbers, names or AORs: those are personal data and rejections end up in logs.
public struct MetadataError: Error, CustomStringConvertible, Sendable, Equatable {
    public enum Code: String, Sendable, CaseIterable {
        /// The file does not parse, or a field has the wrong type or shape.
        case malformed
        /// A well-formed document that is not call metadata nokchwi can use (snapshot request, partial update,
        /// foreign XML root, old column order, ...).
        case unsupported
        /// Larger than `metadata.max_metadata_bytes`.
        case tooLarge = "too-large"
        /// The file cannot be read (permissions, I/O, not UTF-8).
        case unreadable
        /// A path in the metadata leaves the drop folder (`..`, an absolute path elsewhere, a symbolic link).
        case pathOutsideDropFolder = "path-outside-drop-folder"
        /// The recording the metadata describes is not in the drop folder.
        case missingAudio = "missing-audio"
        /// Several files fit, or the audio is already described by other metadata.
        case ambiguous
        /// An XML document with a DOCTYPE or ENTITY declaration (entity-expansion and external-entity attacks).
        case entityDeclaration = "entity-declaration"
    }

    public var code: Code
    /// The metadata file, relative to the drop folder.
    public var relativePath: String
    /// 1-based line number when the problem concerns one line of a multi-call file (Asterisk CSV).
    public var line: Int?
    /// What is wrong and what to do about it; never personal data.
    public var reason: String

    public init(_ code: Code, _ reason: String, path relativePath: String, line: Int? = nil) {
        self.code = code
        self.relativePath = relativePath
        self.line = line
        self.reason = reason
    }

    public var description: String {
        let location = line.map { "\(relativePath):\($0)" } ?? relativePath
        return "\(location): \(code.rawValue): \(reason)"
    }
}

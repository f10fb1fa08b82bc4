/// A failure of the pipeline itself (not of one input file): what failed and what to do.
public struct PipelineError: Error, CustomStringConvertible, Sendable {
    public enum Code: String, Sendable {
        case definitionInvalid = "definition-invalid"
        case dropFolderMissing = "drop-folder-missing"
        case internalFailure = "internal-failure"
        /// A hold-audio file or folder (`hold-audio add`, `analyze --hold-audio`) that cannot be used.
        case holdAudioInvalid = "hold-audio-invalid"
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
        if let path { return "\(path): \(message)" }
        return message
    }
}

/// The one error type of CallAudio: what failed (`code`), a human message that says what to do,
/// and the file path when there is one. Messages never contain audio content or personal data.
public struct AudioError: Error, CustomStringConvertible, Sendable, Equatable {
    public enum Code: String, Sendable, Codable, CaseIterable {
        /// The file could not be opened (missing or unreadable). A format libsndfile does not recognise is `unsupportedEncoding`.
        case cannotOpen
        /// The file has no bytes or no audio frames.
        case empty
        /// The file ends before the audio its header promises.
        case truncated
        /// The header promises more data than the file can hold (lying data or RIFF size).
        case headerMismatch
        /// libsndfile does not recognise the format, or the container is recognised but its encoding is not accepted.
        case unsupportedEncoding
        /// Channels, sample rate or another format parameter is out of range.
        case invalidFormat
        /// The decoder reported an error in the middle of the data.
        case decodeFailed
        /// The encoder refused the audio or its settings.
        case encodeFailed
        /// Reading bytes failed after the file or source was opened (I/O error, decryption failure).
        case readFailed
        /// Writing the output failed (disk full, closed file, sink error).
        case writeFailed
        /// A caller passed an argument outside its documented range.
        case invalidArgument
        /// The bytes are not an Ogg Opus stream.
        case notOpus
        /// The Ogg Opus stream is damaged (CRC, missing pages, undecodable packets).
        case corruptStream
        /// The resampler failed.
        case resampleFailed
    }

    public var code: Code
    public var message: String
    public var path: String?
    /// The underlying error, e.g. one thrown by a sink or a byte source.
    public var underlying: String?

    public init(_ code: Code, _ message: String, path: String? = nil, underlying: String? = nil) {
        self.code = code
        self.message = message
        self.path = path
        self.underlying = underlying
    }

    public var description: String {
        var text = "\(code.rawValue): \(message)"
        if let path { text += " [file: \(path)]" }
        if let underlying { text += " (cause: \(underlying))" }
        return text
    }

    /// The same error with a path attached (when it had none).
    func at(_ path: String?) -> AudioError {
        var copy = self
        if copy.path == nil { copy.path = path }
        return copy
    }
}

import CallAudio

/// A recording a drop folder may hold, built byte by byte, and what nokchwi must make of it.
public struct BadRecording: Sendable, CustomStringConvertible {
    public enum Expected: Sendable, Equatable {
        /// `SndFileReader` refuses it (opening or reading to the end) with this code, and ingest quarantines it
        /// with the matching reason code.
        case refused(AudioError.Code)
        /// Valid but unusual: it reads to the end with this many frames; with `samePCMAsPlain` its samples are
        /// exactly those of `BadRecordingCatalog.plainName`.
        case accepted(frames: Int64, samePCMAsPlain: Bool)
    }

    /// A file name stem (kebab-case ASCII).
    public let name: String
    /// What is wrong with it, or what is unusual.
    public let what: String
    public let bytes: [UInt8]
    public let expected: Expected

    public init(_ name: String, _ what: String, _ bytes: [UInt8], _ expected: Expected) {
        self.name = name
        self.what = what
        self.bytes = bytes
        self.expected = expected
    }

    public var description: String { name }
}

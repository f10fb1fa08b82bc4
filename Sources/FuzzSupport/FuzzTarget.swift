/// The code paths fuzzed by `fuzz-audio` and `fuzz-metadata`, each a function from bytes to an outcome that
/// must never trap, whatever the bytes. `FuzzRegressionTests` replays saved inputs through the same functions.
public enum FuzzTarget: String, CaseIterable, Sendable {
    /// Bytes → a temporary file → `SndFileReader` opened and read to the end.
    case sndfile
    /// Bytes → `OpusArchiveReader(source: MemoryByteSource)` read to the end.
    case opus
    /// Bytes → `EncryptedArchiveSource` with a fixed data key → `OpusArchiveReader` read to the end.
    case encrypted
    /// Bytes → `SidecarJSONAdapter.parse`.
    case sidecar
    /// Bytes → `AsteriskCDRAdapter.parse`.
    case asterisk
    /// Bytes → `FreeSWITCHCDRAdapter.canRead` and `parse`.
    case freeswitch
    /// Bytes → `SIPRECAdapter.parse`.
    case siprec

    public static let audio: [FuzzTarget] = [.sndfile, .opus, .encrypted]
    public static let metadata: [FuzzTarget] = [.sidecar, .asterisk, .freeswitch, .siprec]

    /// Runs one input through the target's code path.
    public func run(_ bytes: [UInt8]) -> FuzzOutcome {
        switch self {
        case .sndfile: AudioFuzzEntry.sndfile(bytes)
        case .opus: AudioFuzzEntry.opus(bytes)
        case .encrypted: AudioFuzzEntry.encrypted(bytes)
        case .sidecar, .asterisk, .freeswitch, .siprec: MetadataFuzzEntry.parse(bytes, as: self)
        }
    }
}

/// What a target made of one input: accepted (with a short summary) or refused with an error code.
public enum FuzzOutcome: Sendable, Equatable, CustomStringConvertible {
    case accepted(String)
    case refused(code: String)

    public var description: String {
        switch self {
        case .accepted(let summary): "accepted: \(summary)"
        case .refused(let code): "refused: \(code)"
        }
    }
}

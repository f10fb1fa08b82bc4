import CallAudio
import CallModel

extension QuarantineReason {
    /// The reason for a recording the audio reader refused; nil for `writeFailed`, which is the archive's side (a
    /// full disk), not the source's fault: such a call fails and is redone, never quarantined.
    init?(_ code: AudioError.Code) {
        switch code {
        case .cannotOpen: self = .cannotOpen
        case .empty: self = .empty
        case .truncated: self = .truncated
        case .headerMismatch: self = .headerMismatch
        case .unsupportedEncoding: self = .unsupportedEncoding
        case .invalidFormat: self = .invalidFormat
        case .decodeFailed: self = .decodeFailed
        case .encodeFailed: self = .encodeFailed
        case .readFailed: self = .readFailed
        case .invalidArgument: self = .invalidArgument
        case .notOpus: self = .notOpus
        case .corruptStream: self = .corruptStream
        case .resampleFailed: self = .resampleFailed
        case .writeFailed: return nil
        }
    }

    /// The reason for metadata an adapter refused.
    init(_ code: MetadataError.Code) {
        switch code {
        case .malformed: self = .metadataMalformed
        case .unsupported: self = .metadataUnsupported
        case .tooLarge: self = .metadataTooLarge
        case .unreadable: self = .metadataUnreadable
        case .pathOutsideDropFolder: self = .metadataPathOutsideDropFolder
        case .missingAudio: self = .metadataMissingAudio
        case .ambiguous: self = .metadataAmbiguous
        case .entityDeclaration: self = .metadataEntityDeclaration
        }
    }
}

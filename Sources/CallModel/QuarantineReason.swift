/// Why an input was quarantined: a stable code stored in the catalog and shown by `quarantine list`.
public enum QuarantineReason: String, Codable, Sendable, CaseIterable {
    // The recording (from the audio reader's error).
    /// The file cannot be read at all (permissions, I/O).
    case unreadable
    case cannotOpen = "cannot-open"
    case empty
    case truncated
    case headerMismatch = "header-mismatch"
    case unsupportedEncoding = "unsupported-encoding"
    case invalidFormat = "invalid-format"
    case decodeFailed = "decode-failed"
    case readFailed = "read-failed"
    case encodeFailed = "encode-failed"
    case invalidArgument = "invalid-argument"
    case notOpus = "not-opus"
    case corruptStream = "corrupt-stream"
    case resampleFailed = "resample-failed"
    /// The other leg of a split call is unusable, so this one cannot be archived alone.
    case partnerQuarantined = "partner-quarantined"

    // The metadata (from the adapters' errors).
    case metadataMalformed = "metadata-malformed"
    case metadataUnsupported = "metadata-unsupported"
    case metadataTooLarge = "metadata-too-large"
    case metadataUnreadable = "metadata-unreadable"
    case metadataPathOutsideDropFolder = "metadata-path-outside-drop-folder"
    case metadataMissingAudio = "metadata-missing-audio"
    case metadataAmbiguous = "metadata-ambiguous"
    case metadataEntityDeclaration = "metadata-entity-declaration"
}

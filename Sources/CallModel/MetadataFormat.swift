/// Which adapter produced a call's metadata.
public enum MetadataFormat: String, Codable, Sendable, CaseIterable {
    case sidecarJSON = "sidecar-json"
    case asteriskCDR = "asterisk-cdr"
    case freeswitchCDR = "freeswitch-cdr"
    case siprec = "siprec"
    case none = "none"
}

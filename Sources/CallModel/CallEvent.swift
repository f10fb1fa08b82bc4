/// Something that happened during a call, on the call's own time line (seconds from the recording's start).
public struct CallEvent: Codable, Sendable, Equatable {
    public enum Kind: String, Codable, Sendable, CaseIterable {
        case hold          // start..end is the hold interval
        case transfer      // at `start`; `detail` says to whom (never a phone number)
        case conference
        case note
    }

    public var kind: Kind
    /// Seconds from the start of the recording.
    public var start: Double
    /// Seconds from the start of the recording; nil for instantaneous events or an unfinished hold.
    public var end: Double?
    public var detail: String?

    public init(kind: Kind, start: Double, end: Double? = nil, detail: String? = nil) {
        self.kind = kind
        self.start = start
        self.end = end
        self.detail = detail
    }
}

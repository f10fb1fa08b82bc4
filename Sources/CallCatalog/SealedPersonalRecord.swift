import Foundation

/// A call's personal fields as the catalog stores them once sealed: opaque bytes the catalog neither makes nor
/// opens (CallArchive's `PersonalDataSeal` seals them under the call's own data key), and the keyed hash of the
/// caller number for lookups and repeat-call counts.
public struct SealedPersonalRecord: Sendable, Equatable {
    /// The caller number, sealed; nil when the metadata gave none.
    public var callerNumber: [UInt8]?
    /// The metadata warnings (a JSON list), sealed; nil when there were none.
    public var warnings: [UInt8]?
    /// One entry per event of the call, nil where the event has no detail. When committing, in the order of
    /// `call.metadata.events`; when read (`sealedPersonal(callID:)`) and when sealing stored rows
    /// (`storeSealedPersonal`), in the order `call(id:)` returns the events (start, then insertion).
    public var eventDetails: [[UInt8]?]
    /// HMAC-SHA256 of the caller number under the home's caller-hash key (hex); nil when there is no number.
    public var callerHash: String?

    public init(callerNumber: [UInt8]? = nil, warnings: [UInt8]? = nil, eventDetails: [[UInt8]?] = [], callerHash: String? = nil) {
        self.callerNumber = callerNumber
        self.warnings = warnings
        self.eventDetails = eventDetails
        self.callerHash = callerHash
    }

    /// True when nothing at all is sealed (no caller, no warnings, no event detail).
    public var isEmpty: Bool {
        callerNumber == nil && warnings == nil && eventDetails.allSatisfy { $0 == nil }
    }
}

/// How many calls still keep personal fields in plain text.
public struct PlaintextPersonalCounts: Sendable, Equatable, Codable {
    /// Calls with a data key: `keys seal-personal` (or the next ingest) seals them.
    public var sealable: Int
    /// Calls without a data key (plaintext archives of an older home): they stay in plain text, like their audio.
    public var withoutKey: Int

    public init(sealable: Int, withoutKey: Int) {
        self.sealable = sealable
        self.withoutKey = withoutKey
    }

    enum CodingKeys: String, CodingKey { case sealable, withoutKey = "without_key" }
}

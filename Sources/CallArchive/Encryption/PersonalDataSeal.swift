import CallCatalog
import CallModel
import Crypto
import Foundation

/// Seals a call's personal fields (caller number, metadata warnings, event details) under the call's own data key,
/// so that erasing that key (retention purge) erases them with the audio, and whoever copies the catalog file reads
/// none of them.
///
/// Key: HKDF-SHA256 of the archive's data key with the info label `nokchwi personal-data v1` (never the data key
/// itself, which seals the audio). Each field: AES-256-GCM, 96-bit random nonce; associated data
/// `nokchwi-personal-v1|<call id>|<field>`, so a sealed blob copied onto another call's row (or into another field)
/// does not open. Stored form: one version byte (1), nonce, ciphertext, tag.
public enum PersonalDataSeal {
    public static let infoLabel = "nokchwi personal-data v1"
    static let version: UInt8 = 1

    public enum Field: String, Sendable {
        case callerNumber = "caller-number"
        case warnings
        case eventDetail = "event-detail"
    }

    /// The sealing key of a call: derived from its archive data key, distinct from it.
    public static func subkey(of dataKey: SymmetricKey) -> SymmetricKey {
        HKDF<SHA256>.deriveKey(inputKeyMaterial: dataKey, info: Data(infoLabel.utf8), outputByteCount: 32)
    }

    static func associatedData(_ callID: CallID, _ field: Field) -> Data {
        Data("nokchwi-personal-v1|\(callID.rawValue)|\(field.rawValue)".utf8)
    }

    public static func seal(_ text: String, field: Field, callID: CallID, key: SymmetricKey) throws -> [UInt8] {
        let box = try AES.GCM.seal(Data(text.utf8), using: key, authenticating: associatedData(callID, field))
        guard let combined = box.combined else {
            throw ArchiveError(.invalidState, "AES-GCM gave no combined form for a 96-bit nonce")
        }
        return [version] + Array(combined)
    }

    /// Opens a sealed field; `.tampered` when it was changed, belongs to another call or field, or the key is not the
    /// call's.
    public static func open(_ sealed: [UInt8], field: Field, callID: CallID, key: SymmetricKey) throws -> String {
        guard sealed.count >= 1 + 12 + 16, sealed[0] == version,
              let box = try? AES.GCM.SealedBox(combined: sealed.dropFirst()),
              let plain = try? AES.GCM.open(box, using: key, authenticating: associatedData(callID, field)) else {
            throw ArchiveError(.tampered, "the sealed \(field.rawValue) of call \(callID) does not open with the call's key: it was "
                + "changed or copied from another call; restore the catalog from backup")
        }
        return String(decoding: plain, as: UTF8.self)
    }

    /// The call without its personal fields, and those fields sealed (with the caller number's keyed hash) for
    /// `Catalog.commit(..., sealedPersonal:)`. Event details follow `call.metadata.events` in order.
    public static func seal(_ call: Call, dataKey: SymmetricKey, hasher: CallerNumberHash?) throws
        -> (call: Call, sealed: SealedPersonalRecord) {
        let key = subkey(of: dataKey)
        var stripped = call
        var record = SealedPersonalRecord()
        if let number = call.metadata.callerNumber {
            record.callerNumber = try seal(number, field: .callerNumber, callID: call.id, key: key)
            record.callerHash = hasher?.hash(number)
        }
        if !call.metadata.warnings.isEmpty {
            let json = String(decoding: try JSONEncoder().encode(call.metadata.warnings), as: UTF8.self)
            record.warnings = try seal(json, field: .warnings, callID: call.id, key: key)
        }
        record.eventDetails = try call.metadata.events.map { event in
            try event.detail.map { try seal($0, field: .eventDetail, callID: call.id, key: key) }
        }
        stripped.metadata.callerNumber = nil
        stripped.metadata.warnings = []
        stripped.metadata.events = call.metadata.events.map { var e = $0; e.detail = nil; return e }
        return (stripped, record)
    }

    /// The call with its sealed fields opened (event details in the order the catalog returns the events).
    public static func reveal(_ call: Call, _ sealed: SealedPersonalRecord, dataKey: SymmetricKey) throws -> Call {
        let key = subkey(of: dataKey)
        var call = call
        if let number = sealed.callerNumber {
            call.metadata.callerNumber = try open(number, field: .callerNumber, callID: call.id, key: key)
        }
        if let warnings = sealed.warnings {
            let json = try open(warnings, field: .warnings, callID: call.id, key: key)
            guard let list = try? JSONDecoder().decode([String].self, from: Data(json.utf8)) else {
                throw ArchiveError(.tampered, "the sealed warnings of call \(call.id) are not a list")
            }
            call.metadata.warnings = list
        }
        if sealed.eventDetails.count == call.metadata.events.count {
            for (index, detail) in sealed.eventDetails.enumerated() {
                if let detail { call.metadata.events[index].detail = try open(detail, field: .eventDetail, callID: call.id, key: key) }
            }
        } else if sealed.eventDetails.contains(where: { $0 != nil }) {
            throw ArchiveError(.tampered, "call \(call.id) has \(call.metadata.events.count) event(s) but \(sealed.eventDetails.count) sealed detail(s)")
        }
        return call
    }
}

import CallCatalog
import CallModel
import Crypto
import Foundation

/// A call's personal fields through its data key: opened for the readers that show them (`calls show`, `calls list`,
/// the web call page), sealed for calls stored in plain text before (`keys seal-personal`).
public struct PersonalDataVault: Sendable {
    public let catalog: Catalog
    public let keys: any KeyProvider

    public init(catalog: Catalog, keys: any KeyProvider) {
        self.catalog = catalog
        self.keys = keys
    }

    /// The call as `catalog.call(id:)` gave it, with its sealed fields opened. A call with nothing sealed is returned
    /// as it is; so is a purged one (its key is erased: nothing can be opened). Throws `.tampered` when a sealed field
    /// does not open (changed, or copied from another call), `.keyMissing` when the key file is gone.
    public func reveal(_ call: Call) throws -> Call {
        guard let sealed = try catalog.sealedPersonal(callID: call.id), !sealed.isEmpty,
              let record = try catalog.archiveKey(callID: call.id) else { return call }
        let dataKey = try keys.unwrap(WrappedDataKey(kekID: record.kekID, wrapped: record.wrappedKey))
        return try PersonalDataSeal.reveal(call, sealed, dataKey: dataKey)
    }

    /// What a sealing pass did.
    public struct SealReport: Sendable, Equatable, Codable {
        public var sealed = 0
        /// Calls whose data key did not unwrap (its key file is missing): left in plain text, listed by `status`.
        public var failed = 0
        /// Calls left in plain text because they have no data key (plaintext archives): they stay so.
        public var withoutKey = 0

        public init() {}

        enum CodingKeys: String, CodingKey { case sealed, failed, withoutKey = "without_key" }
    }

    /// Seals every stored call that still holds personal fields in plain text and has a data key, a page at a time
    /// (one transaction and one `seal-personal` audit entry per page). Idempotent and resumable: a call sealed (or
    /// purged) meanwhile is skipped, and a rerun picks up what an interrupted pass left.
    public func sealPlaintext(hasher: CallerNumberHash?, actor: AuditActor, clock: any WallClock, pageSize: Int = 200) throws -> SealReport {
        var report = SealReport()
        var after: CallID = ""
        while true {
            let page = try catalog.callsWithPlaintextPersonal(afterCallID: after, limit: pageSize)
            guard let last = page.last else { break }
            after = last.id
            var items: [(callID: CallID, sealed: SealedPersonalRecord)] = []
            for call in page {
                guard let record = try catalog.archiveKey(callID: call.id),
                      let dataKey = try? keys.unwrap(WrappedDataKey(kekID: record.kekID, wrapped: record.wrappedKey)) else {
                    report.failed += 1
                    continue
                }
                items.append((call.id, try PersonalDataSeal.seal(call, dataKey: dataKey, hasher: hasher).sealed))
            }
            report.sealed += try catalog.storeSealedPersonal(items, audit: actor.draft(.sealPersonal, at: clock.now(),
                                                                                     detail: ["first": page[0].id.rawValue, "last": last.id.rawValue]))
        }
        // The replaced plain text must not linger in the write-ahead log (the pages themselves are overwritten:
        // `secure_delete` is on).
        if report.sealed > 0 { try catalog.checkpointWAL() }
        report.withoutKey = try catalog.plaintextPersonalCounts().withoutKey
        return report
    }
}

import CallArchive
import CallModel
import Foundation

extension IngestRunner {
    /// Before ingesting: seals the personal fields of calls stored in plain text by an older version (the pass of
    /// `nokchwi keys seal-personal`). Cheap when there is nothing to do (one count); a failure is logged and never stops
    /// the ingest (`status` keeps counting what is left).
    func sealStoredPlaintext(_ callerHash: CallerNumberHash) {
        do {
            guard try catalog.plaintextPersonalCounts().sealable > 0 else { return }
            let report = try PersonalDataVault(catalog: catalog, keys: keys).sealPlaintext(hasher: callerHash, actor: actor, clock: clock)
            logger.notice("sealed the personal fields of calls stored in plain text",
                          metadata: ["sealed": "\(report.sealed)", "failed": "\(report.failed)"])
        } catch {
            logger.warning("could not seal the personal fields of stored calls; run `nokchwi keys seal-personal`",
                           metadata: ["error": "\(error)"])
        }
    }
}

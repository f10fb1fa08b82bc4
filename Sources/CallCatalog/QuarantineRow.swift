import CallModel
import Foundation
import GRDB

/// A row of the `quarantine` table.
struct QuarantineRow: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "quarantine"

    var id: Int64?
    var path: String
    var dropFolder: String
    var sourceSHA256: String
    var bytes: Int64
    var reasonCode: String
    var reason: String
    var detectedAt: String
    var runID: Int64?

    enum CodingKeys: String, CodingKey {
        case id, path, dropFolder = "drop_folder", sourceSHA256 = "source_sha256", bytes, reasonCode = "reason_code"
        case reason, detectedAt = "detected_at", runID = "run_id"
    }

    init(_ record: QuarantineRecord) {
        id = record.id
        path = record.path
        dropFolder = record.dropFolder
        sourceSHA256 = record.sourceSHA256
        bytes = record.bytes
        reasonCode = record.reasonCode.rawValue
        reason = record.reason
        detectedAt = CatalogDates.string(record.detectedAt)
        runID = record.runID
    }

    func record() throws -> QuarantineRecord {
        guard let code = QuarantineReason(rawValue: reasonCode) else {
            throw CatalogError(.corrupt, "quarantine record \(id ?? 0) has an unknown reason code; the catalog was changed outside nokchwi")
        }
        return QuarantineRecord(id: id, path: path, dropFolder: dropFolder, sourceSHA256: sourceSHA256, bytes: bytes,
                                reasonCode: code, reason: reason,
                                detectedAt: CatalogDates.date(detectedAt) ?? Date(timeIntervalSince1970: 0), runID: runID)
    }
}

import CallModel
import Foundation
import GRDB

/// One registered hold-audio file (`nokchwi hold-audio add`): its name, content hash and fingerprint codes
/// (`HoldAudioPrint`, little-endian 16-bit codes; `version` says which coder made them).
public struct HoldAudioEntry: Codable, Sendable, Equatable {
    public var id: Int64?
    /// The file's name (never its folder).
    public var name: String
    /// SHA-256 of the file's bytes: the same file registered twice is one entry.
    public var sha256: String
    public var durationS: Double
    public var version: Int
    public var codes: Data
    public var addedAt: Date
    public var addedBy: String

    public init(id: Int64? = nil, name: String, sha256: String, durationS: Double, version: Int, codes: Data,
                addedAt: Date, addedBy: String) {
        self.id = id
        self.name = name
        self.sha256 = sha256
        self.durationS = durationS
        self.version = version
        self.codes = codes
        self.addedAt = addedAt
        self.addedBy = addedBy
    }

    enum CodingKeys: String, CodingKey {
        case id, name, sha256, durationS = "duration_s", version, codes, addedAt = "added_at", addedBy = "added_by"
    }
}

/// The `hold_audio` row.
struct HoldAudioRecord: Codable, FetchableRecord, MutablePersistableRecord {
    static let databaseTableName = "hold_audio"
    var id: Int64?
    var name: String
    var sha256: String
    var durationS: Double
    var version: Int
    var codes: Data
    var addedAt: String
    var addedBy: String

    enum CodingKeys: String, CodingKey {
        case id, name, sha256, durationS = "duration_s", version, codes, addedAt = "added_at", addedBy = "added_by"
    }

    mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }

    init(_ e: HoldAudioEntry) {
        id = e.id
        name = e.name
        sha256 = e.sha256
        durationS = e.durationS
        version = e.version
        codes = e.codes
        addedAt = CatalogDates.string(e.addedAt)
        addedBy = e.addedBy
    }

    var entry: HoldAudioEntry {
        HoldAudioEntry(id: id, name: name, sha256: sha256, durationS: durationS, version: version, codes: codes,
                       addedAt: CatalogDates.date(addedAt) ?? Date(timeIntervalSince1970: 0), addedBy: addedBy)
    }
}

extension CatalogSchema {
    /// The center's hold audio fingerprints (issue 22).
    static func registerHoldAudio(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v8-hold-audio") { db in
            try db.execute(sql: """
                CREATE TABLE hold_audio (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    name TEXT NOT NULL,
                    sha256 TEXT NOT NULL UNIQUE,
                    duration_s REAL NOT NULL,
                    version INTEGER NOT NULL,
                    codes BLOB NOT NULL,
                    added_at TEXT NOT NULL,
                    added_by TEXT NOT NULL
                )
                """)
        }
    }
}

import CallModel
import Foundation
import GRDB

/// One imported rubric file: its content hash is its version id; evaluations are bound to it.
public struct RubricVersionRecord: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "qa_rubric_version"
    /// SHA-256 of the file's bytes (hex).
    public var id: String
    public var rubric: String
    public var title: String
    public var sourceFile: String
    public var content: String
    /// ISO 8601 UTC (CatalogDates).
    public var importedAt: String
    public var importedBy: String

    public init(id: String, rubric: String, title: String, sourceFile: String, content: String, importedAt: Date, importedBy: String) {
        self.id = id
        self.rubric = rubric
        self.title = title
        self.sourceFile = sourceFile
        self.content = content
        self.importedAt = CatalogDates.string(importedAt)
        self.importedBy = importedBy
    }

    enum CodingKeys: String, CodingKey {
        case id, rubric, title, sourceFile = "source_file", content, importedAt = "imported_at", importedBy = "imported_by"
    }
}

extension Catalog {
    /// Stores a rubric version; returns false (no audit entry) when this exact content was imported before.
    @discardableResult
    public func importRubricVersion(_ record: RubricVersionRecord, audit: AuditDraft? = nil) throws -> Bool {
        try write { db in
            if try RubricVersionRecord.exists(db, key: record.id) { return false }
            try record.insert(db)
            if let audit { try appendAudit(audit, in: db) }
            return true
        }
    }

    /// Every version, newest import first (optionally of one rubric).
    public func rubricVersions(rubric: String? = nil) throws -> [RubricVersionRecord] {
        try read { db in
            var request = RubricVersionRecord.order(Column("imported_at").desc, Column("id"))
            if let rubric { request = request.filter(Column("rubric") == rubric) }
            return try request.fetchAll(db)
        }
    }

    /// A version by its id or a unique prefix of at least 6 characters, or the newest version of a rubric named so.
    public func rubricVersion(_ reference: String) throws -> RubricVersionRecord? {
        try read { db in
            if let exact = try RubricVersionRecord.fetchOne(db, key: reference) { return exact }
            if let newest = try RubricVersionRecord.filter(Column("rubric") == reference)
                .order(Column("imported_at").desc).fetchOne(db) { return newest }
            guard reference.count >= 6 else { return nil }
            let matches = try RubricVersionRecord.filter(Column("id").like("\(reference)%")).limit(2).fetchAll(db)
            return matches.count == 1 ? matches[0] : nil
        }
    }
}

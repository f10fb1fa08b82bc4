import Foundation

/// Timestamps are stored as ISO 8601 UTC text with milliseconds: sortable and readable in the sqlite3 shell.
enum CatalogDates {
    static func string(_ date: Date) -> String {
        date.formatted(.iso8601.year().month().day().dateSeparator(.dash).time(includingFractionalSeconds: true).timeSeparator(.colon))
    }

    static func date(_ text: String?) -> Date? {
        guard let text else { return nil }
        return try? Date(text, strategy: .iso8601.year().month().day().dateSeparator(.dash).time(includingFractionalSeconds: true).timeSeparator(.colon))
    }
}

enum CatalogJSON {
    static func encode<T: Encodable>(_ value: T) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return (try? String(decoding: encoder.encode(value), as: UTF8.self)) ?? "null"
    }

    /// Decodes a stored document; one that no longer parses is a damaged catalog, reported as such (`what` names it).
    static func decode<T: Decodable>(_ type: T.Type, _ text: String, what: String) throws -> T {
        do {
            return try JSONDecoder().decode(type, from: Data(text.utf8))
        } catch {
            throw CatalogError(.corrupt, "the stored \(what) is not valid; the catalog was changed outside nokchwi or damaged: restore it from backup")
        }
    }

    /// Decodes an optional stored document (nil stays nil).
    static func decodeIfPresent<T: Decodable>(_ type: T.Type, _ text: String?, what: String) throws -> T? {
        guard let text else { return nil }
        return try decode(type, text, what: what)
    }
}

import CallModel
import Foundation

/// Reads one metadata format into calls. Adapters are stateless values; the scanner asks each in turn
/// whether it reads a file (`canRead`), and the first that does parses it.
public protocol MetadataAdapter: Sendable {
    var format: MetadataFormat { get }
    /// Whether this adapter reads the file, from its name and bytes (the scanner passes the whole file, which
    /// is at most `max_metadata_bytes`).
    func canRead(relativePath: String, prefix: Data) -> Bool
    /// Parses a whole file. Throws when the file as a whole is unusable; returns the calls it describes and
    /// the lines it rejected otherwise. Never traps on any input.
    func parse(data: Data, relativePath: String, settings: MetadataSettings) throws(MetadataError)
        -> MetadataParseResult
}

public enum MetadataAdapters {
    /// Every adapter, in the order the scanner asks them: the FreeSWITCH CDR (JSON with a `variables` object)
    /// before the sidecar (any other JSON).
    public static let all: [any MetadataAdapter] = [
        SIPRECAdapter(), FreeSWITCHCDRAdapter(), SidecarJSONAdapter(), AsteriskCDRAdapter(),
    ]

    /// The extensions a metadata file may have (lower case).
    public static let extensions: Set<String> = ["json", "csv", "xml"]

    /// The first adapter that reads the file, if any.
    public static func adapter(for relativePath: String, prefix: Data) -> (any MetadataAdapter)? {
        all.first { $0.canRead(relativePath: relativePath, prefix: prefix) }
    }
}

/// Small text helpers shared by the adapters and the scanner (a namespace, to stay clear of other
/// extensions in the module).
enum MetaText {
    /// The lower-cased extension of a path ("" if none).
    static func ext(_ path: String) -> String {
        let name = path.split(separator: "/", omittingEmptySubsequences: false).last.map(String.init) ?? path
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return "" }
        return String(name[name.index(after: dot)...]).lowercased()
    }

    /// The file name without folders and without its last extension.
    static func stem(_ path: String) -> String {
        let name = path.split(separator: "/", omittingEmptySubsequences: false).last.map(String.init) ?? path
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return name }
        return String(name[..<dot])
    }

    /// The folder part of a relative path ("" for the drop folder itself).
    static func folder(_ path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "" }
        return String(path[..<slash])
    }

    /// Trimmed of spaces and newlines; nil when nothing is left.
    static func trimmed(_ text: String?) -> String? {
        guard let t = text?.trimmingCharacters(in: .whitespacesAndNewlines), !t.isEmpty else { return nil }
        return t
    }

    /// Decodes UTF-8 strictly (a UTF-8 BOM is dropped); nil when the bytes are not UTF-8.
    static func utf8(_ data: Data) -> String? {
        var bytes = data
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
        return String(validating: bytes, as: UTF8.self)
    }

    static func isDigits(_ text: some StringProtocol) -> Bool {
        !text.isEmpty && text.utf8.allSatisfy { $0 >= 0x30 && $0 <= 0x39 }
    }
}

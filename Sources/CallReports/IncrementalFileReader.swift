import CallCatalog
import Crypto
import Foundation

/// The part of an import file not read before: whole lines after the stored read position, when the bytes up to
/// it are unchanged (same SHA-256); the whole file again when it was replaced or rotated (rows already stored are
/// recognised and not added twice). A last line without its newline is left for the next read (still being written).
public struct FileSlice: Sendable {
    public var text: String
    /// Line number of the first line of `text`.
    public var firstLine: Int
    /// Where the next read starts (to store with the rows).
    public var offset: ImportOffset
    /// The file no longer starts with what was read before: read again from the start.
    public var restarted: Bool
    /// The CSV header read earlier (continuing a grown file), or nil when `text` starts with it.
    public var header: [String]?
}

public enum IncrementalFileReader {
    public static func read(path: String, kind: String, previous: ImportOffset?, csvHeader: Bool, now: Date = Date()) throws -> FileSlice {
        var st = stat()
        guard stat(path, &st) == 0 else {
            throw ReportError(.cannotRead, "cannot read \(path) (\(String(cString: strerror(errno)))); check the path")
        }
        guard (st.st_mode & S_IFMT) == S_IFREG else { throw ReportError(.cannotRead, "\(path) is not a regular file") }
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
            throw ReportError(.cannotRead, "cannot read \(path) (\(error.localizedDescription))")
        }
        var start = 0, firstLine = 1, restarted = false
        var header: [String]? = nil
        if let previous, previous.byteOffset <= data.count,
           hex(SHA256.hash(data: data.prefix(Int(previous.byteOffset)))) == previous.prefixSHA256 {
            start = Int(previous.byteOffset)
            firstLine = previous.lines + 1
            if csvHeader, start > 0 { header = previous.header.flatMap { RecordCSV.fields(Substring($0)) } }
        } else if previous != nil {
            restarted = true
        }
        let end = (data.lastIndex(of: 0x0A).map { $0 + 1 }) ?? 0
        let consumed = max(start, end)
        let text = String(decoding: data[start..<consumed], as: UTF8.self)
        let newLines = text.utf8.reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
        var storedHeader = previous?.header
        if csvHeader, start == 0, let first = text.split(separator: "\n", maxSplits: 1).first { storedHeader = String(first) }
        let offset = ImportOffset(kind: kind, path: path, device: Int64(st.st_dev), inode: Int64(st.st_ino), byteOffset: Int64(consumed),
                                  prefixSHA256: hex(SHA256.hash(data: data.prefix(consumed))), lines: firstLine - 1 + newLines,
                                  header: storedHeader, updatedAt: now)
        // Drop the final empty piece after the last newline.
        return FileSlice(text: text.hasSuffix("\n") ? String(text.dropLast()) : text, firstLine: firstLine, offset: offset,
                         restarted: restarted, header: header)
    }

    static func hex<D: Sequence>(_ digest: D) -> String where D.Element == UInt8 {
        CallerHasher.hex(Array(digest))
    }
}

/// A failure of a report or import, saying what failed and what to do; never personal data.
public struct ReportError: Error, CustomStringConvertible, Sendable {
    public enum Code: String, Sendable {
        case cannotRead = "cannot-read"
        case badFile = "bad-file"
        case badArgument = "bad-argument"
        case cannotWrite = "cannot-write"
    }

    public var code: Code
    public var message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }
}

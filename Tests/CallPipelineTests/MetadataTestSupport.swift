import Foundation
import Testing
@testable import CallPipeline

/// Where the metadata tests find their inputs.
enum MetadataTestFiles {
    /// The package root, from this file's real location (symbolic links resolved).
    static let packageRoot = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static let fixtures = packageRoot.appendingPathComponent("Fixtures/metadata")

    /// `../shared/real-metadata` beside the checkout (absent on some machines: tests that need it are skipped,
    /// `.enabled(if: MetadataTestFiles.haveRealMetadata, MetadataTestFiles.skipReason)`, and say so in the report).
    static let realMetadata = packageRoot.deletingLastPathComponent()
        .appendingPathComponent("shared/real-metadata").standardizedFileURL

    static func fixture(_ name: String) throws -> Data {
        try Data(contentsOf: fixtures.appendingPathComponent(name))
    }

    /// The real file's data; throws when it cannot be read (tests that call this are skipped without the folder,
    /// so a file missing from it is a failure, not a silent pass).
    static func real(_ relative: String) throws -> Data {
        try Data(contentsOf: realMetadata.appendingPathComponent(relative))
    }

    static let skipReason: Comment = "needs ../shared/real-metadata beside the checkout (recorder metadata written by others)"

    static var haveRealMetadata: Bool {
        FileManager.default.fileExists(atPath: realMetadata.appendingPathComponent("README.md").path)
    }
}

/// A temporary folder removed when the value goes away.
final class MetadataTempFolder {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory
            .appendingPathComponent("nokchwi-metadata-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: url) }

    /// Writes `text` (or an empty placeholder) at a relative path, creating folders.
    @discardableResult
    func write(_ relative: String, _ text: String = "") throws -> URL {
        let file = url.appendingPathComponent(relative)
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: file)
        return file
    }
}

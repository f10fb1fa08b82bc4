import Foundation

/// Writes files under a root folder and remembers what it wrote.
final class DemoFileSink {
    let root: URL
    private(set) var written: [String] = []

    init(root: URL) { self.root = root }

    func path(_ relative: String) -> String { root.appendingPathComponent(relative).path }

    func makeFolder(for relative: String) throws(DemoDataError) {
        let folder = root.appendingPathComponent(relative).deletingLastPathComponent()
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw .io(path: folder.path, reason: "\(error)")
        }
    }

    func write(_ data: Data, to relative: String) throws(DemoDataError) {
        try makeFolder(for: relative)
        do {
            try data.write(to: root.appendingPathComponent(relative))
        } catch {
            throw .io(path: path(relative), reason: "\(error)")
        }
        record(relative)
    }

    func write(_ text: String, to relative: String) throws(DemoDataError) {
        try write(Data(text.utf8), to: relative)
    }

    /// Notes a file written by someone else (the audio writer).
    func record(_ relative: String) {
        if !written.contains(relative) { written.append(relative) }
    }
}

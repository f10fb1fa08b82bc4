import Foundation

/// The drop folder's files, found by a recursive walk that follows no symbolic link (links are listed as ignored). Lookups are by NFC name, so metadata written in NFC finds
/// a file stored in NFD and the other way round; every result keeps the on-disk spelling.
struct DropFolderIndex {
    struct AudioFile {
        /// Relative path as on disk.
        var path: String
        /// NFC folder of the file ("" for the drop folder itself).
        var folderKey: String
        /// NFC, lower-cased file name and stem (name without its extension).
        var nameKey: String
        var stemKey: String
    }

    /// The drop folder with symbolic links resolved.
    let rootPath: String
    private(set) var audio: [AudioFile] = []
    private(set) var metadata: [String] = []
    private(set) var ignored: [String] = []
    private(set) var byPath: [String: [Int]] = [:]
    private(set) var byStem: [String: [Int]] = [:]
    private(set) var byName: [String: [Int]] = [:]

    static func key(_ text: String) -> String { text.precomposedStringWithCanonicalMapping }
    static func lowerKey(_ text: String) -> String { text.precomposedStringWithCanonicalMapping.lowercased() }

    init(root: URL) throws(PipelineError) {
        let resolved = root.standardizedFileURL.resolvingSymlinksInPath().path
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: resolved, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw PipelineError(.dropFolderMissing, "the drop folder does not exist or is not a folder",
                                path: root.path)
        }
        rootPath = resolved
        walk("")
    }

    /// True when an absolute path (symbolic links resolved) lies inside the drop folder.
    func contains(absolutePath: String) -> Bool {
        absolutePath == rootPath || absolutePath.hasPrefix(rootPath == "/" ? "/" : rootPath + "/")
    }

    func absolutePath(_ relative: String) -> String {
        relative.isEmpty ? rootPath : rootPath + "/" + relative
    }

    /// Indices of audio files at this relative path (normally 0 or 1; 2 when NFC and NFD twins both exist).
    func audio(atPath relative: String) -> [Int] { byPath[Self.key(relative)] ?? [] }

    private mutating func walk(_ folder: String) {
        let fm = FileManager.default
        guard let names = try? fm.contentsOfDirectory(atPath: absolutePath(folder)) else {
            if !folder.isEmpty { ignored.append(folder) }
            return
        }
        for name in names.sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }) {
            let relative = folder.isEmpty ? name : folder + "/" + name
            if name.hasPrefix(".") {
                ignored.append(relative)
                continue
            }
            let absolute = absolutePath(relative)
            let type = (try? fm.attributesOfItem(atPath: absolute))?[.type] as? FileAttributeType
            switch type {
            case .typeDirectory?:
                walk(relative)
            case .typeRegular?:
                add(relative, folder: folder)
            case .typeSymbolicLink?:
                // Never followed, even to a file inside the folder: the ingest opens sources with O_NOFOLLOW.
                ignored.append(relative)
            default:
                ignored.append(relative)
            }
        }
    }

    private mutating func add(_ relative: String, folder: String) {
        let ext = MetaText.ext(relative)
        if AudioFileTypes.extensions.contains(ext) {
            let i = audio.count
            let name = String(relative.split(separator: "/").last ?? "")
            let file = AudioFile(path: relative, folderKey: Self.key(folder), nameKey: Self.lowerKey(name),
                                 stemKey: Self.lowerKey(MetaText.stem(name)))
            audio.append(file)
            byPath[Self.key(relative), default: []].append(i)
            byStem[file.stemKey, default: []].append(i)
            byName[file.nameKey, default: []].append(i)
        } else if MetadataAdapters.extensions.contains(ext) {
            metadata.append(relative)
        } else {
            ignored.append(relative)
        }
    }
}

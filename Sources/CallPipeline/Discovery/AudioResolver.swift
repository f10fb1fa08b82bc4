import CallModel
import Foundation

/// Turns a metadata record's `AudioReference` into a layout of files found in the drop folder.
/// Messages name the metadata key or the naming rule, never the file name a recorder may have built from a
/// phone number.
struct AudioResolver {
    struct Resolved {
        var layout: RecordingLayout
        /// Indices into the index's audio files.
        var files: [Int]
        var warnings: [String] = []
    }

    let index: DropFolderIndex
    let channelCount: (URL) -> Int?

    /// `callerChannel`: the caller's channel in one multi-channel file when the metadata says (nil: the other of
    /// channels 0 and 1).
    func resolve(_ reference: AudioReference, metadataPath: String, agentChannel: Int?, callerChannel: Int? = nil)
        throws(MetadataError) -> Resolved
    {
        let folder = MetaText.folder(metadataPath)
        func error(_ code: MetadataError.Code, _ reason: String) -> MetadataError {
            MetadataError(code, reason, path: metadataPath)
        }
        switch reference {
        case .file(let path):
            let i = try file(path, named: "`audio`", folder: folder, metadataPath: metadataPath)
            return single(i, agentChannel: agentChannel, callerChannel: callerChannel)
        case .legs(let agent, let caller):
            let a = try file(agent, named: "`legs.agent`", folder: folder, metadataPath: metadataPath)
            let c = try file(caller, named: "`legs.caller`", folder: folder, metadataPath: metadataPath)
            guard a != c else { throw error(.malformed, "`legs.agent` and `legs.caller` name the same file") }
            return Resolved(layout: .legs(agent: index.audio[a].path, caller: index.audio[c].path), files: [a, c])
        case .stem(let stem, let legs, let scope):
            let singles = try pick(index.byStem[DropFolderIndex.lowerKey(stem)] ?? [], scope: scope, folder: folder,
                                   what: "recording named after it", metadataPath: metadataPath)
            if let one = singles { return single(one, agentChannel: agentChannel, callerChannel: callerChannel) }
            for naming in legs {
                let firsts = index.byStem[DropFolderIndex.lowerKey(stem + naming.firstSuffix)] ?? []
                let seconds = index.byStem[DropFolderIndex.lowerKey(stem + naming.secondSuffix)] ?? []
                let first = try pick(firsts, scope: scope, folder: folder, what: "leg file", metadataPath: metadataPath)
                let second = try pick(seconds, scope: scope, folder: folder, what: "leg file", metadataPath: metadataPath)
                switch (first, second) {
                case (let f?, let s?):
                    let (fp, sp) = (index.audio[f].path, index.audio[s].path)
                    let layout: RecordingLayout = naming.rolesKnown ? .legs(agent: fp, caller: sp)
                        : .unassignedLegs(first: fp, second: sp)
                    return Resolved(layout: layout, files: [f, s])
                case (nil, nil):
                    continue
                default:
                    throw error(.missingAudio, "only one of the two leg files (\(naming.firstSuffix), "
                        + "\(naming.secondSuffix)) is in the drop folder; wait for the other or remove the metadata")
                }
            }
            let legText = legs.map { " or \($0.firstSuffix) + \($0.secondSuffix) legs" }.joined()
            let whereText = scope == .besideMetadata ? "beside it" : "in the drop folder"
            throw error(.missingAudio, "no recording named after it (one audio file\(legText)) is \(whereText)")
        case .basename(let name):
            guard let i = try pick(index.byName[DropFolderIndex.lowerKey(name)] ?? [], scope: .anywhere,
                                   folder: folder, what: "recording it names", metadataPath: metadataPath)
            else { throw error(.missingAudio, "the recording file it names is not in the drop folder") }
            return single(i, agentChannel: agentChannel, callerChannel: callerChannel)
        case .anyOf(let alternatives):
            var missing: MetadataError?
            for alternative in alternatives {
                do throws(MetadataError) {
                    return try resolve(alternative, metadataPath: metadataPath, agentChannel: agentChannel,
                                       callerChannel: callerChannel)
                } catch where error.code == .missingAudio {
                    missing = missing ?? error
                }
            }
            throw missing ?? error(.missingAudio, "names no recording")
        }
    }

    /// One file: mono if the probe says one channel, stereo otherwise (including when the probe cannot tell:
    /// the pipeline checks the channel count again when it decodes). The archive takes the agent's channel and
    /// the other of channels 0 and 1 as the caller's: when the metadata puts the caller elsewhere (a SIPREC
    /// agent with two streams before the caller's), the parties are left unknown rather than guessed.
    private func single(_ i: Int, agentChannel: Int?, callerChannel: Int?) -> Resolved {
        let path = index.audio[i].path
        let channels = channelCount(URL(fileURLWithPath: index.absolutePath(path)))
        if channels == 1 { return Resolved(layout: .mono(file: path), files: [i]) }
        func unknown(_ warning: String) -> Resolved {
            Resolved(layout: .stereo(file: path, agentChannel: nil), files: [i], warnings: [warning])
        }
        if let agentChannel, let channels, agentChannel >= channels {
            return unknown("the agent channel \(agentChannel) is not in a \(channels)-channel file; agent unknown")
        }
        if let agentChannel, let callerChannel, Set([agentChannel, callerChannel]) != [0, 1] {
            if let channels, callerChannel >= channels {
                return unknown("the caller's stream (channel \(callerChannel) by stream order) is not in a "
                    + "\(channels)-channel file: its other channel is another stream, not the caller's; agent unknown")
            }
            return unknown("the agent's and the caller's streams are channels \(agentChannel) and \(callerChannel) "
                + "by stream order, not channels 0 and 1; agent unknown")
        }
        return Resolved(layout: .stereo(file: path, agentChannel: agentChannel), files: [i])
    }

    /// The one file among `matches` in scope: beside the metadata first; anywhere else only if unique.
    private func pick(_ matches: [Int], scope: SearchScope, folder: String, what: String,
                      metadataPath: String) throws(MetadataError) -> Int? {
        let beside = matches.filter { index.audio[$0].folderKey == DropFolderIndex.key(folder) }
        let pool = !beside.isEmpty || scope == .besideMetadata ? beside : matches
        guard pool.count <= 1 else {
            throw MetadataError(.ambiguous, "\(pool.count) audio files fit the \(what) (other extensions or "
                + "other folders); keep one, or name it in the metadata", path: metadataPath)
        }
        return pool.first
    }

    /// A path named by the metadata, relative to its folder (or absolute inside the drop folder).
    private func file(_ path: String, named key: String, folder: String, metadataPath: String) throws(MetadataError)
        -> Int
    {
        func outside(_ why: String) -> MetadataError {
            MetadataError(.pathOutsideDropFolder, "\(key) \(why); paths must stay inside the drop folder",
                          path: metadataPath)
        }
        var parts: [Substring]
        if path.hasPrefix("/") {
            // The folder part with links resolved (the drop folder itself may be reached through a link).
            let url = URL(fileURLWithPath: path).standardizedFileURL
            let standardized = url.deletingLastPathComponent().resolvingSymlinksInPath().path + "/"
                + url.lastPathComponent
            guard index.contains(absolutePath: standardized) else { throw outside("is an absolute path elsewhere") }
            parts = standardized.dropFirst(index.rootPath.count).split(separator: "/")
        } else {
            parts = folder.split(separator: "/")
            for part in path.split(separator: "/") {
                if part == "." || part.isEmpty { continue }
                if part == ".." {
                    guard !parts.isEmpty else { throw outside("leads out of the drop folder with `..`") }
                    parts.removeLast()
                } else {
                    parts.append(part)
                }
            }
        }
        let relative = parts.joined(separator: "/")
        let found = index.audio(atPath: relative)
        if found.count == 1 { return found[0] }
        if found.count > 1 {
            throw MetadataError(.ambiguous, "\(key) fits \(found.count) files whose names differ only in Unicode "
                + "normalization (NFC/NFD); rename one", path: metadataPath)
        }
        let real = URL(fileURLWithPath: index.absolutePath(relative)).resolvingSymlinksInPath().path
        if FileManager.default.fileExists(atPath: real), !index.contains(absolutePath: real) {
            throw outside("goes through a symbolic link that leads out of the drop folder")
        }
        let reason = AudioFileTypes.isAudio(relative)
            ? "names a file that is not in the drop folder (or is reached through a linked folder, not followed)"
            : "does not name an audio file (\(AudioFileTypes.extensions.sorted().joined(separator: ", ")))"
        throw MetadataError(.missingAudio, "\(key) \(reason)", path: metadataPath)
    }
}

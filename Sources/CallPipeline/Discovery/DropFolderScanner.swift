import CallModel
import Foundation

/// Finds the calls in a drop folder: walks it, reads every metadata file with its adapter, pairs each record
/// with its audio, and turns the audio nothing described into calls without metadata.
///
/// The scanner never opens an audio file: whether a single file is mono or stereo comes from the injected
/// `channelCount` probe (the pipeline passes a libsndfile header probe; tests pass a stub). When the probe
/// returns nil (cannot tell) the file is listed as stereo, and the pipeline must treat a one-channel file it
/// decodes as mono. Paths stay in their on-disk spelling (NFC or NFD) so they can be opened; lookups compare
/// NFC forms, and `CallCandidate.displayFiles` gives NFC for display.
///
/// When two metadata files describe the same audio, the more specific wins: sidecar JSON, then SIPREC, then
/// FreeSWITCH, then Asterisk CSV. A losing per-call file is rejected as `ambiguous`; a losing CSV line is only
/// listed among the candidate's metadata files.
public struct DropFolderScanner: Sendable {
    public let root: URL
    public let settings: MetadataSettings
    public let adapters: [any MetadataAdapter]
    let channelCount: @Sendable (URL) -> Int?

    /// `channelCount` receives the absolute file URL (on-disk spelling) and returns its channel count, or nil.
    public init(root: URL, settings: MetadataSettings = MetadataSettings(),
                adapters: [any MetadataAdapter] = MetadataAdapters.all,
                channelCount: @escaping @Sendable (URL) -> Int? = { _ in nil }) {
        self.root = root
        self.settings = settings
        self.adapters = adapters
        self.channelCount = channelCount
    }

    public func scan() throws(PipelineError) -> DropFolderScan {
        let index = try DropFolderIndex(root: root)
        let resolver = AudioResolver(index: index, channelCount: channelCount)
        var scan = DropFolderScan(ignored: index.ignored)
        var parsed: [(path: String, format: MetadataFormat, records: [MetadataRecord])] = []
        for path in index.metadata {
            switch read(path, index: index) {
            case .success(nil):
                scan.ignored.append(path)
            case .success(let (format, result)?):
                scan.rejections += result.rejectedLines.map(ScanRejection.init)
                parsed.append((path, format, result.records))
            case .failure(let error):
                scan.rejections.append(ScanRejection(error))
            }
        }
        let priority: [MetadataFormat] = [.sidecarJSON, .siprec, .freeswitchCDR, .asteriskCDR]
        let rank = { (format: MetadataFormat) in priority.firstIndex(of: format) ?? priority.count }
        parsed.sort { (rank($0.format), $0.path) < (rank($1.format), $1.path) }

        var owner: [Int: Int] = [:]  // audio file -> candidate index
        for (path, _, records) in parsed {
            for record in records {
                let resolved: AudioResolver.Resolved
                do throws(MetadataError) {
                    resolved = try resolver.resolve(record.audio, metadataPath: path,
                                                    agentChannel: record.metadata.agentChannel,
                                                    callerChannel: record.callerChannel)
                } catch {
                    // A CDR line whose recording is absent is simply not a call to archive now; other problems
                    // with a line (ambiguous names) are reported against that line.
                    if record.audioRequired {
                        scan.rejections.append(ScanRejection(error))
                    } else if error.code != .missingAudio {
                        var lineError = error
                        lineError.line = record.line
                        scan.rejections.append(ScanRejection(lineError))
                    }
                    continue
                }
                if let taken = resolved.files.lazy.compactMap({ owner[$0] }).first {
                    if record.audioRequired {
                        let other = scan.candidates[taken].metadataFiles.first.map { " by \($0)" } ?? ""
                        scan.rejections.append(ScanRejection(MetadataError(.ambiguous,
                            "its recording is already described\(other), which was used; remove one of the two",
                            path: path)))
                    } else if !scan.candidates[taken].metadataFiles.contains(path) {
                        scan.candidates[taken].metadataFiles.append(path)
                    }
                    continue
                }
                var metadata = record.metadata
                metadata.warnings += resolved.warnings
                if case .stereo(_, let channel) = resolved.layout { metadata.agentChannel = channel } else {
                    metadata.agentChannel = nil
                }
                for file in resolved.files { owner[file] = scan.candidates.count }
                scan.candidates.append(CallCandidate(layout: resolved.layout, metadata: metadata, metadataFiles: [path]))
            }
        }

        let unclaimed = index.audio.indices.filter { owner[$0] == nil }
        let groups = LegGrouping.group(unclaimed, in: index)
        for (first, second, known) in groups.pairs {
            let (a, b) = (index.audio[first].path, index.audio[second].path)
            let layout: RecordingLayout = known ? .legs(agent: a, caller: b) : .unassignedLegs(first: a, second: b)
            scan.candidates.append(CallCandidate(layout: layout))
        }
        for i in groups.singles {
            let path = index.audio[i].path
            let channels = channelCount(URL(fileURLWithPath: index.absolutePath(path)))
            let layout: RecordingLayout = channels == 1 ? .mono(file: path) : .stereo(file: path, agentChannel: nil)
            scan.candidates.append(CallCandidate(layout: layout))
        }

        scan.candidates.sort { Self.precedes($0.layout.files.first ?? "", $1.layout.files.first ?? "") }
        scan.rejections.sort { ($0.relativePath, $0.line ?? 0) < ($1.relativePath, $1.line ?? 0) }
        scan.ignored.sort(by: Self.precedes)
        return scan
    }

    /// Reads one metadata file with the first adapter that accepts it (nil when none does). Reads at most
    /// `max_metadata_bytes` + 1 bytes, whatever the file claims.
    func read(_ path: String, index: DropFolderIndex) -> Result<(MetadataFormat, MetadataParseResult)?, MetadataError> {
        let real = URL(fileURLWithPath: index.absolutePath(path)).resolvingSymlinksInPath().path
        let limit = settings.maxMetadataBytes
        func tooLarge() -> MetadataError {
            MetadataError(.tooLarge, "is larger than metadata.max_metadata_bytes (\(limit) bytes); split it or "
                + "raise the limit", path: path)
        }
        let size = (try? FileManager.default.attributesOfItem(atPath: real))?[.size] as? NSNumber
        if let size, size.int64Value > Int64(limit) { return .failure(tooLarge()) }
        guard let handle = FileHandle(forReadingAtPath: real), let data = try? handle.read(upToCount: limit + 1) ?? Data()
        else {
            return .failure(MetadataError(.unreadable, "cannot be read; check its permissions", path: path))
        }
        try? handle.close()
        guard data.count <= limit else { return .failure(tooLarge()) }
        // Adapters see the whole file: a FreeSWITCH CDR's `variables` may come after a long `callStats`.
        guard let adapter = adapters.first(where: { $0.canRead(relativePath: path, prefix: data) }) else {
            return .success(nil)
        }
        do throws(MetadataError) {
            return .success((adapter.format, try adapter.parse(data: data, relativePath: path, settings: settings)))
        } catch {
            return .failure(error)
        }
    }

    /// Deterministic order: NFC form first (so NFC and NFD spellings sort together), then the on-disk bytes.
    static func precedes(_ a: String, _ b: String) -> Bool {
        let (na, nb) = (a.precomposedStringWithCanonicalMapping, b.precomposedStringWithCanonicalMapping)
        if na.utf8.elementsEqual(nb.utf8) { return a.utf8.lexicographicallyPrecedes(b.utf8) }
        return na.utf8.lexicographicallyPrecedes(nb.utf8)
    }
}

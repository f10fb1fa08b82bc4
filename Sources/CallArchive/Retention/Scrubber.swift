import CallAudio
import CallCatalog
import CallModel
import Crypto
import Foundation

/// Re-verifies the archive (`nokchwi scrub`): every call that is not destroyed has its file present, with the
/// SHA-256 the catalog recorded, decrypting completely (every segment authenticates with the data key unwrapped
/// through `keys`) to an Ogg Opus stream that parses; then every file under `archive/` is matched to a call, to
/// find orphans and files left by a killed purge. Reads files in bounded pieces, never whole; changes no file.
/// Appends one `scrub` audit entry with the counts.
public struct Scrubber: Sendable {
    public let catalog: Catalog
    public let store: ArchiveStore
    public let keys: any KeyProvider
    public let clock: any WallClock
    public let options: ScrubOptions

    public init(catalog: Catalog, store: ArchiveStore, keys: any KeyProvider, clock: any WallClock, options: ScrubOptions) {
        self.catalog = catalog
        self.store = store
        self.keys = keys
        self.clock = clock
        self.options = options
    }

    /// Runs the scrub; `progress` sees every archive checked (ok or not).
    public func run(progress: ((ScrubItem) -> Void)? = nil) throws -> ScrubReport {
        let startedAt = clock.now()
        var counts = Dictionary(uniqueKeysWithValues: ScrubStatus.allCases.map { ($0.rawValue, 0) })
        var problems: [ScrubItem] = []
        var checked = 0
        var bytes: Int64 = 0
        var after: CallID = ""
        while true {
            let page = try catalog.archivedCalls(afterCallID: after, limit: options.pageSize)
            for (callID, archive) in page {
                let (item, read) = try check(callID: callID, archive: archive)
                checked += 1
                bytes += read
                counts[item.status.rawValue, default: 0] += 1
                if item.status != .ok { problems.append(item) }
                progress?(item)
            }
            guard let last = page.last, page.count == options.pageSize else { break }
            after = last.callID
        }
        let (orphans, leftovers) = try strayFiles()
        let finishedAt = max(clock.now(), startedAt)
        var detail = counts.mapValues(String.init)
        detail["checked"] = String(checked)
        detail["orphans"] = String(orphans.count)
        detail["purged_leftovers"] = String(leftovers.count)
        try catalog.appendAudit(AuditDraft(at: finishedAt, account: options.account, sourceAddress: options.sourceAddress,
                                           action: .scrub, detail: detail))
        return ScrubReport(startedAt: startedAt, finishedAt: finishedAt, checked: checked, bytesChecked: bytes,
                           counts: counts, problems: problems, orphans: orphans, purgedLeftovers: leftovers)
    }

    /// Checks one archive; returns its item and the bytes hashed.
    func check(callID: CallID, archive: ArchiveRef) throws -> (ScrubItem, Int64) {
        var item = ScrubItem(callID: callID, archivePath: archive.relativePath, format: archive.format, status: .ok)
        func result(_ status: ScrubStatus, _ message: String?) -> ScrubItem {
            item.status = status
            item.message = message
            return item
        }
        let path = try store.absolutePath(archive.relativePath)
        guard FileManager.default.fileExists(atPath: path) else {
            return (result(.missing, "the archive file is missing; restore it from backup"), 0)
        }
        let hashed: (sha256: String, bytes: Int64)
        do {
            hashed = try ContentHasher.hashFile(atPath: path)
        } catch {
            return (result(.missing, "the archive file cannot be read (\(error)); check its permissions"), 0)
        }
        item.hashMatches = hashed.sha256 == archive.sha256
        let source: any ArchiveByteSource
        do {
            let file = try FileByteSource(path: path)
            switch archive.format {
            case .oggOpus:
                source = file
            case .encryptedV1:
                guard let record = try catalog.archiveKey(callID: callID) else {
                    return (result(.keyMissing, "the catalog holds no data key for this encrypted archive: it cannot be "
                        + "read; restore the catalog from backup"), hashed.bytes)
                }
                let dataKey: SymmetricKey
                do {
                    dataKey = try keys.unwrap(WrappedDataKey(kekID: record.kekID, wrapped: record.wrappedKey))
                } catch let error as ArchiveError {
                    let status: ScrubStatus = error.code == .wrongKey ? .wrongKey : .keyMissing
                    return (result(status, error.message), hashed.bytes)
                }
                _ = try EncryptedArchiveSource.verifyAll(ciphertext: file, dataKey: dataKey, path: archive.relativePath)
                source = try EncryptedArchiveSource(ciphertext: file, dataKey: dataKey, path: archive.relativePath)
            }
            try parse(source, archive: archive)
        } catch let error as ArchiveError {
            return (result(.tampered, error.message), hashed.bytes)
        } catch let error as AudioError {
            return (result(.tampered, "the Ogg Opus stream does not parse (\(error.code.rawValue): \(error.message)); "
                + "restore the file from backup"), hashed.bytes)
        }
        if item.hashMatches == false {
            return (result(.hashMismatch, "the file is intact but its SHA-256 is not the one the catalog recorded: the "
                + "file was replaced, or the catalog's hash was changed; compare with the backup"), hashed.bytes)
        }
        return (item, hashed.bytes)
    }

    /// Opens the Ogg Opus stream (headers and final granule) and, with `decodeAudio`, decodes every packet.
    private func parse(_ source: any ArchiveByteSource, archive: ArchiveRef) throws {
        let reader = try OpusArchiveReader(source: source, path: archive.relativePath)
        guard reader.channels == archive.channels else {
            throw AudioError(.corruptStream, "the stream has \(reader.channels) channels, the catalog says \(archive.channels)")
        }
        guard options.decodeAudio else { return }
        while try !reader.read(maxFrames: 4096).isEmpty {}
    }

    /// Files under `archive/` (hidden ones, like `.incoming`, excepted) that no live call names.
    private func strayFiles() throws -> (orphans: [String], leftovers: [String]) {
        var orphans: [String] = [], leftovers: [String] = []
        guard let walker = FileManager.default.enumerator(atPath: store.root.path) else { return ([], []) }
        while let relative = walker.nextObject() as? String {
            let name = (relative as NSString).lastPathComponent
            if name.hasPrefix(".") {
                if walker.fileAttributes?[.type] as? FileAttributeType == .typeDirectory { walker.skipDescendants() }
                continue
            }
            guard walker.fileAttributes?[.type] as? FileAttributeType == .typeRegular else { continue }
            switch try catalog.archivePathUse(relative) {
            case .unreferenced: orphans.append(relative)
            case .purged: leftovers.append(relative)
            case .live: break
            }
        }
        return (orphans.sorted(), leftovers.sorted())
    }
}

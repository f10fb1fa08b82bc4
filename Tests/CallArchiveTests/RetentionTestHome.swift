import CallArchive
import CallAudio
import CallCatalog
import CallModel
import Foundation

let purgeT0 = Date(timeIntervalSince1970: 1_795_400_000)  // 2026-11-23 11:13:20 KST
let oneDay: TimeInterval = 86_400

/// Stops a purge where a test wants it killed.
struct SimulatedKill: Error {}

/// A temporary home with a file catalog, in-memory keys and real (tiny) Ogg Opus archives, removed at the end.
final class RetentionHome {
    let folder: TemporaryFolder
    let home: NokchwiHome
    let catalog: Catalog
    let keys: InMemoryKeyProvider
    let store: ArchiveStore

    init() throws {
        folder = try TemporaryFolder()
        home = NokchwiHome(root: folder.url)
        try home.prepare()
        catalog = try Catalog(path: home.catalogPath)
        keys = InMemoryKeyProvider([.generate(at: purgeT0)])
        store = ArchiveStore(root: home.archiveRoot)
    }

    static func callID(_ n: Int) -> CallID { CallID(rawValue: String(format: "20261123-%010d", n)) }

    /// Archives call `n` (half a second of stereo tone; encrypted unless `encrypted` is false) and commits it,
    /// started at `start`, ingested a minute later, expiring `expires` days after its start.
    @discardableResult
    func addCall(_ n: Int, expires: Double, start: Date = purgeT0, encrypted: Bool = true) throws -> Call {
        let id = Self.callID(n)
        let file = try store.begin()
        var keyRecord: ArchiveKeyRecord?
        let summary: OpusArchiveSummary
        if encrypted {
            let (sealer, wrapped) = try ArchiveSealer.start(keys: keys, segmentSize: 1024) { try file.write($0) }
            summary = try Self.encodeTone(id: id) { try sealer.write($0) }
            try sealer.finish()
            keyRecord = ArchiveKeyRecord(kekID: wrapped.kekID, wrappedKey: wrapped.wrapped, fileID: sealer.header.fileID)
        } else {
            summary = try Self.encodeTone(id: id) { try file.write($0) }
        }
        let relative = try store.commit(file, day: ArchiveDay(year: 2026, month: 11, day: 23))
        let metadata = CallMetadata(externalID: "pbx-\(n)", startTime: start, agentID: "A017", team: "team-2",
                                    department: "water", category: "water-bill", tags: ["general"], direction: .inbound,
                                    callerNumber: "010-1234-\(String(format: "%04d", n))",
                                    events: [CallEvent(kind: .transfer, start: 0.2, detail: "department:water")],
                                    format: .sidecarJSON)
        let call = Call(
            id: id, sourceSHA256: String(format: "%064d", n), runID: nil, metadata: metadata, flags: [], layout: .stereo,
            agentChannel: 0,
            archive: ArchiveRef(relativePath: relative, sha256: file.sha256, bytes: file.bytesWritten, sampleRate: 8000,
                                channels: 2, frames: summary.frames, bitratePerChannel: 12000,
                                format: encrypted ? .encryptedV1 : .oggOpus),
            durationSeconds: Double(summary.frames) / 8000, ingestedAt: start.addingTimeInterval(60),
            legs: [Leg(index: 0, party: nil, sourcePath: "drop/010-1234-\(n).wav", sourceSHA256: String(format: "%064d", n),
                       sourceBytes: 100, container: "WAV", encoding: "ULAW", sampleRate: 8000, channels: 2, frames: 4000)],
            metadataFiles: ["drop/010-1234-\(n).json"])
        _ = try catalog.commit(call, archiveKey: keyRecord,
                               retention: RetentionAssignment(className: "general", expiresAt: start.addingTimeInterval(expires * oneDay)))
        return call
    }

    func path(_ call: Call) throws -> String { try store.absolutePath(call.archive.relativePath) }

    func exists(_ call: Call) throws -> Bool { FileManager.default.fileExists(atPath: try path(call)) }

    func runner(at date: Date, maximumClockLead: TimeInterval? = nil, policy: RetentionPolicy = .standard) -> PurgeRunner {
        PurgeRunner(home: home, catalog: catalog, policy: policy, clock: FixedWallClock(date),
                    options: PurgeOptions(operatorAccount: "arch1", sourceAddress: "local:uid=1000",
                                          maximumClockLead: maximumClockLead, pageSize: 2))
    }

    func certificateFiles() -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: home.certificatesDirectory.path)) ?? []).sorted()
    }

    /// Half a second of stereo tone as Ogg Opus, tagged with the call id (so every archive's bytes differ).
    static func encodeTone(id: CallID, into sink: @escaping (UnsafeRawBufferPointer) throws -> Void) throws -> OpusArchiveSummary {
        let writer = try OpusArchiveWriter(sampleRate: 8000, channels: 2, serialNumber: 9, comments: [("NOKCHWI_CALL_ID", id.rawValue)],
                                           sink: sink)
        let samples = (0..<4000).flatMap { i -> [Float] in
            let t = Double(i) / 8000
            return [Float(0.4 * sin(2 * Double.pi * 300 * t)), Float(0.3 * sin(2 * Double.pi * 700 * t))]
        }
        try samples.withUnsafeBufferPointer { try writer.write(interleaved: $0, frames: 4000) }
        return try writer.finish()
    }
}

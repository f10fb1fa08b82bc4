import CallModel
import Foundation
import GRDB

/// A row of the `call` table (retention columns are kept by `Catalog+Retention`, not here).
struct CallRecord: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "call"

    var id: CallID
    var sourceSHA256: String
    var runID: Int64?
    var externalID: String?
    var startedAt: String?
    var endedAt: String?
    var agentID: String?
    var team: String?
    var department: String?
    var category: String?
    var tags: String
    var direction: String
    var callerNumber: String?
    var reportedHoldS: Double?
    var metadataFormat: String
    var metadataWarnings: String
    var metadataFiles: String
    var layout: String
    var agentChannel: Int?
    var sourceAgentChannel: Int?
    var flags: String
    var durationS: Double
    var ingestedAt: String
    var archivePath: String
    var archiveSHA256: String
    var archiveBytes: Int64
    var archiveRate: Int
    var archiveChannels: Int
    var archiveFrames: Int64
    var bitratePerChannel: Int
    var archiveFormat: String
    /// Sealed personal fields (opaque bytes, `SealedPersonalRecord`) and the caller number's keyed hash.
    var callerSealed: Data?
    var warningsSealed: Data?
    var callerHash: String?

    enum CodingKeys: String, CodingKey {
        case id, sourceSHA256 = "source_sha256", runID = "run_id", externalID = "external_id", startedAt = "started_at"
        case endedAt = "ended_at", agentID = "agent_id", team, department, category, tags, direction
        case callerNumber = "caller_number", reportedHoldS = "reported_hold_s", metadataFormat = "metadata_format"
        case metadataWarnings = "metadata_warnings", metadataFiles = "metadata_files", layout
        case agentChannel = "agent_channel", sourceAgentChannel = "source_agent_channel", flags, durationS = "duration_s"
        case ingestedAt = "ingested_at", archivePath = "archive_path", archiveSHA256 = "archive_sha256"
        case archiveBytes = "archive_bytes", archiveRate = "archive_rate", archiveChannels = "archive_channels"
        case archiveFrames = "archive_frames", bitratePerChannel = "bitrate_per_channel", archiveFormat = "archive_format"
        case callerSealed = "caller_sealed", warningsSealed = "warnings_sealed", callerHash = "caller_hash"
    }

    init(_ call: Call) {
        let m = call.metadata
        id = call.id
        sourceSHA256 = call.sourceSHA256
        runID = call.runID
        externalID = m.externalID
        startedAt = m.startTime.map(CatalogDates.string)
        endedAt = m.endTime.map(CatalogDates.string)
        agentID = m.agentID
        team = m.team
        department = m.department
        category = m.category
        tags = CatalogJSON.encode(m.tags)
        direction = m.direction.rawValue
        callerNumber = m.callerNumber
        reportedHoldS = m.reportedHoldSeconds
        metadataFormat = m.format.rawValue
        metadataWarnings = CatalogJSON.encode(m.warnings)
        metadataFiles = CatalogJSON.encode(call.metadataFiles)
        layout = call.layout.rawValue
        agentChannel = call.agentChannel
        sourceAgentChannel = m.agentChannel
        flags = CatalogJSON.encode(call.flags.map(\.rawValue))
        durationS = call.durationSeconds
        ingestedAt = CatalogDates.string(call.ingestedAt)
        archivePath = call.archive.relativePath
        archiveSHA256 = call.archive.sha256
        archiveBytes = call.archive.bytes
        archiveRate = call.archive.sampleRate
        archiveChannels = call.archive.channels
        archiveFrames = call.archive.frames
        bitratePerChannel = call.archive.bitratePerChannel
        archiveFormat = call.archive.format.rawValue
    }

    /// The call, with its legs and events; a stored JSON list that no longer parses is reported as corrupt.
    func call(legs: [LegRecord], events: [CallEventRecord]) throws -> Call {
        let metadata = CallMetadata(
            externalID: externalID, startTime: CatalogDates.date(startedAt), endTime: CatalogDates.date(endedAt),
            agentID: agentID, team: team, department: department, category: category,
            tags: try CatalogJSON.decode([String].self, tags, what: "tags of call \(id)"),
            direction: CallDirection(rawValue: direction) ?? .unknown, callerNumber: callerNumber,
            agentChannel: sourceAgentChannel, events: events.map(\.event), reportedHoldSeconds: reportedHoldS,
            format: MetadataFormat(rawValue: metadataFormat) ?? .none,
            warnings: try CatalogJSON.decode([String].self, metadataWarnings, what: "metadata warnings of call \(id)"))
        let flags = try CatalogJSON.decode([String].self, flags, what: "flags of call \(id)").compactMap(CallFlag.init(rawValue:))
        let archive = ArchiveRef(
            relativePath: archivePath, sha256: archiveSHA256, bytes: archiveBytes, sampleRate: archiveRate,
            channels: archiveChannels, frames: archiveFrames, bitratePerChannel: bitratePerChannel,
            format: ArchiveRef.ArchiveFormat(rawValue: archiveFormat) ?? .oggOpus)
        return Call(
            id: id, sourceSHA256: sourceSHA256, runID: runID, metadata: metadata, flags: flags,
            layout: Call.LayoutKind(rawValue: layout) ?? .stereo, agentChannel: agentChannel, archive: archive,
            durationSeconds: durationS, ingestedAt: CatalogDates.date(ingestedAt) ?? Date(timeIntervalSince1970: 0),
            legs: legs.map(\.leg),
            metadataFiles: try CatalogJSON.decode([String].self, metadataFiles, what: "metadata files of call \(id)"))
    }
}

/// A row of the `leg` table: one source file of a call.
struct LegRecord: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "leg"

    var callID: CallID
    var legIndex: Int
    var party: String?
    var sourcePath: String
    var sourceSHA256: String
    var sourceBytes: Int64
    var container: String
    var encoding: String
    var sampleRate: Int
    var channels: Int
    var frames: Int64

    enum CodingKeys: String, CodingKey {
        case callID = "call_id", legIndex = "leg_index", party, sourcePath = "source_path", sourceSHA256 = "source_sha256"
        case sourceBytes = "source_bytes", container, encoding, sampleRate = "sample_rate", channels, frames
    }

    init(_ leg: Leg, callID: CallID) {
        self.callID = callID
        legIndex = leg.index
        party = leg.party?.rawValue
        sourcePath = leg.sourcePath
        sourceSHA256 = leg.sourceSHA256
        sourceBytes = leg.sourceBytes
        container = leg.container
        encoding = leg.encoding
        sampleRate = leg.sampleRate
        channels = leg.channels
        frames = leg.frames
    }

    var leg: Leg {
        Leg(index: legIndex, party: party.flatMap(Party.init(rawValue:)), sourcePath: sourcePath, sourceSHA256: sourceSHA256,
            sourceBytes: sourceBytes, container: container, encoding: encoding, sampleRate: sampleRate, channels: channels,
            frames: frames)
    }
}

/// A row of the `call_event` table: hold, transfer, ... as the metadata reported them.
struct CallEventRecord: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "call_event"

    var id: Int64?
    var callID: CallID
    var kind: String
    var startS: Double
    var endS: Double?
    var detail: String?
    /// The detail sealed (opaque bytes); `detail` is then nil.
    var detailSealed: Data?

    enum CodingKeys: String, CodingKey {
        case id, callID = "call_id", kind, startS = "start_s", endS = "end_s", detail, detailSealed = "detail_sealed"
    }

    init(_ event: CallEvent, callID: CallID) {
        self.callID = callID
        kind = event.kind.rawValue
        startS = event.start
        endS = event.end
        detail = event.detail
    }

    var event: CallEvent {
        CallEvent(kind: CallEvent.Kind(rawValue: kind) ?? .note, start: startS, end: endS, detail: detail)
    }
}

import CallModel
import Foundation
import GRDB

/// Maps a `Call` to and from the `call`, `leg` and `call_event` tables.
enum CallRow {
    static func insert(_ call: Call, into db: Database) throws {
        let m = call.metadata
        try db.execute(sql: """
            INSERT INTO call (id, source_sha256, run_id, external_id, started_at, ended_at, agent_id, team, department,
                category, tags, direction, caller_number, reported_hold_s, metadata_format, metadata_warnings,
                metadata_files, layout, agent_channel, source_agent_channel, flags, duration_s, ingested_at, archive_path, archive_sha256,
                archive_bytes, archive_rate, archive_channels, archive_frames, bitrate_per_channel, archive_format)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [
                call.id, call.sourceSHA256, call.runID, m.externalID, m.startTime.map(CatalogDates.string),
                m.endTime.map(CatalogDates.string), m.agentID, m.team, m.department, m.category,
                CatalogJSON.encode(m.tags), m.direction.rawValue, m.callerNumber, m.reportedHoldSeconds,
                m.format.rawValue, CatalogJSON.encode(m.warnings), CatalogJSON.encode(call.metadataFiles),
                call.layout.rawValue, call.agentChannel, m.agentChannel, CatalogJSON.encode(call.flags.map(\.rawValue)),
                call.durationSeconds, CatalogDates.string(call.ingestedAt), call.archive.relativePath,
                call.archive.sha256, call.archive.bytes, call.archive.sampleRate, call.archive.channels,
                call.archive.frames, call.archive.bitratePerChannel, call.archive.format.rawValue,
            ])
        for leg in call.legs {
            try db.execute(sql: """
                INSERT INTO leg (call_id, leg_index, party, source_path, source_sha256, source_bytes, container, encoding,
                    sample_rate, channels, frames) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [call.id, leg.index, leg.party?.rawValue, leg.sourcePath, leg.sourceSHA256, leg.sourceBytes,
                                 leg.container, leg.encoding, leg.sampleRate, leg.channels, leg.frames])
        }
        for event in m.events {
            try db.execute(sql: "INSERT INTO call_event (call_id, kind, start_s, end_s, detail) VALUES (?, ?, ?, ?, ?)",
                           arguments: [call.id, event.kind.rawValue, event.start, event.end, event.detail])
        }
    }

    static func call(from row: Row, db: Database) throws -> Call {
        let id: String = row["id"]
        let legs = try Row.fetchAll(db, sql: "SELECT * FROM leg WHERE call_id = ? ORDER BY leg_index", arguments: [id]).map { r in
            Leg(index: r["leg_index"], party: (r["party"] as String?).flatMap(Party.init(rawValue:)),
                sourcePath: r["source_path"], sourceSHA256: r["source_sha256"], sourceBytes: r["source_bytes"],
                container: r["container"], encoding: r["encoding"], sampleRate: r["sample_rate"],
                channels: r["channels"], frames: r["frames"])
        }
        let events = try Row.fetchAll(db, sql: "SELECT * FROM call_event WHERE call_id = ? ORDER BY start_s, id", arguments: [id]).map { r in
            CallEvent(kind: CallEvent.Kind(rawValue: r["kind"]) ?? .note, start: r["start_s"], end: r["end_s"], detail: r["detail"])
        }
        let metadata = CallMetadata(
            externalID: row["external_id"], startTime: CatalogDates.date(row["started_at"]),
            endTime: CatalogDates.date(row["ended_at"]), agentID: row["agent_id"], team: row["team"],
            department: row["department"], category: row["category"],
            tags: CatalogJSON.decode([String].self, row["tags"]) ?? [],
            direction: CallDirection(rawValue: row["direction"]) ?? .unknown, callerNumber: row["caller_number"],
            agentChannel: row["source_agent_channel"], events: events, reportedHoldSeconds: row["reported_hold_s"],
            format: MetadataFormat(rawValue: row["metadata_format"]) ?? .none,
            warnings: CatalogJSON.decode([String].self, row["metadata_warnings"]) ?? [])
        let flags = (CatalogJSON.decode([String].self, row["flags"]) ?? []).compactMap(CallFlag.init(rawValue:))
        let archive = ArchiveRef(
            relativePath: row["archive_path"], sha256: row["archive_sha256"], bytes: row["archive_bytes"],
            sampleRate: row["archive_rate"], channels: row["archive_channels"], frames: row["archive_frames"],
            bitratePerChannel: row["bitrate_per_channel"],
            format: ArchiveRef.ArchiveFormat(rawValue: row["archive_format"] ?? "ogg-opus") ?? .oggOpus)
        return Call(
            id: id, sourceSHA256: row["source_sha256"], runID: row["run_id"], metadata: metadata, flags: flags,
            layout: Call.LayoutKind(rawValue: row["layout"]) ?? .stereo, agentChannel: row["agent_channel"],
            archive: archive, durationSeconds: row["duration_s"],
            ingestedAt: CatalogDates.date(row["ingested_at"]) ?? Date(timeIntervalSince1970: 0), legs: legs,
            metadataFiles: CatalogJSON.decode([String].self, row["metadata_files"]) ?? [])
    }
}

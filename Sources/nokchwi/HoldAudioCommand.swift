import ArgumentParser
import CallCatalog
import CallDSP
import CallModel
import CallPipeline
import Foundation

/// `nokchwi hold-audio add|list|remove`: the center's own hold audio (music on hold, queue announcements), stored as
/// fingerprints in the catalog; ingest marks the passages of a recording that match them as hold (`fingerprint`).
/// Needs the ingest permission (archivist, admin): what is registered changes what ingest stores.
struct HoldAudioCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hold-audio", abstract: "The center's hold audio, recognised in recordings by fingerprint.",
        subcommands: [Add.self, List.self, Remove.self])

    struct Row: Encodable {
        let id: Int64?
        let name: String
        let durationS: Double
        let sha256: String
        let addedAt: String
        let addedBy: String
        let current: Bool
        init(_ e: HoldAudioEntry) {
            id = e.id
            name = e.name
            durationS = (e.durationS * 10).rounded() / 10
            sha256 = e.sha256
            addedAt = DisplayTime.full(e.addedAt)
            addedBy = e.addedBy
            current = e.version == HoldAudioPrint.version
        }
        enum CodingKeys: String, CodingKey {
            case id, name, durationS = "duration_s", sha256, addedAt = "added_at", addedBy = "added_by", current
        }
    }

    static func show(_ entries: [HoldAudioEntry], json: Bool) throws {
        let rows = entries.map(Row.init)
        if json { return try Output.json(rows) }
        Output.table(["ID", "NAME", "SECONDS", "SHA-256", "ADDED", "BY"], rows.map {
            [$0.id.map(String.init) ?? "-", $0.name + ($0.current ? "" : " (old fingerprint: add again)"),
             String(format: "%.1f", $0.durationS), String($0.sha256.prefix(12)), $0.addedAt, $0.addedBy]
        })
    }

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Fingerprint hold-audio files (or every audio file in a folder) and register them.")
        @Argument(help: "Audio files or folders (e.g. the PBX's moh folder).") var paths: [String]
        @OptionGroup var global: GlobalOptions

        func validate() throws {
            guard !paths.isEmpty else { throw ValidationError("name at least one file or folder") }
        }

        func run() async throws {
            let access = try CommandAccess.signIn(global)
            defer { access.finish() }
            try access.authorize(.ingestCalls)
            let now = Date()
            let entries = try HoldAudioFiles.expand(paths).map { path in
                let f = try HoldAudioFiles.fingerprint(path: path)
                return HoldAudioEntry(name: f.print.name, sha256: f.sha256, durationS: f.print.durationS,
                                      version: HoldAudioPrint.version, codes: Data(f.print.bytes), addedAt: now,
                                      addedBy: access.session.user.username)
            }
            let stored = try access.catalog.addHoldAudio(
                entries, audit: access.session.draft(AuditAction("hold-audio-add"), at: now))
            if global.json { return try Output.json(stored.map(Row.init)) }
            Output.line("\(stored.count) hold-audio file(s) registered; ingest recognises them from now on")
            try HoldAudioCommand.show(stored, json: false)
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the registered hold audio.")
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            let access = try CommandAccess.signIn(global)
            defer { access.finish() }
            try access.authorize(.ingestCalls)
            try HoldAudioCommand.show(try access.catalog.holdAudio(), json: global.json)
        }
    }

    struct Remove: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Unregister hold audio by id (`hold-audio list`); calls already stored keep their analysis.")
        @Argument(help: "Ids to remove.") var ids: [Int64]
        @OptionGroup var global: GlobalOptions

        func validate() throws {
            guard !ids.isEmpty else { throw ValidationError("name at least one id (see `nokchwi hold-audio list`)") }
        }

        func run() async throws {
            let access = try CommandAccess.signIn(global)
            defer { access.finish() }
            try access.authorize(.ingestCalls)
            let removed = try access.catalog.removeHoldAudio(
                ids: ids, audit: access.session.draft(AuditAction("hold-audio-remove"), at: Date()))
            if global.json { return try Output.json(["removed": removed]) }
            Output.line("\(removed) hold-audio file(s) removed")
        }
    }
}

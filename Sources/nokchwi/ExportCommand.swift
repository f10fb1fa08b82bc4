import ArgumentParser
import CallArchive
import CallAudio
import CallCatalog
import Foundation

struct ExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export", abstract: "Decode a call's archive to a WAV file (16-bit PCM, one channel per party).",
        discussion: "Archivists only, with a reason (a legal request, a citizen's access request); the export and its reason go into the audit trail before any audio is written.")

    @Argument(help: "Call id.") var id: String
    @Option(name: .long, help: "Output WAV file (must not exist).") var out: String
    @Option(name: .long, help: "Why the recording leaves the archive (recorded in the audit trail).") var reason: String?
    @OptionGroup var global: GlobalOptions

    func run() async throws {
        guard !FileManager.default.fileExists(atPath: out) else { throw CLIError("\(out) exists; nokchwi never overwrites: choose another --out") }
        let access = try CommandAccess.signIn(global)
        defer { access.finish() }
        try access.authorize(.exportCall, callID: id, reason: reason, record: .exportCall, detail: ["format": "wav-pcm16"])
        guard let call = try access.catalog.call(id: id) else { throw CLIError("no call \(id) in the catalog; `nokchwi calls list` shows the ids") }
        let store = ArchiveStore(root: access.home.archiveRoot)
        try store.verify(relativePath: call.archive.relativePath, sha256: call.archive.sha256)
        let reader = try ArchiveOpener(store: store, catalog: access.catalog, keys: access.keys).reader(for: call)
        let writer = try SndFileWriter(path: out, format: .wavPCM16, sampleRate: reader.decodeRate, channels: reader.channels)
        var frames: Int64 = 0
        while true {
            let block = try reader.read(maxFrames: 4096)
            if block.isEmpty { break }
            try writer.write(block)
            frames += Int64(block.count / reader.channels)
        }
        try writer.close()
        let result = ExportResult(callID: call.id, output: out, sampleRate: reader.decodeRate, channels: reader.channels,
                                  frames: frames, durationSeconds: Double(frames) / Double(reader.decodeRate))
        if global.json { return try Output.json(result) }
        Output.line(String(format: "exported %@ to %@: %d ch, %d Hz, %@ (channel 0 = %@)", call.id, out, reader.channels,
                           reader.decodeRate, Output.duration(result.durationSeconds),
                           call.agentChannel == 0 ? "agent" : "unknown party"))
    }
}

struct ExportResult: Encodable {
    let callID: String
    let output: String
    let sampleRate: Int
    let channels: Int
    let frames: Int64
    let durationSeconds: Double

    enum CodingKeys: String, CodingKey {
        case callID = "call_id", output, sampleRate = "sample_rate", channels, frames, durationSeconds = "duration_s"
    }
}

import ArgumentParser
import CallArchive
import CallAudio
import CallCatalog
import CallFaults
import CallModel
import Foundation

struct ExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export", abstract: "Export a call: decoded to WAV (16-bit PCM, one channel per party), or its Ogg Opus archive decrypted (--format opus).",
        discussion: "Archivists only, with a reason (a legal request, a citizen's access request); the export and its reason go into the audit trail before any audio is written.")

    @Argument(help: "Call id.") var id: CallID
    @Option(name: .long, help: ArgumentHelp("Output file, which must not exist: a WAV file, or with --format opus an Ogg Opus file (.opus).", valueName: "file"))
    var out: String
    @Option(name: .long, help: "Why the recording leaves the archive, e.g. a legal request's reference (recorded in the audit trail).")
    var reason: String
    @Option(name: .long, help: "wav (decoded, 16-bit PCM) or opus (the archive's Ogg Opus stream, decrypted, bit-exact).")
    var format: ExportFormat = .wav
    @OptionGroup var global: GlobalOptions

    enum ExportFormat: String, ExpressibleByArgument, CaseIterable {
        case wav, opus
    }

    func validate() throws {
        guard !reason.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw ValidationError("--reason must say why the recording leaves the archive (for example the legal request's reference)")
        }
    }

    func run() async throws {
        // lstat: a dangling symbolic link at --out counts as existing (told early; `ExclusiveOutputFile` checks again).
        var st = stat()
        guard lstat(out, &st) != 0 else { throw CLIError("\(out) exists (a file or a link); nokchwi never overwrites: choose another --out") }
        try Self.checkFolder(of: out)
        let access = try CommandAccess.signIn(global)
        defer { access.finish() }
        try access.authorize(.exportCall, callID: id, reason: reason, record: .exportCall,
                             detail: ["format": format == .wav ? "wav-pcm16" : "ogg-opus"])
        guard let call = try access.catalog.call(id: id) else { throw CLIError("no call \(id) in the catalog; `nokchwi calls list` shows the ids") }
        let store = ArchiveStore(root: access.home.archiveRoot)
        try store.verify(relativePath: call.archive.relativePath, sha256: call.archive.sha256)
        let opener = ArchiveOpener(store: store, catalog: access.catalog, keys: access.keys)
        if format == .opus { return try exportOpus(call, opener: opener) }
        let reader = try opener.reader(for: call)
        // Written to a temporary file created exclusively beside `out` and linked into place when complete: a failed
        // export leaves no half file, and no link at either name is ever followed.
        let file = try Self.createOutput(out)
        var frames: Int64 = 0
        do {
            let writer = try SndFileWriter(path: out, descriptor: file.descriptor, format: .wavPCM16,
                                           sampleRate: reader.decodeRate, channels: reader.channels)
            while true {
                let block = try reader.read(maxFrames: 4096)
                if block.isEmpty { break }
                try writer.write(block)
                frames += Int64(block.count / reader.channels)
            }
            try writer.close()
            try Self.publish(file)
        } catch let error as AudioError {
            throw CLIError("export to \(out) failed: \(error.message)\(error.underlying.map { " (\($0))" } ?? ""); no file was left (the audit trail records the attempt)")
        }
        let result = ExportResult(callID: call.id, output: out, sampleRate: reader.decodeRate, channels: reader.channels,
                                  frames: frames, durationSeconds: Double(frames) / Double(reader.decodeRate))
        if global.json { return try Output.json(result) }
        Output.line(String(format: "exported %@ to %@: %d ch, %d Hz, %@ (channel 0 = %@)", call.id.rawValue, out, reader.channels,
                           reader.decodeRate, Output.duration(result.durationSeconds),
                           call.agentChannel == 0 ? "agent" : "unknown party"))
    }
}

extension ExportCommand {
    /// The output's folder must exist and be writable: said plainly before signing in, not as libsndfile's text.
    static func checkFolder(of path: String) throws {
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory) else {
            throw CLIError("the folder \(folder) does not exist: create it first (mkdir -p), or choose another --out")
        }
        guard isDirectory.boolValue else { throw CLIError("\(folder) is not a folder: choose another --out") }
        guard FileManager.default.isWritableFile(atPath: folder) else {
            throw CLIError("the folder \(folder) is not writable for you: choose another --out")
        }
    }

    /// The export's output, created exclusively (see `ExclusiveOutputFile`); its errors said as CLI errors.
    static func createOutput(_ out: String) throws -> ExclusiveOutputFile {
        do { return try ExclusiveOutputFile(path: out, race: RaceHook.fromEnvironment()) } catch let error as ArchiveError {
            throw CLIError(error.message)
        }
    }

    static func publish(_ file: ExclusiveOutputFile) throws {
        do { try file.publish() } catch let error as ArchiveError { throw CLIError(error.message) }
    }

    /// Copies the archive's plaintext Ogg Opus stream (decrypted, verified segment by segment) to `out`.
    func exportOpus(_ call: Call, opener: ArchiveOpener) throws {
        let source = try opener.bytes(of: call)
        // Written to a temporary file created exclusively beside `out` and linked into place when complete.
        let file = try Self.createOutput(out)
        let handle = FileHandle(fileDescriptor: file.descriptor, closeOnDealloc: false)
        do {
            var buffer = [UInt8](repeating: 0, count: 65_536)
            try source.seek(to: 0)
            while true {
                let n = try buffer.withUnsafeMutableBytes { try source.read(into: $0) }
                if n == 0 { break }
                try handle.write(contentsOf: buffer[0..<n])
            }
        }
        try Self.publish(file)
        let result = ExportResult(callID: call.id, output: out, sampleRate: call.archive.sampleRate,
                                  channels: call.archive.channels, frames: call.archive.frames,
                                  durationSeconds: call.durationSeconds)
        if global.json { return try Output.json(result) }
        Output.line("exported \(call.id) to \(out): Ogg Opus, \(call.archive.channels) ch, \(Output.duration(call.durationSeconds))")
    }
}

struct ExportResult: Encodable {
    let callID: CallID
    let output: String
    let sampleRate: Int
    let channels: Int
    let frames: Int64
    let durationSeconds: Double

    enum CodingKeys: String, CodingKey {
        case callID = "call_id", output, sampleRate = "sample_rate", channels, frames, durationSeconds = "duration_s"
    }
}

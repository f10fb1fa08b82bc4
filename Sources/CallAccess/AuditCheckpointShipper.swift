import Foundation

/// Ships each checkpoint line off the host as it is written: runs a shell command (`/bin/sh -c`, from
/// `audit.checkpoint_command` in the pipeline YAML, e.g. `logger -n loghost -t nokchwi-audit` or
/// `cat >> /mnt/worm/nokchwi-checkpoints.jsonl`) with the line and a newline on its standard input. What was shipped
/// is the off-host copy that `audit verify --checkpoints FILE` compares with the home's.
public struct AuditCheckpointShipper: Sendable {
    public let command: String

    public init(command: String) { self.command = command }

    public func ship(_ line: String) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", command]
        let input = Pipe()
        process.standardInput = input
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            throw AccessError(.io, "the checkpoint was written but audit.checkpoint_command could not be started (\(error)); ship the last line of audit/\(AuditCheckpointer.fileName) by hand and fix the command")
        }
        try? input.fileHandleForWriting.write(contentsOf: Data((line + "\n").utf8))
        try? input.fileHandleForWriting.close()
        process.waitUntilExit()
        guard process.terminationReason == .exit, process.terminationStatus == 0 else {
            throw AccessError(.io, "the checkpoint was written but audit.checkpoint_command failed (status \(process.terminationStatus)); ship the last line of audit/\(AuditCheckpointer.fileName) by hand and fix the command")
        }
    }
}

/// The pipeline's `audit:` section.
///
/// ```yaml
/// audit:
///   checkpoint_command: "logger -n loghost.example -P 514 -t nokchwi-audit"   # or: cat >> /mnt/worm/checkpoints.jsonl
/// ```
/// `checkpoint_command` runs (through `/bin/sh -c`) with each signed audit checkpoint line on its standard input as
/// the line is written, so that a copy lives off the host; `nokchwi audit verify --checkpoints COPY` checks it.
public struct AuditSettings: Decodable, Sendable, Equatable {
    public var checkpointCommand: String?

    public init(checkpointCommand: String? = nil) { self.checkpointCommand = checkpointCommand }

    enum CodingKeys: String, CodingKey {
        case checkpointCommand = "checkpoint_command"
    }
}

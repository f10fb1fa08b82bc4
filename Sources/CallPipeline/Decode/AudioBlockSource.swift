/// Decoded audio as interleaved float blocks, in the archive's channel order (agent first when known) and at one
/// rate: a recording's files (`RecordingSource`), an Ogg Opus archive (`ArchiveBlockSource`) or samples in memory
/// (`MemoryBlockSource`). `DecodePass` drives one into its consumers.
public protocol AudioBlockSource: AnyObject {
    var sampleRate: Int { get }
    var channels: Int { get }
    /// The next block (a whole number of frames), or nil at the end.
    func next() throws -> [Float]?
}

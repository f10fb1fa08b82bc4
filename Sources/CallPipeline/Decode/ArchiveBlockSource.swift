import CallAudio

/// A decoded Ogg Opus archive as blocks, agent first: at most two channels, swapped when the agent is channel 1.
public final class ArchiveBlockSource: AudioBlockSource {
    public let reader: OpusArchiveReader
    public let channels: Int
    public var sampleRate: Int { reader.decodeRate }
    private let agentChannel: Int
    private let blockFrames: Int

    public init(_ reader: OpusArchiveReader, agentChannel: Int = 0, blockFrames: Int = 4096) {
        self.reader = reader
        channels = min(reader.channels, 2)
        self.agentChannel = agentChannel
        self.blockFrames = blockFrames
    }

    public func next() throws -> [Float]? {
        let block = try reader.read(maxFrames: blockFrames)
        if block.isEmpty { return nil }
        guard reader.channels != channels || agentChannel == 1 else { return block }
        let width = reader.channels
        let frames = block.count / width
        var picked = [Float](repeating: 0, count: frames * channels)
        for f in 0..<frames {
            for c in 0..<channels {
                let source = channels == 2 && agentChannel == 1 ? 1 - c : c
                picked[f * channels + c] = block[f * width + source]
            }
        }
        return picked
    }
}

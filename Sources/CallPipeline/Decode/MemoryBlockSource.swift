/// Interleaved samples already in memory, handed out in blocks of `blockFrames` (benchmarks and the accuracy
/// harness analyse the same decoded call more than once). The blocks are cut once, at `init`: `next` only hands
/// out a stored array, so a timed analysis measures the analysis, not copying.
public final class MemoryBlockSource: AudioBlockSource {
    public let sampleRate: Int
    public let channels: Int
    private let blocks: [[Float]]
    private var index = 0

    public init(samples: [Float], channels: Int, sampleRate: Int, blockFrames: Int = 4096) {
        let width = max(1, channels)
        let end = samples.count - samples.count % width
        let step = max(1, blockFrames) * width
        blocks = stride(from: 0, to: end, by: step).map { Array(samples[$0..<min($0 + step, end)]) }
        self.channels = width
        self.sampleRate = sampleRate
    }

    public func next() -> [Float]? {
        guard index < blocks.count else { return nil }
        defer { index += 1 }
        return blocks[index]
    }
}

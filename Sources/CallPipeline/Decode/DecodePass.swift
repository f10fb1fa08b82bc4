/// The one way through a recording: each block is decoded once and handed to every consumer in order (the encoder
/// and the analysis in ingest; the analysis alone in `analyze`; an encoder into memory in the accuracy harness).
public enum DecodePass {
    /// Runs `source` to its end; returns the frames per channel it produced.
    @discardableResult
    public static func run(_ source: some AudioBlockSource, into consumers: [any AudioBlockConsumer]) throws -> Int64 {
        let channels = max(1, source.channels)
        var frames: Int64 = 0
        while let block = try source.next() {
            let n = block.count / channels
            try block.withUnsafeBufferPointer { samples in
                for consumer in consumers { try consumer.consume(samples, frames: n) }
            }
            frames += Int64(n)
        }
        return frames
    }
}

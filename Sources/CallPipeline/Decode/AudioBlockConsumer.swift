import CallAudio
import CallDSP

/// Takes every block of one decode pass: the Opus encoder, the talk analysis, a sample collector.
public protocol AudioBlockConsumer: AnyObject {
    func consume(_ samples: UnsafeBufferPointer<Float>, frames: Int) throws
}

extension CallAnalyzer: AudioBlockConsumer {
    public func consume(_ samples: UnsafeBufferPointer<Float>, frames: Int) {
        process(samples, frames: frames)
    }
}

extension OpusArchiveWriter: AudioBlockConsumer {
    public func consume(_ samples: UnsafeBufferPointer<Float>, frames: Int) throws {
        try write(interleaved: samples, frames: frames)
    }
}

/// Keeps every block in memory (a whole call: only for tools that analyse the same audio several times).
public final class SampleCollector: AudioBlockConsumer {
    public private(set) var samples: [Float] = []

    public init() {}

    public func consume(_ block: UnsafeBufferPointer<Float>, frames: Int) {
        samples.append(contentsOf: block)
    }
}

import CSoxr

/// Streaming sample-rate conversion of interleaved float audio with libsoxr (high quality, one thread,
/// deterministic). Owns one `soxr_t`, deleted in `deinit`. Feed blocks with `process`, then call `flush`
/// once to drain the filter's tail; the total output is `input × toRate / fromRate` frames (rounded).
public final class AudioResampler {
    public let fromRate: Int
    public let toRate: Int
    public let channels: Int
    private let soxr: soxr_t
    private var flushed = false

    public init(fromRate: Int, toRate: Int, channels: Int) throws(AudioError) {
        guard SndFileLimits.sampleRates.contains(fromRate), (4000...384_000).contains(toRate) else {
            throw AudioError(.invalidArgument, "cannot resample from \(fromRate) Hz to \(toRate) Hz")
        }
        guard SndFileLimits.channels.contains(channels) else {
            throw AudioError(.invalidArgument, "cannot resample \(channels) channels; use \(SndFileLimits.channels)")
        }
        var io = soxr_io_spec(SOXR_FLOAT32_I, SOXR_FLOAT32_I)
        var quality = soxr_quality_spec(UInt(SOXR_HQ), 0)
        var runtime = soxr_runtime_spec(1)
        var error: soxr_error_t?
        let handle = soxr_create(Double(fromRate), Double(toRate), UInt32(channels), &error, &io, &quality, &runtime)
        guard let handle, error == nil else {
            let reason = error.map { String(cString: $0) } ?? "unknown error"
            if let handle { soxr_delete(handle) }
            throw AudioError(.resampleFailed, "libsoxr refused \(fromRate) → \(toRate) Hz: \(reason)")
        }
        self.soxr = handle
        self.fromRate = fromRate
        self.toRate = toRate
        self.channels = channels
    }

    deinit { soxr_delete(soxr) }

    /// Resamples `frames` interleaved frames; returns the interleaved output available so far.
    public func process(_ interleaved: UnsafeBufferPointer<Float>, frames: Int) throws(AudioError) -> [Float] {
        guard !flushed else { throw AudioError(.invalidArgument, "the resampler was already flushed; create a new one") }
        guard frames >= 0, frames * channels <= interleaved.count else {
            throw AudioError(.invalidArgument, "\(frames) frames of \(channels) channel(s) do not fit \(interleaved.count) samples")
        }
        guard frames > 0, let base = interleaved.baseAddress else { return [] }
        return try run(input: UnsafeRawPointer(base), frames: frames)
    }

    /// Drains the filter's delay line. Call once after the last `process`.
    public func flush() throws(AudioError) -> [Float] {
        guard !flushed else { return [] }
        flushed = true
        return try run(input: nil, frames: 0)
    }

    private func run(input: UnsafeRawPointer?, frames: Int) throws(AudioError) -> [Float] {
        var output: [Float] = []
        let capacity = Int((Double(max(frames, 256)) * Double(toRate) / Double(fromRate)).rounded(.up)) + 64
        var chunk = [Float](repeating: 0, count: capacity * channels)
        var consumed = 0
        while true {
            var inDone = 0
            var outDone = 0
            let inPtr = input.map { $0 + consumed * channels * MemoryLayout<Float>.stride }
            let error = chunk.withUnsafeMutableBytes { out in
                soxr_process(soxr, inPtr, input == nil ? 0 : frames - consumed, &inDone,
                             out.baseAddress, capacity, &outDone)
            }
            if let error {
                throw AudioError(.resampleFailed, "libsoxr failed while resampling: \(String(cString: error))")
            }
            consumed += inDone
            output.append(contentsOf: chunk[0..<(outDone * channels)])
            let inputLeft = input != nil && consumed < frames
            if !inputLeft && outDone < capacity { break }
            if outDone == 0 && inDone == 0 { break }  // nothing moved: drained (or soxr waits for more input)
        }
        return output
    }
}

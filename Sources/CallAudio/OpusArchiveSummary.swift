/// What `OpusArchiveWriter.finish()` produced.
public struct OpusArchiveSummary: Sendable, Equatable, Codable {
    /// Input frames per channel (at the writer's sample rate).
    public var frames: Int64
    /// The final page's granule position (48 kHz units): preSkip + frames × 48000 / rate.
    public var granulePosition: Int64
    public var pages: Int
    public var bytes: Int64
    /// Pre-skip in 48 kHz samples.
    public var preSkip: Int

    public init(frames: Int64, granulePosition: Int64, pages: Int, bytes: Int64, preSkip: Int) {
        self.frames = frames
        self.granulePosition = granulePosition
        self.pages = pages
        self.bytes = bytes
        self.preSkip = preSkip
    }
}

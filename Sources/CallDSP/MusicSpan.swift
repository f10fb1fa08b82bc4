/// A stretch the music detector found music in, with how far `HoldFinder.grow` may move its edges: not over an
/// opening of the line (`OpenLineTracker`), where the music had certainly stopped.
struct MusicSpan: Equatable {
    var span: FrameSpan
    /// The span may start no earlier than this frame.
    var earliest: Int = .min
    /// The span may end no later than this frame.
    var latest: Int = .max
    /// The openings of the line in the first seconds after the span: line noise, never talk. (The voice activity's
    /// noise floor, which fell to the quiet moments of the music, needs its window to find the line noise again.)
    var lineAfter: [FrameSpan] = []

    init(_ span: FrameSpan, earliest: Int = .min, latest: Int = .max) {
        self.span = span
        self.earliest = earliest
        self.latest = latest
    }
}

/// Stretches where a channel is digitally silent (below `mute_dbfs`) after having carried sound: a muted side
/// (hold without music, a muted microphone) rather than a quiet line, which always has some noise.
struct MuteTracker {
    let level: Float
    let minimum: Int
    private var run = 0
    private var heard = false
    private(set) var spans: [FrameSpan] = []

    init(level: Float, minimum: Int) {
        self.level = level
        self.minimum = max(1, minimum)
    }

    @inline(__always)
    mutating func step(_ k: Int, energy: Float) {
        if energy < level {
            run += 1
            return
        }
        // Only a silence between sounds counts: a channel silent from the start is not a hold.
        if heard, run >= minimum { spans.append(FrameSpan(k - run, k)) }
        heard = true
        run = 0
    }
}

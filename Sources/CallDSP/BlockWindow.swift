/// What the music detector keeps of one block of frames (means over the block).
struct BlockStats {
    /// Mean |Δ lag-1 autocorrelation| and |Δ lag-2 autocorrelation| from frame to frame.
    var flux1: Float = 0
    var flux2: Float = 0
    /// Mean square of the level's 2-8 Hz modulation (dB²).
    var modulation2: Float = 0
    /// Share of frames more than `Tuning.MusicScoring.dipDB` under the line noise.
    var dips: Float = 0
    /// Share of frames above digital silence.
    var sound: Float = 0
    /// Share of frames more than `MusicDetector.Model.lowDB` under the block's mean energy (pauses between words).
    var low: Float = 0

    var score: Float {
        guard sound > Tuning.MusicScoring.soundShareMin else { return -.greatestFiniteMagnitude }
        return MusicDetector.Model.score(flux1: flux1, flux2: flux2, modulation: max(0, modulation2).squareRoot(),
                                         low: low)
    }

    static func + (a: BlockStats, b: BlockStats) -> BlockStats {
        BlockStats(flux1: a.flux1 + b.flux1, flux2: a.flux2 + b.flux2, modulation2: a.modulation2 + b.modulation2,
                   dips: a.dips + b.dips, sound: a.sound + b.sound, low: a.low + b.low)
    }

    static func - (a: BlockStats, b: BlockStats) -> BlockStats {
        BlockStats(flux1: a.flux1 - b.flux1, flux2: a.flux2 - b.flux2, modulation2: a.modulation2 - b.modulation2,
                   dips: a.dips - b.dips, sound: a.sound - b.sound, low: a.low - b.low)
    }

    func scaled(_ k: Float) -> BlockStats {
        BlockStats(flux1: flux1 * k, flux2: flux2 * k, modulation2: modulation2 * k, dips: dips * k, sound: sound * k,
                   low: low * k)
    }
}

/// The last `capacity` blocks (a ring) with their running sum.
struct BlockWindow {
    private var blocks: [BlockStats]
    private var starts: [Int]
    private var next = 0
    private(set) var count = 0
    private var sum = BlockStats()

    init(capacity: Int) {
        blocks = [BlockStats](repeating: BlockStats(), count: capacity)
        starts = [Int](repeating: 0, count: capacity)
    }

    var isFull: Bool { count == blocks.count }
    /// Means over the blocks held.
    var mean: BlockStats { sum.scaled(1 / Float(max(1, count))) }

    mutating func push(_ b: BlockStats, start: Int) {
        if isFull { sum = sum - blocks[next] } else { count += 1 }
        blocks[next] = b
        starts[next] = start
        next = next + 1 == blocks.count ? 0 : next + 1
        sum = sum + b
    }

    /// The block `back` places before the newest (0: the newest) and its first frame.
    subscript(back back: Int) -> (stats: BlockStats, start: Int) {
        let i = (next - 1 - back + 2 * blocks.count) % blocks.count
        return (blocks[i], starts[i])
    }
}

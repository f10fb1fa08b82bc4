/// Minimum-statistics noise floor (after Martin 2001, simplified): the smallest short-term-smoothed frame energy
/// over a sliding window of `slots` sub-windows. Follows falling noise at once and rising noise within one
/// window; speech rarely holds a channel above its noise for a whole window, so the floor stays on the noise.
///
/// Rising noise is also caught sooner: a steady level (half a second within ±2 dB, well below the channel's
/// talk) is noise, and the floor rises to 3 dB below it at once (after a mute or music with digital silence,
/// line noise would otherwise count as talk for a whole window).
struct NoiseFloorTracker {
    private var levelDB: Float = 0
    private var steadyRun = 0
    private var steadyEnergy: Float = 0
    private var steadyAge = Int.max / 2
    private let window: Int
    private var minima: [Float]
    private var slot = 0
    private let slotLength: Int
    private var inSlot = 0
    private var current: Float = .greatestFiniteMagnitude
    private var completedMinimum: Float = .greatestFiniteMagnitude
    private var smoothed: Float = 0
    private var started = false
    private let absoluteFloor: Float
    /// The floor estimate (energy, same unit as the input).
    private(set) var floor: Float
    /// Mean energy of the frames near the floor (the noise itself).
    private var noiseMean: Float = 0
    /// The floor the VAD's thresholds are set from: the noise's mean, `referenceShare` under it (where the
    /// minimum of white line noise sits), kept between the floor and 3 dB over it. Minimum statistics read
    /// noise whose energy fluctuates more per frame (pink, or a codec's patchy rendering of noise) further
    /// under its mean; thresholds over the bare minimum would sit lower above the actual noise and take more
    /// of it for talk.
    private(set) var reference: Float
    private let referenceShare: Float

    init(windowFrames: Int, absoluteFloor: Float, referenceShare: Float = 1, slots: Int = Tuning.NoiseFloor.slots) {
        let n = max(1, slots)
        slotLength = max(1, windowFrames / n)
        minima = [Float](repeating: .greatestFiniteMagnitude, count: n)
        self.absoluteFloor = absoluteFloor
        floor = absoluteFloor
        reference = absoluteFloor
        self.referenceShare = referenceShare
        window = windowFrames
    }

    /// `talkDB`: the channel's talk level (dB), `.infinity` before any talk.
    @inline(__always)
    mutating func update(_ energy: Float, talkDB: Float) {
        typealias T = Tuning.NoiseFloor
        let db = 3.0103 * fastLog2(energy)
        if !started { levelDB = db }
        smoothed = started ? T.smoothing * (smoothed + energy) : energy
        started = true
        if abs(db - levelDB) < T.steadyBandDB { steadyRun += 1 } else { steadyRun = 0 }
        levelDB += T.levelRate * (db - levelDB)
        if steadyRun >= T.steadyFrames, levelDB < talkDB - T.steadyUnderTalkDB {
            steadyEnergy = smoothed
            steadyAge = 0
        } else {
            steadyAge += 1
        }
        if smoothed < current { current = smoothed }
        inSlot += 1
        if inSlot == slotLength {
            minima[slot] = current
            slot = slot + 1 == minima.count ? 0 : slot + 1
            current = .greatestFiniteMagnitude
            inSlot = 0
            completedMinimum = .greatestFiniteMagnitude
            for v in minima where v < completedMinimum { completedMinimum = v }
        }
        let steady = steadyAge < window ? T.steadyShare * steadyEnergy : 0
        floor = max(min(completedMinimum, current), steady, absoluteFloor)
        // The noise's mean: frames within 6 dB of the floor.
        if energy < T.noiseBand * floor { noiseMean += T.noiseMeanRate * (energy - noiseMean) }
        reference = min(max(noiseMean * referenceShare, floor), T.referenceMax * floor)
    }
}

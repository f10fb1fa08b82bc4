/// Voice activity of one channel, frame by frame: adaptive noise floor, onset/offset hysteresis, minimum onset
/// (click rejection), hangover, a short look-back at onsets and a tail at offsets (both longer on noisier lines),
/// and a talk floor under the channel's own talk level that talk does not go on below. Talk goes on through pairs of
/// frames over the offset threshold, not single ones (the line noise's own peaks). Emits talk spurts (before
/// bridging) as they close.
struct ChannelVAD {
    struct Parameters {
        var onset: Float
        var offset: Float
        var soft: Float
        var minOnset: Int
        var hangover: Int
        var tail: Int
        var lowSNRTail: Int
        var preroll: Int
        var lowSNRPreroll: Int
        var clickCrest: Float
        var noiseWindow: Int
        var absoluteFloor: Float
        var noiseReference: Float
        /// `vad_talk_floor_db` in dB (subtracted from the talk level, a dB value).
        var talkFloorDB: Float

        init(_ s: AnalysisSettings, scale: FrameScale) {
            onset = dbRatio(s.vadOnsetDB)
            offset = dbRatio(s.vadOffsetDB)
            soft = dbRatio(s.vadSoftDB)
            minOnset = max(1, scale.frames(ms: s.vadMinOnsetMs))
            hangover = scale.frames(ms: s.vadHangoverMs)
            tail = scale.frames(ms: s.vadTailMs)
            lowSNRTail = scale.frames(ms: s.vadLowSNRTailMs)
            preroll = min(Tuning.VAD.prerollMaxFrames, scale.frames(ms: s.vadPrerollMs))
            lowSNRPreroll = min(Tuning.VAD.prerollMaxFrames, scale.frames(ms: s.vadLowSNRPrerollMs))
            clickCrest = Float(s.clickCrest)
            noiseWindow = max(Tuning.VAD.noiseWindowMinFrames, scale.frames(seconds: s.noiseWindowS))
            absoluteFloor = dbRatio(s.vadFloorDBFS)
            noiseReference = dbRatio(-s.vadNoiseOffsetDB)
            talkFloorDB = Float(s.vadTalkFloorDB)
        }
    }

    let p: Parameters
    private(set) var floor: NoiseFloorTracker
    private(set) var talking = false
    private var run = 0
    private var spurtStart = 0
    private var lastActive = -1
    /// End of the last closed spurt (look-back never crosses it).
    private var lastEnd = 0
    /// Bit i set: frame k-i was above the soft threshold (k = the latest frame).
    private var softHistory: UInt64 = 0
    /// Running level of this channel's talk (dB, 10·log10 of the energy), for the talk-to-noise ratio.
    private var levelDB: Float = Tuning.VAD.talkLevelStartDB
    private var levelSeen = false
    /// Energy `vad_talk_floor_db` under the talk level: talk does not go on under it (0 before any talk).
    private var talkFloor: Float = 0
    /// The frame before was over the offset threshold (and the talk floor), or started the spurt.
    private var previousAbove = false

    /// Talk-to-noise ratio of the channel (dB): weak word edges hide under the noise when it is low. Measured over
    /// the thresholds' reference (from the noise's mean, at least the minimum-statistics floor) rather than the bare
    /// floor, which reads coloured or codec-rendered noise lower than it is.
    var snrDB: Float { levelSeen ? levelDB - 3.0103 * fastLog2(floor.reference) : Tuning.VAD.snrBeforeTalkDB }

    /// 0 at a measured talk-to-noise ratio of 25 dB or more, 1 at 12 dB or less (`Tuning.VAD`). The measure, mean
    /// talk level in dB over the noise reference, reads about 14 dB on lines whose RMS SNR is 10 dB, 22 at 20 dB and
    /// 28 at 30 dB; about 2 dB more on their Opus archives, whose coding takes some of the noise away.
    @inline(__always)
    private var lowSNRWeight: Float {
        min(1, max(0, (Tuning.VAD.cleanSNRDB - snrDB) / Tuning.VAD.lowSNRSpanDB))
    }

    /// The tail grows as a power of the weight (`Tuning.VAD.tailWeightPower`): a word's fading end hides under the
    /// noise ever faster as the ratio falls.
    private var tail: Int {
        let w = lowSNRWeight
        guard w > 0 else { return p.tail }
        let grown = Float(p.lowSNRTail - p.tail) * fastExp2(Tuning.VAD.tailWeightPower * fastLog2(w))
        return p.tail + Int(grown.rounded())
    }
    private var preroll: Int { p.preroll + Int((Float(p.lowSNRPreroll - p.preroll) * lowSNRWeight).rounded()) }

    init(_ p: Parameters) {
        self.p = p
        floor = NoiseFloorTracker(windowFrames: p.noiseWindow, absoluteFloor: p.absoluteFloor,
                                  referenceShare: p.noiseReference)
    }

    /// Frame `k`'s energy after leakage cancellation, the margin its leakage adds to the thresholds, and its
    /// crest. Returns a spurt when one closes.
    @inline(__always)
    mutating func step(_ k: Int, energy: Float, margin: Float, crest: Float) -> FrameSpan? {
        floor.update(energy, talkDB: levelSeen ? levelDB : .infinity)
        let base = floor.reference
        let click = crest > p.clickCrest
        softHistory = (softHistory << 1) | (energy > base * p.soft + margin ? 1 : 0)
        if talking {
            // A frame keeps talk going only with the frame before it over the threshold too: the offset threshold
            // sits only a few dB over the noise's mean, and noise whose energy per 10 ms frame spreads widely (pink
            // line noise at 10 dB SNR crosses it in about 3% of its frames) would otherwise keep spurts going through
            // pauses and past word ends, one lone frame at a time.
            let above = energy > max(base * p.offset, talkFloor) + margin && !click
            defer { previousAbove = above }
            if above, previousAbove {
                lastActive = k
                let db = 3.0103 * fastLog2(energy)
                if levelSeen {
                    levelDB += Tuning.VAD.talkLevelRate * (db - levelDB)
                } else {
                    levelDB = db
                    levelSeen = true
                }
                talkFloor = fastExp2((levelDB - p.talkFloorDB) / 3.0103)
            }
            if k - lastActive > p.hangover {
                talking = false
                run = 0
                let end = lastActive + 1 + tail
                lastEnd = end
                return FrameSpan(spurtStart, end)
            }
            return nil
        }
        if energy > base * p.onset + margin, !click {
            run += 1
        } else {
            run = 0
        }
        if run >= p.minOnset {
            talking = true
            previousAbove = true
            lastActive = k
            var start = k - run + 1
            var back = 0
            let limit = preroll
            while back < limit, start - 1 >= lastEnd, softHistory & (1 << UInt64(k - start + 1)) != 0 {
                start -= 1
                back += 1
            }
            spurtStart = start
        }
        return nil
    }

    /// Shows the noise floor a frame before the VAD runs (the warm-up). Minimum statistics only: with no talk
    /// level known yet, a steady tone or vowel must not pass for noise.
    mutating func primeFloor(_ energy: Float) {
        floor.update(energy, talkDB: -.infinity)
    }

    /// Closes an open spurt at the end of the recording (`frames` analysed in all).
    mutating func finish(frames: Int) -> FrameSpan? {
        guard talking else { return nil }
        talking = false
        return FrameSpan(spurtStart, min(lastActive + 1 + tail, frames))
    }
}

/// Every threshold of the call analysis, in one place: the `analysis:` section of a pipeline YAML.
///
/// Every key is optional when decoding (a partial section keeps the other defaults). Defaults were tuned on the
/// demo generator's ground truth (`nokchwi-dev accuracy`); `validate()` names the first bad key.
public struct AnalysisSettings: Codable, Sendable, Equatable {
    // MARK: Metrics
    /// Analysis frame length in milliseconds (5...40). Segment times are multiples of it.
    public var frameMs: Int = 10
    /// Pauses shorter than this inside one party's speech are bridged into one talk spurt.
    public var bridgeMs: Int = 200
    /// A silence event: neither party talks for at least this long, outside hold (Contact Lens: 3 s).
    public var silenceMinS: Double = 3.0
    /// Silence events at least this long are dead air.
    public var deadAirS: Double = 10.0
    /// An interruption: a party starts talking while the other talks and its spurt lasts at least this long.
    public var interruptionMinS: Double = 1.0
    /// Holds found in the audio shorter than this are not reported (metadata holds are always kept).
    public var holdMinS: Double = 10.0

    // MARK: Voice activity (per channel)
    /// Window of the minimum-statistics noise floor (seconds): longer is steadier, shorter follows rising noise
    /// sooner. A perfectly steady sound (a tone) longer than this becomes the floor. The first window of a call
    /// is seen by the floor before any decision (a call that opens with talk keeps its first words).
    public var noiseWindowS: Double = 3.0
    /// A frame can start talk when its energy is this many dB above the channel's noise floor.
    public var vadOnsetDB: Double = 9.0
    /// Talk goes on while frames stay this many dB above the noise floor (hysteresis: below the onset).
    public var vadOffsetDB: Double = 5.0
    /// At an onset, talk is extended back over the frames this many dB above the floor (weak word starts).
    public var vadSoftDB: Double = 2.0
    /// Frames above the onset threshold needed in a row to start talk (rejects clicks and blips).
    public var vadMinOnsetMs: Int = 40
    /// Talk ends after this long below the offset threshold.
    public var vadHangoverMs: Int = 100
    /// Added after the last frame above the offset threshold at a talk-to-noise ratio of 25 dB or more.
    public var vadTailMs: Int = 0
    /// Added after talk at a talk-to-noise ratio of 12 dB or less (to `vad_tail_ms` at 25 dB, with the weight's
    /// power 1.2; the ratio is measured per channel as the mean talk level over the noise reference, which reads
    /// 12-16 dB on a 10 dB SNR line): the noisier the line, the more of a word's fading end is hidden under the noise.
    public var vadLowSNRTailMs: Int = 210
    /// Longest extension back from an onset at a talk-to-noise ratio of 25 dB or more.
    public var vadPrerollMs: Int = 100
    /// Longest extension back from an onset at a talk-to-noise ratio of 12 dB or less.
    public var vadLowSNRPrerollMs: Int = 200
    /// Absolute floor of the noise estimate, dBFS (on digital silence not every breath is talk); below it a
    /// frame is not sound for the music detector either.
    public var vadFloorDBFS: Double = -70
    /// The thresholds are set this many dB under the mean of the line noise (where minimum statistics find
    /// white noise), so that noise of any colour, and a codec's rendering of it, sits as far under them.
    public var vadNoiseOffsetDB: Double = 2.25
    /// Talk goes on only while frames stay within this many dB under the channel's running talk level, however quiet
    /// the line: a word's frames more than 35 dB under its loudest are not talk by the ground truth's rule, and on a
    /// very quiet line (an Opus archive takes about 4 dB of the line noise away) the offset threshold alone would
    /// follow word ends further than the recording's own noise let them. Talk accuracy is flat from 21 to 23 dB.
    public var vadTalkFloorDB: Double = 22
    /// A frame is a click, not talk, when Σx⁴/(Σx²)² exceeds this (about 0.04-0.12 for speech and noise over
    /// 10 ms, 0.5 or more when a few samples carry the frame's energy).
    public var clickCrest: Double = 0.3

    // MARK: Leakage (the other party heard in a channel)
    /// Leakage left after cancelling the other channel's estimated share, relative to that share (dB); it is
    /// added to the thresholds so leaked speech never starts talk.
    public var leakResidualDB: Double = -10
    /// Minimum squared correlation of a frame with the other channel for it to train the leakage gain.
    public var leakMinCorrelation: Double = 0.5
    /// Margin over the leak measured by energy (dB over the fitted share of the other party's energy found in
    /// a channel), added to the thresholds: where cancellation cannot work (a lossy archive decorrelates the
    /// channels; word onsets), the leak's loud frames must stay under them.
    public var leakMarginDB: Double = 3

    // MARK: Music and hold
    /// Music detector block (seconds): spectral-tilt flux and level modulation are summarised per block.
    public var musicBlockS: Double = 1.0
    /// Sliding window of blocks the music decision averages over (seconds, at most 32 blocks).
    public var musicWindowS: Double = 8.0
    /// A window is music-like when its music score (see `MusicDetector.Model`; on the demo calls 99% of speech
    /// windows score below -1, 96% of music-on-hold windows above 1) is above this. Higher: fewer false holds,
    /// later and shorter ones.
    public var musicScoreMin: Double = 1.0
    /// Music spans reach out to the nearest pause at least this long (speech before and after a hold is
    /// separated from the music by one; gated music pauses less).
    public var musicGapMs: Int = 450
    /// A pause (at a music span's edges) is frames at the line's own noise level: from 10 dB under the line level
    /// (lower is digital silence between notes of music on hold) to this many dB over it. 4 to 8 keep every hold's
    /// edges on source audio and its Opus round trip; 3 or less misses pauses of Opus-coded line noise (the hold
    /// swallows the agent's words); 9 or more takes quiet passages of music near the line level for a pause.
    public var musicPauseDB: Double = 6
    /// A stretch must look like music for at least this long to count as music (then it is never talk).
    public var musicMinS: Double = 10.0
    /// A channel below this level (dBFS) is muted: a muted side for `hold_min_s` while the other side does not
    /// talk is a hold ("silence" source).
    public var muteDBFS: Double = -70

    public init() {}

    enum CodingKeys: String, CodingKey {
        case frameMs = "frame_ms", bridgeMs = "bridge_ms", silenceMinS = "silence_min_s", deadAirS = "dead_air_s"
        case interruptionMinS = "interruption_min_s", holdMinS = "hold_min_s", noiseWindowS = "noise_window_s"
        case vadOnsetDB = "vad_onset_db", vadOffsetDB = "vad_offset_db", vadSoftDB = "vad_soft_db"
        case vadMinOnsetMs = "vad_min_onset_ms", vadHangoverMs = "vad_hangover_ms", vadTailMs = "vad_tail_ms"
        case vadLowSNRTailMs = "vad_low_snr_tail_ms", vadLowSNRPrerollMs = "vad_low_snr_preroll_ms"
        case vadPrerollMs = "vad_preroll_ms", vadFloorDBFS = "vad_floor_dbfs", clickCrest = "click_crest"
        case vadNoiseOffsetDB = "vad_noise_offset_db", vadTalkFloorDB = "vad_talk_floor_db"
        case leakResidualDB = "leak_residual_db", leakMinCorrelation = "leak_min_correlation"
        case leakMarginDB = "leak_margin_db"
        case musicBlockS = "music_block_s", musicWindowS = "music_window_s", musicScoreMin = "music_score_min"
        case musicGapMs = "music_gap_ms", musicPauseDB = "music_pause_db", musicMinS = "music_min_s", muteDBFS = "mute_dbfs"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        func v<T: Decodable>(_ key: CodingKeys, _ fallback: T) throws -> T {
            try c.decodeIfPresent(T.self, forKey: key) ?? fallback
        }
        let d = AnalysisSettings()
        frameMs = try v(.frameMs, d.frameMs)
        bridgeMs = try v(.bridgeMs, d.bridgeMs)
        silenceMinS = try v(.silenceMinS, d.silenceMinS)
        deadAirS = try v(.deadAirS, d.deadAirS)
        interruptionMinS = try v(.interruptionMinS, d.interruptionMinS)
        holdMinS = try v(.holdMinS, d.holdMinS)
        noiseWindowS = try v(.noiseWindowS, d.noiseWindowS)
        vadOnsetDB = try v(.vadOnsetDB, d.vadOnsetDB)
        vadOffsetDB = try v(.vadOffsetDB, d.vadOffsetDB)
        vadSoftDB = try v(.vadSoftDB, d.vadSoftDB)
        vadMinOnsetMs = try v(.vadMinOnsetMs, d.vadMinOnsetMs)
        vadHangoverMs = try v(.vadHangoverMs, d.vadHangoverMs)
        vadTailMs = try v(.vadTailMs, d.vadTailMs)
        vadPrerollMs = try v(.vadPrerollMs, d.vadPrerollMs)
        vadLowSNRTailMs = try v(.vadLowSNRTailMs, d.vadLowSNRTailMs)
        vadLowSNRPrerollMs = try v(.vadLowSNRPrerollMs, d.vadLowSNRPrerollMs)
        vadFloorDBFS = try v(.vadFloorDBFS, d.vadFloorDBFS)
        vadNoiseOffsetDB = try v(.vadNoiseOffsetDB, d.vadNoiseOffsetDB)
        vadTalkFloorDB = try v(.vadTalkFloorDB, d.vadTalkFloorDB)
        clickCrest = try v(.clickCrest, d.clickCrest)
        leakResidualDB = try v(.leakResidualDB, d.leakResidualDB)
        leakMinCorrelation = try v(.leakMinCorrelation, d.leakMinCorrelation)
        leakMarginDB = try v(.leakMarginDB, d.leakMarginDB)
        musicBlockS = try v(.musicBlockS, d.musicBlockS)
        musicWindowS = try v(.musicWindowS, d.musicWindowS)
        musicScoreMin = try v(.musicScoreMin, d.musicScoreMin)
        musicGapMs = try v(.musicGapMs, d.musicGapMs)
        musicPauseDB = try v(.musicPauseDB, d.musicPauseDB)
        musicMinS = try v(.musicMinS, d.musicMinS)
        muteDBFS = try v(.muteDBFS, d.muteDBFS)
    }

    /// Nil when every value is usable; otherwise the first bad key and why.
    public func validate() -> String? {
        func check(_ ok: Bool, _ key: CodingKeys, _ rule: String) -> String? {
            ok ? nil : "analysis.\(key.rawValue) must be \(rule)"
        }
        let checks: [String?] = [
            check((5...40).contains(frameMs), .frameMs, "5...40 ms"),
            check((0...2000).contains(bridgeMs), .bridgeMs, "0...2000 ms"),
            check((0.5...60).contains(silenceMinS), .silenceMinS, "0.5...60 s"),
            check(deadAirS >= silenceMinS && deadAirS <= 600, .deadAirS, "silence_min_s...600 s"),
            check((0...10).contains(interruptionMinS), .interruptionMinS, "0...10 s"),
            check((1...600).contains(holdMinS), .holdMinS, "1...600 s"),
            check((0.5...30).contains(noiseWindowS), .noiseWindowS, "0.5...30 s"),
            check((1...40).contains(vadOnsetDB), .vadOnsetDB, "1...40 dB"),
            check(vadOffsetDB >= 0 && vadOffsetDB <= vadOnsetDB, .vadOffsetDB, "0...vad_onset_db dB"),
            check(vadSoftDB >= 0 && vadSoftDB <= vadOnsetDB, .vadSoftDB, "0...vad_onset_db dB"),
            check((0...500).contains(vadMinOnsetMs), .vadMinOnsetMs, "0...500 ms"),
            check((0...2000).contains(vadHangoverMs), .vadHangoverMs, "0...2000 ms"),
            check((0...500).contains(vadTailMs), .vadTailMs, "0...500 ms"),
            check((0...600).contains(vadPrerollMs), .vadPrerollMs, "0...600 ms"),
            check((0...500).contains(vadLowSNRTailMs), .vadLowSNRTailMs, "0...500 ms"),
            check((0...600).contains(vadLowSNRPrerollMs), .vadLowSNRPrerollMs, "0...600 ms"),
            check((-140 ... -20).contains(vadFloorDBFS), .vadFloorDBFS, "-140...-20 dBFS"),
            check((0...10).contains(vadNoiseOffsetDB), .vadNoiseOffsetDB, "0...10 dB"),
            check((10...80).contains(vadTalkFloorDB), .vadTalkFloorDB, "10...80 dB"),
            check(clickCrest > 0 && clickCrest <= 1, .clickCrest, "in (0, 1]"),
            check((-60...0).contains(leakResidualDB), .leakResidualDB, "-60...0 dB"),
            check(leakMinCorrelation > 0 && leakMinCorrelation < 1, .leakMinCorrelation, "in (0, 1)"),
            check((-20...20).contains(leakMarginDB), .leakMarginDB, "-20...20 dB"),
            check((0.2...5).contains(musicBlockS), .musicBlockS, "0.2...5 s"),
            check(musicWindowS >= musicBlockS && musicWindowS <= 32 * musicBlockS, .musicWindowS,
                  "music_block_s...32 × music_block_s"),
            check((-20...20).contains(musicScoreMin), .musicScoreMin, "-20...20"),
            check((50...5000).contains(musicGapMs), .musicGapMs, "50...5000 ms"),
            check((0...30).contains(musicPauseDB), .musicPauseDB, "0...30 dB"),
            check(musicMinS >= musicBlockS && musicMinS <= 600, .musicMinS, "music_block_s...600 s"),
            check((-140 ... -30).contains(muteDBFS), .muteDBFS, "-140...-30 dBFS"),
        ]
        return checks.compactMap { $0 }.first
    }
}

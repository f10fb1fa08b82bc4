import CallModel

/// What `DemoDataGenerator` produces. Every choice is drawn from `seed`: the same options give byte-identical
/// files.
public struct DemoDataOptions: Sendable {
    public var seed: UInt64
    /// Regular calls (the bad inputs come on top).
    public var calls: Int
    /// Mean call length in seconds (lengths are log-normal around it, hold included).
    public var meanCallSeconds: Double
    /// Folder of 8 kHz prompt WAVs (asterisk-core-sounds-en-wav).
    public var soundsDirectory: String
    /// Folder of music-on-hold WAVs (asterisk-moh-opsound-wav).
    public var mohDirectory: String
    /// Other folders of music on hold (WAV), one source each (a few tracks of each, `DemoMusicSources`): by default
    /// the library named by `NOKCHWI_DEMO_MUSIC` (none when it is unset).
    public var musicDirectories: [String]
    /// Also write the `bad/bad-*` files (see `DemoBadInput`).
    public var includeBadInputs: Bool
    /// Relative share of each encoding; encodings a call cannot use (GSM 6.10 on stereo, anything but PCM16
    /// at 16 kHz / 11025 Hz) are skipped for it. Missing keys count as 0.
    public var encodingWeights: [DemoEncoding: Double]
    /// Share of calls written as one file per leg, among calls whose metadata format allows legs
    /// (FreeSWITCH CDR calls are always stereo).
    public var legsFraction: Double
    /// Share of calls with no metadata at all (at least one when `calls >= 5` and the fraction is > 0).
    public var noMetadataFraction: Double
    /// Share of calls with a hold segment.
    public var holdFraction: Double
    /// Calls recorded at 16 kHz PCM16 (wideband phones).
    public var wideband16kCalls: Int
    /// One call at 11025 Hz PCM16, to exercise resampling.
    public var include11025Call: Bool

    public init(
        seed: UInt64 = 20_261_123,
        calls: Int = 80,
        meanCallSeconds: Double = 180,
        soundsDirectory: String = DemoDataGenerator.defaultSoundsDirectory,
        mohDirectory: String = DemoDataGenerator.defaultMOHDirectory,
        musicDirectories: [String] = DemoMusicSources.fromEnvironment(),
        includeBadInputs: Bool = true,
        encodingWeights: [DemoEncoding: Double] = DemoDataOptions.defaultEncodingWeights,
        legsFraction: Double = 0.5,
        noMetadataFraction: Double = 0.06,
        holdFraction: Double = 0.3,
        wideband16kCalls: Int = 3,
        include11025Call: Bool = true
    ) {
        self.seed = seed
        self.calls = calls
        self.meanCallSeconds = meanCallSeconds
        self.soundsDirectory = soundsDirectory
        self.mohDirectory = mohDirectory
        self.musicDirectories = musicDirectories
        self.includeBadInputs = includeBadInputs
        self.encodingWeights = encodingWeights
        self.legsFraction = legsFraction
        self.noMetadataFraction = noMetadataFraction
        self.holdFraction = holdFraction
        self.wideband16kCalls = wideband16kCalls
        self.include11025Call = include11025Call
    }

    public static let defaultEncodingWeights: [DemoEncoding: Double] = [
        .pcm16: 0.35, .muLaw: 0.25, .aLaw: 0.2, .gsm610: 0.12, .imaADPCM: 0.08,
    ]

    func validate() throws(DemoDataError) {
        guard calls >= 0, calls <= 100_000 else { throw .invalidOptions("calls must be 0...100000, got \(calls)") }
        guard meanCallSeconds >= 20, meanCallSeconds <= 3600 else {
            throw .invalidOptions("meanCallSeconds must be 20...3600, got \(meanCallSeconds)")
        }
        for (name, f) in [("legsFraction", legsFraction), ("noMetadataFraction", noMetadataFraction),
                          ("holdFraction", holdFraction)] where !(0...1).contains(f) {
            throw .invalidOptions("\(name) must be 0...1, got \(f)")
        }
        guard DemoEncoding.allCases.contains(where: { (encodingWeights[$0] ?? 0) > 0 }) else {
            throw .invalidOptions("encodingWeights needs at least one positive weight")
        }
        guard wideband16kCalls >= 0 else { throw .invalidOptions("wideband16kCalls must be >= 0") }
    }
}

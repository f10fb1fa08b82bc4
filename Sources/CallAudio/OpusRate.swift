/// The sample rates Opus encodes natively.
public enum OpusRate {
    public static let supported = [8000, 12000, 16000, 24000, 48000]

    /// The rate to archive a source at: the source rate when Opus supports it, else the smallest
    /// Opus rate above it (48000 for anything above 24000). Never resamples down except above 48 kHz.
    public static func nativeRate(for sourceRate: Int) -> Int {
        supported.first { $0 >= sourceRate } ?? 48000
    }

    public static func isSupported(_ rate: Int) -> Bool { supported.contains(rate) }
}

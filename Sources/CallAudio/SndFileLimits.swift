/// The ranges of recording formats the project accepts (reading) and produces (writing).
public enum SndFileLimits {
    /// Channels a recording may have.
    public static let channels: ClosedRange<Int> = 1...8
    /// Sample rates a recording may have, in Hz.
    public static let sampleRates: ClosedRange<Int> = 4000...192_000
}

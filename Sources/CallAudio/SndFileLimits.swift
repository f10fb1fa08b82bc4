/// The ranges of recording formats the project accepts (reading) and produces (writing).
public enum SndFileLimits {
    /// Channels a recording may have.
    public static let channels: ClosedRange<Int> = 1...8
    /// Sample rates a recording may have, in Hz.
    public static let sampleRates: ClosedRange<Int> = 4000...192_000
    /// Containers a recording may be in, as `AudioFormatInfo.container` names them: those of the drop folder's
    /// extensions (wav, au/snd, flac, aif/aiff, caf, w64, rf64). libsndfile recognises more by content (MPEG,
    /// MPC2K, NIST, VOC, ...), some from a dozen bytes: fuzzing found a 12-byte file read as 768 frames of MPEG
    /// audio and a 46-byte one as a 2-frame MPC2K sample, so the others are refused.
    public static let containers: Set<String> = ["WAV", "WAVEX", "AU", "FLAC", "AIFF", "CAF", "W64", "RF64"]
}

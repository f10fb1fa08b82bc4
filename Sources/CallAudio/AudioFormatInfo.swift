/// What a recording file holds, as its decoder reports it.
public struct AudioFormatInfo: Sendable, Equatable, Codable {
    public var sampleRate: Int
    public var channels: Int
    /// Frames per channel.
    public var frames: Int64
    /// Container name: "WAV", "AU", "FLAC", "AIFF", "W64", "RF64", "CAF", "RAW", ...
    public var container: String
    /// Sample encoding: "PCM_16", "PCM_24", "PCM_32", "FLOAT", "ULAW", "ALAW", "GSM610", "IMA_ADPCM", ...
    public var encoding: String

    public init(sampleRate: Int, channels: Int, frames: Int64, container: String, encoding: String) {
        self.sampleRate = sampleRate
        self.channels = channels
        self.frames = frames
        self.container = container
        self.encoding = encoding
    }

    public var durationSeconds: Double {
        sampleRate > 0 ? Double(frames) / Double(sampleRate) : 0
    }
}

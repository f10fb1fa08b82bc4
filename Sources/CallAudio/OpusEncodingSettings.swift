/// How archives are encoded. Validated by `validate()` (and by `OpusArchiveWriter.init`).
public struct OpusEncodingSettings: Sendable, Codable, Equatable {
    /// Bits per second for each channel (each party is its own stream).
    public var bitratePerChannel: Int
    /// Variable bitrate (unconstrained) when true, hard CBR when false.
    public var vbr: Bool
    /// libopus complexity 0...10.
    public var complexity: Int
    /// Opus frame duration: 10, 20, 40 or 60 ms.
    public var frameMilliseconds: Int
    /// An Ogg page is flushed at least this often (frameMilliseconds...1000): opusinfo warns above one second.
    public var maxPageMilliseconds: Int

    public static let allowedFrameMilliseconds = [10, 20, 40, 60]
    public static let bitratePerChannelRange = 6000...256_000
    public static let complexityRange = 0...10
    public static let maxPageMillisecondsLimit = 1000

    public init(bitratePerChannel: Int = 12000, vbr: Bool = true, complexity: Int = 8,
                frameMilliseconds: Int = 20, maxPageMilliseconds: Int = 1000) {
        self.bitratePerChannel = bitratePerChannel
        self.vbr = vbr
        self.complexity = complexity
        self.frameMilliseconds = frameMilliseconds
        self.maxPageMilliseconds = maxPageMilliseconds
    }

    /// Missing keys take their defaults, so a configuration may name only what it changes.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let d = OpusEncodingSettings()
        bitratePerChannel = try c.decodeIfPresent(Int.self, forKey: .bitratePerChannel) ?? d.bitratePerChannel
        vbr = try c.decodeIfPresent(Bool.self, forKey: .vbr) ?? d.vbr
        complexity = try c.decodeIfPresent(Int.self, forKey: .complexity) ?? d.complexity
        frameMilliseconds = try c.decodeIfPresent(Int.self, forKey: .frameMilliseconds) ?? d.frameMilliseconds
        maxPageMilliseconds = try c.decodeIfPresent(Int.self, forKey: .maxPageMilliseconds) ?? d.maxPageMilliseconds
    }

    /// Throws `.invalidArgument` naming the first setting out of range.
    public func validate() throws(AudioError) {
        guard Self.bitratePerChannelRange.contains(bitratePerChannel) else {
            throw AudioError(.invalidArgument, "bitratePerChannel \(bitratePerChannel) is outside \(Self.bitratePerChannelRange) bit/s")
        }
        guard Self.complexityRange.contains(complexity) else {
            throw AudioError(.invalidArgument, "complexity \(complexity) is outside \(Self.complexityRange)")
        }
        guard Self.allowedFrameMilliseconds.contains(frameMilliseconds) else {
            throw AudioError(.invalidArgument,
                             "frameMilliseconds \(frameMilliseconds) is not one of \(Self.allowedFrameMilliseconds)")
        }
        guard (frameMilliseconds...Self.maxPageMillisecondsLimit).contains(maxPageMilliseconds) else {
            throw AudioError(.invalidArgument,
                             "maxPageMilliseconds \(maxPageMilliseconds) must be between the frame duration "
                                 + "(\(frameMilliseconds)) and \(Self.maxPageMillisecondsLimit)")
        }
    }
}

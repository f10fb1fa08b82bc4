/// The fingerprint of one hold-audio file the center registered (music on hold, a queue announcement): one 16-bit
/// `HoldPrintCoder` code per 10 ms frame of the file at 8 kHz (200 bytes a second). Pure: samples in, codes out.
public struct HoldAudioPrint: Sendable, Equatable {
    /// The rate the reference codes are made at (the caller resamples the file to it).
    public static let sampleRate = 8000
    /// The analysis frame the codes assume (`AnalysisSettings.frameMs`); other frame lengths skip fingerprints.
    public static let frameMs = 10
    /// Bumped whenever the codes change meaning: stored fingerprints of another version are made again.
    public static let version = 1

    /// A label for listings (the file's name, never its path).
    public var name: String
    public var codes: [UInt16]

    public init(name: String, codes: [UInt16]) {
        self.name = name
        self.codes = codes
    }

    public var durationS: Double { Double(codes.count) * Double(Self.frameMs) / 1000 }

    /// Fingerprints mono `samples` at `sampleRate` (8 kHz; a trailing partial frame is left out).
    public init(name: String, samples: [Float]) {
        self.name = name
        let len = Self.sampleRate * Self.frameMs / 1000
        var coder = HoldPrintCoder(hop: 1)
        var codes: [UInt16] = []
        codes.reserveCapacity(samples.count / len)
        samples.withUnsafeBufferPointer { p in
            guard let base = p.baseAddress else { return }
            for k in 0..<(samples.count / len) {
                let f = FrameFeatures(FrameKernel.mono(base + k * len, frames: len))
                if let c = coder.push(energy: f.energy, lag1: f.lag1, lag2: f.lag2) { codes.append(c) }
            }
        }
        self.codes = codes
    }

    /// The codes as little-endian bytes (for storage).
    public var bytes: [UInt8] {
        var out = [UInt8]()
        out.reserveCapacity(codes.count * 2)
        for c in codes { out.append(UInt8(c & 0xFF)); out.append(UInt8(c >> 8)) }
        return out
    }

    /// Codes from `bytes` (nil for an odd count: not a fingerprint).
    public init?(name: String, bytes: [UInt8]) {
        guard bytes.count % 2 == 0 else { return nil }
        self.name = name
        codes = stride(from: 0, to: bytes.count, by: 2).map { UInt16(bytes[$0]) | UInt16(bytes[$0 + 1]) << 8 }
    }
}

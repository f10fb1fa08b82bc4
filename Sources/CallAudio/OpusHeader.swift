/// The OpusHead identification header (RFC 7845 §5.1): building and parsing.
public struct OpusHeader: Sendable, Equatable {
    public var channels: Int
    /// Samples at 48 kHz to drop at the start of decoding.
    public var preSkip: Int
    /// The rate of the audio before encoding (informational; decoding happens at an Opus rate).
    public var inputSampleRate: Int
    public var outputGain: Int16
    public var mappingFamily: Int
    public var streamCount: Int
    public var coupledCount: Int
    public var mapping: [UInt8]

    /// Family 0 for mono (one stream); family 1 with one uncoupled stream per channel otherwise.
    static func uncoupled(channels: Int, preSkip: Int, inputSampleRate: Int) -> OpusHeader {
        OpusHeader(channels: channels, preSkip: preSkip, inputSampleRate: inputSampleRate, outputGain: 0,
                   mappingFamily: channels == 1 ? 0 : 1, streamCount: channels, coupledCount: 0,
                   mapping: (0..<channels).map { UInt8($0) })
    }

    var packet: [UInt8] {
        var b = Array("OpusHead".utf8)
        b.append(1)
        b.append(UInt8(channels))
        b += LittleEndian.u16(UInt16(preSkip))
        b += LittleEndian.u32(UInt32(inputSampleRate))
        b += LittleEndian.u16(UInt16(bitPattern: outputGain))
        b.append(UInt8(mappingFamily))
        if mappingFamily != 0 {
            b.append(UInt8(streamCount))
            b.append(UInt8(coupledCount))
            b += mapping
        }
        return b
    }

    init(channels: Int, preSkip: Int, inputSampleRate: Int, outputGain: Int16, mappingFamily: Int,
         streamCount: Int, coupledCount: Int, mapping: [UInt8]) {
        self.channels = channels
        self.preSkip = preSkip
        self.inputSampleRate = inputSampleRate
        self.outputGain = outputGain
        self.mappingFamily = mappingFamily
        self.streamCount = streamCount
        self.coupledCount = coupledCount
        self.mapping = mapping
    }

    /// Parses an OpusHead packet; nil when the bytes are not one (or describe an impossible layout).
    init?(packet b: [UInt8]) {
        guard b.count >= 19, b.starts(with: Array("OpusHead".utf8)), b[8] >> 4 == 0 else { return nil }
        channels = Int(b[9])
        preSkip = Int(LittleEndian.read16(b, 10))
        inputSampleRate = Int(LittleEndian.read32(b, 12))
        outputGain = Int16(bitPattern: LittleEndian.read16(b, 16))
        mappingFamily = Int(b[18])
        guard channels >= 1 else { return nil }
        if mappingFamily == 0 {
            guard channels <= 2 else { return nil }
            streamCount = 1
            coupledCount = channels - 1
            mapping = channels == 1 ? [0] : [0, 1]
        } else {
            guard b.count >= 21 + channels else { return nil }
            streamCount = Int(b[19])
            coupledCount = Int(b[20])
            mapping = Array(b[21..<(21 + channels)])
            let decoded = streamCount + coupledCount
            guard streamCount >= 1, coupledCount <= streamCount, decoded <= 255,
                  mapping.allSatisfy({ $0 == 255 || Int($0) < decoded }) else { return nil }
        }
    }
}

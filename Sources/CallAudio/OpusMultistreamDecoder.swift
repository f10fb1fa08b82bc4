import COpus

/// Owns one libopus `OpusMSDecoder`, destroyed in `deinit`.
final class OpusMultistreamDecoder {
    let sampleRate: Int
    let channels: Int
    /// The longest Opus packet (120 ms) in frames at `sampleRate`.
    let maxFrames: Int
    private let decoder: OpaquePointer
    private var pcm: [Float]

    init(sampleRate: Int, header: OpusHeader) throws(AudioError) {
        var error: Int32 = 0
        let created = header.mapping.withUnsafeBufferPointer { mapping in
            opus_multistream_decoder_create(opus_int32(sampleRate), Int32(header.channels), Int32(header.streamCount),
                                            Int32(header.coupledCount), mapping.baseAddress!, &error)
        }
        guard let created, error == OPUS_OK else {
            if let created { opus_multistream_decoder_destroy(created) }
            throw AudioError(.corruptStream,
                             "libopus refused the stream layout in OpusHead: \(String(cString: opus_strerror(error)))")
        }
        decoder = created
        self.sampleRate = sampleRate
        channels = header.channels
        maxFrames = sampleRate * 120 / 1000
        pcm = [Float](repeating: 0, count: maxFrames * header.channels)
        if header.outputGain != 0 {
            let rc = nk_ms_dec_set_gain(created, opus_int32(header.outputGain))
            guard rc == OPUS_OK else {
                throw AudioError(.corruptStream, "libopus refused the output gain: \(String(cString: opus_strerror(rc)))")
            }
        }
    }

    deinit { opus_multistream_decoder_destroy(decoder) }

    /// Decodes one packet; returns its interleaved samples (a view valid until the next call).
    func decode(_ packet: [UInt8]) throws(AudioError) -> ArraySlice<Float> {
        let capacity = maxFrames
        let n = pcm.withUnsafeMutableBufferPointer { out in
            packet.withUnsafeBufferPointer { data in
                opus_multistream_decode_float(decoder, data.baseAddress, opus_int32(data.count), out.baseAddress!,
                                              Int32(capacity), 0)
            }
        }
        guard n >= 0 else {
            throw AudioError(.corruptStream, "libopus could not decode a packet: \(String(cString: opus_strerror(n)))")
        }
        return pcm[0..<(Int(n) * channels)]
    }
}

import COpus

/// Owns one libopus `OpusMSEncoder`, destroyed in `deinit`. Every ctl result is checked.
final class OpusMultistreamEncoder {
    let sampleRate: Int
    let channels: Int
    let frameSize: Int
    /// Encoder lookahead in samples at `sampleRate`.
    let lookahead: Int
    private let encoder: OpaquePointer
    private var packet: [UInt8]

    init(sampleRate: Int, header: OpusHeader, settings: OpusEncodingSettings) throws(AudioError) {
        var error: Int32 = 0
        let created = header.mapping.withUnsafeBufferPointer { mapping in
            opus_multistream_encoder_create(
                opus_int32(sampleRate), Int32(header.channels), Int32(header.streamCount), Int32(header.coupledCount),
                mapping.baseAddress!, nk_application_voip(), &error)
        }
        guard let created, error == OPUS_OK else {
            if let created { opus_multistream_encoder_destroy(created) }
            throw Self.failure("creating the Opus encoder", error)
        }
        encoder = created
        self.sampleRate = sampleRate
        self.channels = header.channels
        self.frameSize = sampleRate * settings.frameMilliseconds / 1000
        packet = [UInt8](repeating: 0, count: 1500 * header.streamCount)

        try Self.check(nk_ms_enc_set_bitrate(created, opus_int32(settings.bitratePerChannel * header.channels)), "setting the bitrate")
        try Self.check(nk_ms_enc_set_vbr(created, settings.vbr ? 1 : 0), "setting VBR")
        try Self.check(nk_ms_enc_set_vbr_constraint(created, 0), "setting unconstrained VBR")
        try Self.check(nk_ms_enc_set_complexity(created, opus_int32(settings.complexity)), "setting the complexity")
        try Self.check(nk_ms_enc_set_signal(created, opus_int32(nk_signal_voice())), "setting the voice signal type")
        var lookahead: opus_int32 = 0
        try Self.check(nk_ms_enc_get_lookahead(created, &lookahead), "reading the encoder lookahead")
        self.lookahead = Int(lookahead)
    }

    deinit { opus_multistream_encoder_destroy(encoder) }

    /// Encodes exactly one frame (`frameSize × channels` interleaved floats) into one packet.
    func encode(_ pcm: UnsafePointer<Float>) throws(AudioError) -> [UInt8] {
        let capacity = packet.count
        let n = packet.withUnsafeMutableBufferPointer { out in
            opus_multistream_encode_float(encoder, pcm, Int32(frameSize), out.baseAddress!, opus_int32(capacity))
        }
        guard n > 0 else { throw Self.failure("encoding a frame", n) }
        return Array(packet[0..<Int(n)])
    }

    static func check(_ code: Int32, _ what: String) throws(AudioError) {
        if code != OPUS_OK { throw failure(what, code) }
    }

    static func failure(_ what: String, _ code: Int32) -> AudioError {
        AudioError(.encodeFailed, "libopus failed \(what): \(String(cString: opus_strerror(code))) (\(code))")
    }
}

import CallModel
import COpus

/// Encodes interleaved float audio into an Ogg Opus stream (RFC 7845) at an Opus-native rate, with libopus
/// (multistream, one uncoupled stream per channel so parties never bleed into each other) and libogg.
///
/// Output is deterministic for the same input, settings, serial number, comments and library build.
/// Pages go to `sink` as they are completed; the sink's bytes are the archive. After any error the writer
/// refuses further calls (its stream state is no longer consistent).
public final class OpusArchiveWriter {
    public let sampleRate: Int
    public let channels: Int
    public let settings: OpusEncodingSettings
    /// Samples at 48 kHz the decoder drops at the start (the encoder's lookahead).
    public let preSkip: Int
    /// The vendor string written to OpusTags.
    public let vendor: String

    private let encoder: OpusMultistreamEncoder
    private let ogg: OggStreamWriter
    /// 48 kHz samples per input sample.
    private let upsample: Int64
    private let maxPageGranule: Int64
    private var pending: [Float]
    private var pendingFrames = 0
    private var held: [UInt8]?
    private var packets: Int64 = 0
    private var totalFrames: Int64 = 0
    private var state: State = .open

    private enum State { case open, finished, failed }

    public static var defaultVendor: String {
        "\(String(cString: opus_get_version_string())), nokchwi \(NokchwiVersion.current)"
    }

    /// - Parameters:
    ///   - sampleRate: an Opus rate (8000, 12000, 16000, 24000, 48000): audio is encoded at this rate.
    ///   - channels: 1 (mapping family 0) or 2 (family 1, two uncoupled streams).
    ///   - inputSampleRate: the recording's original rate for OpusHead; defaults to `sampleRate`.
    ///   - sink: receives each page; errors it throws are reported as `.writeFailed`.
    public init(sampleRate: Int, channels: Int, settings: OpusEncodingSettings = OpusEncodingSettings(),
                serialNumber: Int32, comments: [(String, String)], inputSampleRate: Int? = nil,
                vendor: String = OpusArchiveWriter.defaultVendor,
                sink: @escaping (UnsafeRawBufferPointer) throws -> Void) throws(AudioError) {
        guard OpusRate.isSupported(sampleRate) else {
            throw AudioError(.invalidArgument, "\(sampleRate) Hz is not an Opus rate; resample to one of \(OpusRate.supported)")
        }
        guard (1...2).contains(channels) else {
            throw AudioError(.invalidArgument, "archives have 1 or 2 channels, not \(channels)")
        }
        try settings.validate()
        for (key, _) in comments { try OpusTags.validate(key: key) }
        let inputRate = inputSampleRate ?? sampleRate
        guard (1...Int(UInt32.max)).contains(inputRate) else {
            throw AudioError(.invalidArgument, "input sample rate \(inputRate) is invalid")
        }

        var header = OpusHeader.uncoupled(channels: channels, preSkip: 0, inputSampleRate: inputRate)
        encoder = try OpusMultistreamEncoder(sampleRate: sampleRate, header: header, settings: settings)
        upsample = Int64(48000 / sampleRate)
        preSkip = encoder.lookahead * Int(upsample)
        header.preSkip = preSkip
        self.sampleRate = sampleRate
        self.channels = channels
        self.settings = settings
        self.vendor = vendor
        maxPageGranule = Int64(settings.maxPageMilliseconds) * 48
        pending = [Float](repeating: 0, count: encoder.frameSize * channels)
        ogg = try OggStreamWriter(serialNumber: serialNumber) { (page: [UInt8]) throws(AudioError) in
            do {
                try page.withUnsafeBytes { try sink($0) }
            } catch let error as AudioError {
                throw error
            } catch {
                throw AudioError(.writeFailed, "the archive output refused a page; check the destination", underlying: "\(error)")
            }
        }
        let tags = OpusTags(vendor: vendor, comments: comments.map { OpusTags.Comment(key: $0.0, value: $0.1) })
        try guarded { () throws(AudioError) in
            try ogg.add(header.packet, granule: 0)
            try ogg.flush()
            try ogg.add(tags.packet, granule: 0)
            try ogg.flush()
        }
    }

    /// Encodes `frames` interleaved frames. Any chunk size: partial Opus frames are buffered.
    public func write(interleaved: UnsafeBufferPointer<Float>, frames: Int) throws(AudioError) {
        guard state == .open else { throw closedError() }
        guard frames >= 0, frames * channels <= interleaved.count else {
            throw AudioError(.invalidArgument, "\(frames) frames of \(channels) channel(s) do not fit \(interleaved.count) samples")
        }
        guard frames > 0, let base = interleaved.baseAddress else { return }
        try guarded { () throws(AudioError) in
            let frameSize = encoder.frameSize
            var offset = 0
            while offset < frames {
                let take = min(frameSize - pendingFrames, frames - offset)
                pending.withUnsafeMutableBufferPointer { dst in
                    let target = dst.baseAddress! + pendingFrames * channels
                    target.update(from: base + offset * channels, count: take * channels)
                    // A damaged float recording can hold NaN or infinity: encode those samples as silence.
                    for i in 0..<(take * channels) where !target[i].isFinite { target[i] = 0 }
                }
                pendingFrames += take
                offset += take
                if pendingFrames == frameSize { try encodePending() }
            }
            totalFrames += Int64(frames)
        }
    }

    /// Pads and encodes the last frame, writes the end-of-stream page and returns the summary.
    public func finish() throws(AudioError) -> OpusArchiveSummary {
        guard state == .open else { throw closedError() }
        let finalGranule = Int64(preSkip) + totalFrames * upsample
        let frame48 = Int64(encoder.frameSize) * upsample
        try guarded { () throws(AudioError) in
            if pendingFrames > 0 || packets == 0 { try encodePending() }
            // The decoder must produce preSkip + all input samples: encode silence until it does.
            while packets * frame48 < finalGranule { try encodePending() }
            if let last = held {
                try ogg.add(last, granule: finalGranule, endOfStream: true)
                held = nil
            }
            try ogg.flush()
        }
        state = .finished
        return OpusArchiveSummary(frames: totalFrames, granulePosition: finalGranule, pages: ogg.pages,
                                  bytes: ogg.bytes, preSkip: preSkip)
    }

    /// Encodes the pending frame (zero-padded) and submits the previously held packet.
    private func encodePending() throws(AudioError) {
        if pendingFrames < encoder.frameSize {
            for i in (pendingFrames * channels)..<pending.count { pending[i] = 0 }
        }
        let packet = try pending.withUnsafeBufferPointer { (pcm) throws(AudioError) in try encoder.encode(pcm.baseAddress!) }
        pendingFrames = 0
        packets += 1
        if let previous = held {
            // Granule of a page = samples decoded after its last packet, pre-skip included (RFC 7845 §4).
            let granule = (packets - 1) * Int64(encoder.frameSize) * upsample
            try ogg.add(previous, granule: granule)
            try ogg.pageOut()
            if granule - ogg.lastPageGranule >= maxPageGranule { try ogg.flush() }
        }
        held = packet
    }

    private func guarded(_ body: () throws(AudioError) -> Void) throws(AudioError) {
        do {
            try body()
        } catch {
            state = .failed
            throw error
        }
    }

    private func closedError() -> AudioError {
        AudioError(.invalidArgument, state == .finished
            ? "the archive is already finished; start a new writer"
            : "an earlier error left this archive incomplete; discard it and start again")
    }
}

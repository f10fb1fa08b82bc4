/// Reads an Ogg Opus archive (RFC 7845) with libogg and the libopus multistream decoder.
///
/// Decodes at `decodeRate` (the Opus rate nokchwi encodes the header's original rate at; 48 kHz when unspecified), removes the pre-skip at the
/// start and trims the end to the final granule position, so `read` returns exactly `totalFrames` frames.
/// Integrity: libogg's CRC check runs on every page; a damaged page, a missing page, an undecodable packet
/// → `.corruptStream`; a stream without its end-of-stream page or shorter than its final granule → `.truncated`.
public final class OpusArchiveReader {
    public let header: OpusHeader
    public let vendor: String
    public let comments: [(String, String)]
    public let serialNumber: Int32
    /// Rate of the decoded output.
    public let decodeRate: Int
    /// Frames per channel at `decodeRate` (final granule − pre-skip, scaled).
    public let totalFrames: Int64
    public let path: String?
    /// Frames per channel returned so far.
    public private(set) var framesRead: Int64 = 0

    public var channels: Int { header.channels }
    public var streamCount: Int { header.streamCount }
    public var coupledCount: Int { header.coupledCount }
    public var mappingFamily: Int { header.mappingFamily }
    public var inputSampleRate: Int { header.inputSampleRate }
    public var preSkip: Int { header.preSkip }
    public var durationSeconds: Double { Double(totalFrames) / Double(decodeRate) }

    private let source: any ArchiveByteSource
    private let packets: OggPacketStream
    private let decoder: OpusMultistreamDecoder
    private var skipFrames: Int
    private var pendingSamples: ArraySlice<Float> = []
    private var ended = false

    public convenience init(path: String) throws(AudioError) {
        try self.init(source: FileByteSource(path: path), path: path)
    }

    public init(source: any ArchiveByteSource, path: String? = nil) throws(AudioError) {
        self.source = source
        self.path = path
        guard source.size > 0 else {
            throw AudioError(.notOpus, "the archive is empty (0 bytes)", path: path)
        }
        let packets = try OggPacketStream(source: source, path: path)
        guard let head = try packets.next(), let header = OpusHeader(packet: head.bytes) else {
            throw AudioError(.notOpus, "the first packet is not an OpusHead header; this is not an Ogg Opus file", path: path)
        }
        guard let second = try packets.next() else {
            throw AudioError(.truncated, "the archive ends before its OpusTags header", path: path)
        }
        guard let tags = OpusTags(packet: second.bytes) else {
            throw AudioError(.notOpus, "the second packet is not an OpusTags header; this is not an Ogg Opus file", path: path)
        }
        self.packets = packets
        self.header = header
        self.serialNumber = packets.serialNumber
        vendor = tags.vendor
        comments = tags.comments.map { ($0.key, $0.value) }
        // The rate the writer encoded at: the Opus rate it chose for the original rate in the header (11,025 Hz → 12 kHz);
        // 48 kHz when the header leaves the original rate unspecified (0).
        decodeRate = header.inputSampleRate > 0 ? OpusRate.nativeRate(for: header.inputSampleRate) : 48000
        do {
            decoder = try OpusMultistreamDecoder(sampleRate: decodeRate, header: header)
        } catch {
            throw error.at(path)
        }

        let tail = try OggTailScan.run(source, serial: packets.serialNumber, path: path)
        try packets.resume()
        let scale = Int64(48000 / decodeRate)
        guard tail.granule >= Int64(header.preSkip) else {
            throw AudioError(.corruptStream, "the final granule position \(tail.granule) is below the pre-skip "
                + "\(header.preSkip)", path: path)
        }
        totalFrames = (tail.granule - Int64(header.preSkip)) / scale
        skipFrames = (header.preSkip + Int(scale) - 1) / Int(scale)
    }

    /// The first value of a comment, by case-insensitive key.
    public func comment(_ key: String) -> String? {
        comments.first { $0.0.uppercased() == key.uppercased() }?.1
    }

    /// Up to `maxFrames` interleaved frames at `decodeRate`; empty at the end.
    public func read(maxFrames: Int) throws(AudioError) -> [Float] {
        guard maxFrames > 0 else {
            throw AudioError(.invalidArgument, "maxFrames must be positive, not \(maxFrames)", path: path)
        }
        let wanted = Int(min(Int64(maxFrames), totalFrames - framesRead))
        var out: [Float] = []
        out.reserveCapacity(wanted * channels)
        while out.count < wanted * channels {
            if pendingSamples.isEmpty {
                guard try decodeNext() else { break }
                continue
            }
            let take = min(pendingSamples.count, wanted * channels - out.count)
            out.append(contentsOf: pendingSamples.prefix(take))
            pendingSamples = pendingSamples.dropFirst(take)
        }
        framesRead += Int64(out.count / channels)
        if out.isEmpty && framesRead < totalFrames {
            throw AudioError(.truncated, "the archive ended after \(framesRead) of the \(totalFrames) frames its "
                + "final granule position promises; restore it from a replica", path: path)
        }
        return out
    }

    /// Decodes the next packet into `pendingSamples` (after the pre-skip); false at the end of the stream.
    private func decodeNext() throws(AudioError) -> Bool {
        guard !ended, let packet = try packets.next() else {
            ended = true
            return false
        }
        if packet.endOfStream { ended = true }
        var samples: ArraySlice<Float>
        do {
            samples = try decoder.decode(packet.bytes)
        } catch {
            throw error.at(path)
        }
        if skipFrames > 0 {
            let drop = min(skipFrames, samples.count / channels)
            skipFrames -= drop
            samples = samples.dropFirst(drop * channels)
        }
        pendingSamples = samples
        return true
    }
}

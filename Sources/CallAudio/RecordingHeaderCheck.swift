/// Checks the size fields of WAV (RIFF/RIFX) and AU headers against the file's real size.
///
/// libsndfile 1.2.0 silently clamps a `data` chunk that claims more bytes than the file holds (and ignores a
/// RIFF size of 0 or 0xFFFFFFFF), so a cut or half-written recording would otherwise be read as a valid,
/// shorter one. The rule:
/// - sizes that are internally consistent but run past the end of the file → `.truncated`
///   (the header was finished, then bytes were lost: interrupted copy, full disk);
/// - sizes that contradict each other, or placeholders (0, 0x7FFFFFFF, 0xFFFFFFFF) a recorder never
///   finalised → `.headerMismatch`.
/// The WAVE chunks before 'data' are walked too: one 'fmt ' chunk whose channels and sample rate lie within
/// `SndFileLimits` (`.invalidFormat` otherwise), no second 'fmt ' chunk and no odd-sized chunk missing its pad
/// byte (`.headerMismatch`). JUNK, LIST and other chunks are skipped; chunks after 'data' are not read.
/// Trailing bytes after the RIFF chunk are accepted. Other containers are checked from libsndfile's log
/// (`SndFileLogCheck`) and by counting decoded frames.
struct RecordingHeaderCheck {
    let path: String
    let fileSize: Int64

    static let placeholders: Set<UInt32> = [0x7FFF_FFFF, 0xFFFF_FFFF]

    func run(_ source: some ArchiveByteSource) throws(AudioError) {
        let head = try read(source, at: 0, count: 12)
        guard head.count >= 4 else { return }
        switch String(decoding: head[0..<4], as: UTF8.self) {
        case "RIFF": try checkRIFF(source, head: head, bigEndian: false)
        case "RIFX": try checkRIFF(source, head: head, bigEndian: true)
        case ".snd": try checkAU(source)
        default: return
        }
    }

    private func checkRIFF(_ source: some ArchiveByteSource, head: [UInt8], bigEndian: Bool) throws(AudioError) {
        guard head.count == 12 else { throw cut("the file ends inside the RIFF header") }
        guard String(decoding: head[8..<12], as: UTF8.self) == "WAVE" else { return }
        let riffSize = Self.u32(head, 4, bigEndian)
        var offset: Int64 = 12
        var chunks = 0
        var sawFormat = false
        var previous: (id: String, size: UInt32)?
        while true {
            let header = offset < fileSize ? try read(source, at: offset, count: 8) : []
            guard header.count == 8 else {
                if Int64(riffSize) + 8 > fileSize, !Self.placeholders.contains(riffSize), riffSize != 0 {
                    throw cut("the file ends after \(fileSize) bytes, before the 'data' chunk; the RIFF header declares \(Int64(riffSize) + 8)")
                }
                return  // no data chunk: libsndfile reports it
            }
            let id = String(decoding: header[0..<4], as: UTF8.self)
            let size = Self.u32(header, 4, bigEndian)
            let body = offset + 8
            if let previous, previous.size & 1 == 1, !Self.commonChunkIDs.contains(id) {
                try checkPadByte(source, after: previous, at: offset, id: header[0..<4])
            }
            if id == "fmt " {
                guard !sawFormat else {
                    throw mismatch("a second 'fmt ' chunk follows the first (at byte \(offset)); a WAVE file has exactly one, "
                        + "and two may describe the audio differently")
                }
                sawFormat = true
                try checkFormat(source, size: size, at: body, bigEndian: bigEndian)
            }
            if id == "data" {
                try checkData(source, riffSize: riffSize, dataSize: size, dataOffset: body)
                return
            }
            previous = (id, size)
            offset = body + Int64(size) + Int64(size & 1)
            chunks += 1
            if chunks > 10_000 { return }  // let libsndfile judge the odd file
        }
    }

    /// The 'fmt ' chunk's channel count and sample rate, checked before libsndfile sees them (it refuses some
    /// with a vague message and allocates for others).
    private func checkFormat(_ source: some ArchiveByteSource, size: UInt32, at body: Int64,
                             bigEndian: Bool) throws(AudioError) {
        let fmt = try read(source, at: body, count: 16)
        guard fmt.count == 16 else { throw cut("the file ends inside the 'fmt ' chunk") }
        guard size >= 16 else {
            throw AudioError(.invalidFormat, "the 'fmt ' chunk is \(size) bytes, shorter than the 16 every WAVE format "
                + "needs; the header is damaged: re-export the recording", path: path)
        }
        let channels = Int(bigEndian ? UInt16(fmt[2]) << 8 | UInt16(fmt[3]) : UInt16(fmt[3]) << 8 | UInt16(fmt[2]))
        let rate = Int(Self.u32(fmt, 4, bigEndian))
        guard SndFileLimits.channels.contains(channels) else {
            throw AudioError(.invalidFormat, "the header declares \(channels) channels, outside \(SndFileLimits.channels); "
                + "not a call recording, or a damaged header", path: path)
        }
        guard SndFileLimits.sampleRates.contains(rate) else {
            throw AudioError(.invalidFormat, "the header declares a sample rate of \(rate) Hz, outside "
                + "\(SndFileLimits.sampleRates) Hz; the header is damaged", path: path)
        }
    }

    /// After an odd-sized chunk a pad byte must follow. When the next chunk's name only makes sense one byte
    /// earlier, the writer left the pad byte out and every later chunk is misaligned (libsndfile then finds
    /// no 'data' chunk and says so, which does not tell what is wrong).
    private func checkPadByte(_ source: some ArchiveByteSource, after previous: (id: String, size: UInt32),
                              at offset: Int64, id: ArraySlice<UInt8>) throws(AudioError) {
        let back = try read(source, at: offset - 1, count: 4)
        guard back.count == 4 else { return }
        let backID = String(decoding: back, as: UTF8.self)
        if Self.commonChunkIDs.contains(backID) || (!Self.isChunkID(id) && Self.isChunkID(back[...])) {
            throw mismatch("the '\(Self.printable(previous.id))' chunk has an odd size (\(previous.size) bytes) but no pad "
                + "byte after it, so the chunks after it are misaligned by one byte")
        }
    }

    /// Chunk names WAVE writers commonly put before or around 'data'.
    static let commonChunkIDs: Set<String> = ["data", "fmt ", "fact", "LIST", "JUNK", "junk", "PAD ", "FLLR", "bext",
                                              "cue ", "smpl", "inst", "iXML", "id3 ", "ID3 ", "PEAK", "cart", "ds64"]

    static func isChunkID(_ bytes: ArraySlice<UInt8>) -> Bool {
        bytes.count == 4 && bytes.allSatisfy { (0x20...0x7E).contains($0) }
    }

    /// A chunk name safe to quote in a message (non-printable bytes as '?').
    static func printable(_ id: String) -> String {
        String(id.unicodeScalars.map { (0x20...0x7E).contains($0.value) ? Character($0) : "?" })
    }

    private func checkData(_ source: some ArchiveByteSource, riffSize: UInt32, dataSize: UInt32,
                           dataOffset: Int64) throws(AudioError) {
        let dataEnd = dataOffset + Int64(dataSize)
        let riffEnd = Int64(riffSize) + 8
        let available = fileSize - dataOffset
        if Self.placeholders.contains(dataSize) {
            throw mismatch("the 'data' chunk size is the placeholder 0x\(String(dataSize, radix: 16, uppercase: true)) "
                + "(a header the recorder never finalised); the file holds \(available) bytes of data")
        }
        if dataSize == 0, available >= 8 {
            let next = try read(source, at: dataOffset, count: 8)
            let plausibleChunk = next.prefix(4).allSatisfy { (0x20...0x7E).contains($0) }
            if !plausibleChunk {
                throw mismatch("the 'data' chunk size is 0 but \(available) bytes follow (a header the recorder never finalised)")
            }
        }
        if riffSize == 0 || Self.placeholders.contains(riffSize) {
            throw mismatch("the RIFF size is the placeholder \(riffSize) (a header the recorder never finalised)")
        }
        if riffEnd < dataEnd {
            throw mismatch("the 'data' chunk claims \(dataSize) bytes, past the end of the RIFF chunk (\(riffEnd) bytes)")
        }
        if dataEnd > fileSize {
            throw cut("the header declares \(dataSize) bytes of audio but the file ends after \(available)")
        }
        // Some writers count the pad byte of an odd-sized data chunk in the RIFF size without writing it.
        let padAllowance: Int64 = dataSize & 1 == 1 && dataEnd == fileSize ? 1 : 0
        if riffEnd > fileSize + padAllowance {
            throw cut("the RIFF header declares \(riffEnd) bytes but the file has \(fileSize); its tail is missing")
        }
    }

    private func checkAU(_ source: some ArchiveByteSource) throws(AudioError) {
        let head = try read(source, at: 0, count: 24)
        guard head.count == 24 else { throw cut("the file ends inside the AU header") }
        let dataOffset = Int64(Self.u32(head, 4, true))
        let dataSize = Self.u32(head, 8, true)
        guard dataSize != 0xFFFF_FFFF else { return }  // AU allows "unknown size": the data runs to the end
        if dataOffset + Int64(dataSize) > fileSize {
            throw cut("the AU header declares \(dataSize) bytes of audio but the file ends after \(max(0, fileSize - dataOffset))")
        }
    }

    private func read(_ source: some ArchiveByteSource, at offset: Int64, count: Int) throws(AudioError) -> [UInt8] {
        do {
            return try source.readBytes(at: offset, count: count)
        } catch let error as AudioError {
            throw error.at(path)
        } catch {
            throw AudioError(.cannotOpen, "reading the header failed", path: path, underlying: "\(error)")
        }
    }

    private func cut(_ detail: String) -> AudioError {
        AudioError(.truncated, "\(detail): the recording was cut short (interrupted copy or full disk); "
            + "fetch it again from the recorder", path: path)
    }

    private func mismatch(_ detail: String) -> AudioError {
        AudioError(.headerMismatch, "\(detail); the header does not describe the file: "
            + "repair it with the recorder's tools or re-export the recording", path: path)
    }

    static func u32(_ b: [UInt8], _ at: Int, _ bigEndian: Bool) -> UInt32 {
        let v = (0..<4).map { UInt32(b[at + $0]) }
        return bigEndian ? v[0] << 24 | v[1] << 16 | v[2] << 8 | v[3] : v[3] << 24 | v[2] << 16 | v[1] << 8 | v[0]
    }
}

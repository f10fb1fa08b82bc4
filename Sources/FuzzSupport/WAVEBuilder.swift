/// A WAVE file built chunk by chunk, so a test or a fuzz seed controls every size field, every chunk's
/// order and padding, and what follows the RIFF chunk.
public struct WAVEBuilder: Sendable {
    public struct Chunk: Sendable {
        public var id: String
        public var body: [UInt8]
        /// Write the pad byte after an odd-sized body (RIFF requires it).
        public var pad: Bool
        /// The size written in the chunk header instead of the body's real size.
        public var declaredSize: UInt32?

        public init(_ id: String, _ body: [UInt8], pad: Bool = true, declaredSize: UInt32? = nil) {
            self.id = id
            self.body = body
            self.pad = pad
            self.declaredSize = declaredSize
        }

        /// A 16-byte 'fmt ' chunk (format tag 1 = PCM, 7 = mu-law, 6 = A-law).
        public static func fmt(channels: UInt16 = 1, rate: UInt32 = 8000, bits: UInt16 = 16, tag: UInt16 = 1) -> Chunk {
            let blockAlign = UInt16(truncatingIfNeeded: Int(channels) * Int(bits) / 8)
            let byteRate = UInt32(truncatingIfNeeded: Int(rate) * Int(blockAlign))
            let body = WAVEBuilder.le16(tag) + WAVEBuilder.le16(channels) + WAVEBuilder.le32(rate)
                + WAVEBuilder.le32(byteRate) + WAVEBuilder.le16(blockAlign) + WAVEBuilder.le16(bits)
            return Chunk("fmt ", body)
        }

        /// A LIST/INFO chunk with one text entry (odd text lengths give an odd-sized chunk).
        public static func listInfo(_ key: String = "ISFT", _ text: String) -> Chunk {
            let value = Array(text.utf8)
            return Chunk("LIST", Array("INFO".utf8) + Array(key.utf8) + WAVEBuilder.le32(UInt32(value.count)) + value)
        }
    }

    public var chunks: [Chunk]
    /// The RIFF size written instead of the real one.
    public var riffSize: UInt32?
    /// Bytes after the RIFF chunk.
    public var trailing: [UInt8] = []

    public init(_ chunks: [Chunk], riffSize: UInt32? = nil, trailing: [UInt8] = []) {
        self.chunks = chunks
        self.riffSize = riffSize
        self.trailing = trailing
    }

    /// A plain PCM file: 'fmt ' then 'data'.
    public static func pcm(_ samples: [UInt8], channels: UInt16 = 1, rate: UInt32 = 8000, bits: UInt16 = 16) -> WAVEBuilder {
        WAVEBuilder([.fmt(channels: channels, rate: rate, bits: bits), Chunk("data", samples)])
    }

    public var bytes: [UInt8] {
        var body = Array("WAVE".utf8)
        for chunk in chunks {
            body += Array(chunk.id.utf8.prefix(4)) + Self.le32(chunk.declaredSize ?? UInt32(chunk.body.count)) + chunk.body
            if chunk.pad && chunk.body.count % 2 == 1 { body.append(0) }
        }
        return Array("RIFF".utf8) + Self.le32(riffSize ?? UInt32(body.count)) + body + trailing
    }

    /// 16-bit little-endian PCM of samples in -1...1.
    public static func pcm16(_ samples: [Float]) -> [UInt8] {
        samples.flatMap { s -> [UInt8] in
            le16(UInt16(bitPattern: Int16((max(-1, min(1, s)) * 32767).rounded())))
        }
    }

    public static func le16(_ v: UInt16) -> [UInt8] { [UInt8(v & 0xFF), UInt8(v >> 8)] }
    public static func le32(_ v: UInt32) -> [UInt8] { (0..<4).map { UInt8((v >> (8 * $0)) & 0xFF) } }

    /// Byte offset and size of the first chunk named `id` in a RIFF/WAVE file, by walking its chunks.
    public static func chunk(_ id: String, in bytes: [UInt8]) -> (offset: Int, size: Int)? {
        var at = 12
        while at + 8 <= bytes.count {
            let size = Int(bytes[at + 4]) | Int(bytes[at + 5]) << 8 | Int(bytes[at + 6]) << 16 | Int(bytes[at + 7]) << 24
            if bytes[at..<(at + 4)].elementsEqual(id.utf8) { return (at + 8, size) }
            at += 8 + size + (size & 1)
        }
        return nil
    }
}

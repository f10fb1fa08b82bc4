/// The OpusTags comment header (RFC 7845 §5.2).
public struct OpusTags: Sendable, Equatable {
    public var vendor: String
    public var comments: [Comment]

    public struct Comment: Sendable, Equatable {
        public var key: String
        public var value: String
    }

    /// Throws `.invalidArgument` for a key RFC 7845 forbids (empty, '=', or outside ASCII 0x20...0x7D).
    static func validate(key: String) throws(AudioError) {
        let ok = !key.isEmpty && key.utf8.allSatisfy { (0x20...0x7D).contains($0) && $0 != UInt8(ascii: "=") }
        guard ok else {
            throw AudioError(.invalidArgument, "comment key \"\(key)\" is not allowed: use ASCII letters, digits and '_' only")
        }
    }

    var packet: [UInt8] {
        var b = Array("OpusTags".utf8)
        let vendorBytes = Array(vendor.utf8)
        b += LittleEndian.u32(UInt32(vendorBytes.count)) + vendorBytes
        b += LittleEndian.u32(UInt32(comments.count))
        for c in comments {
            let text = Array("\(c.key)=\(c.value)".utf8)
            b += LittleEndian.u32(UInt32(text.count)) + text
        }
        return b
    }

    init(vendor: String, comments: [Comment]) {
        self.vendor = vendor
        self.comments = comments
    }

    init?(packet b: [UInt8]) {
        guard b.count >= 16, b.starts(with: Array("OpusTags".utf8)) else { return nil }
        var at = 8
        func field() -> [UInt8]? {
            guard at + 4 <= b.count else { return nil }
            let n = Int(LittleEndian.read32(b, at))
            at += 4
            guard n <= b.count - at else { return nil }
            defer { at += n }
            return Array(b[at..<(at + n)])
        }
        guard let v = field(), at + 4 <= b.count else { return nil }
        vendor = String(decoding: v, as: UTF8.self)
        let count = Int(LittleEndian.read32(b, at))
        at += 4
        guard count <= (b.count - at) / 4 else { return nil }
        var list: [Comment] = []
        for _ in 0..<count {
            guard let f = field() else { return nil }
            let text = String(decoding: f, as: UTF8.self)
            guard let eq = text.firstIndex(of: "=") else { continue }
            list.append(Comment(key: String(text[..<eq]), value: String(text[text.index(after: eq)...])))
        }
        comments = list
    }
}

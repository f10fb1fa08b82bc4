/// Packets of the first logical stream in an Ogg source, in order, with every failure typed:
/// a page with a bad CRC or a missing page → `.corruptStream`; bytes that are not Ogg → `.notOpus`.
final class OggPacketStream {
    struct Packet {
        var bytes: [UInt8]
        var endOfStream: Bool
    }

    let serialNumber: Int32
    private let source: any ArchiveByteSource
    private let path: String?
    private let sync = OggPageSync()
    private let stream: OggStreamReader
    private var eof = false
    private var pages = 0

    init(source: any ArchiveByteSource, path: String?) throws(AudioError) {
        self.source = source
        self.path = path
        let magic: [UInt8]
        do {
            magic = try source.readBytes(at: 0, count: 4)
            try source.seek(to: 0)
        } catch {
            throw AudioError(.readFailed, "cannot read the start of the archive", path: path, underlying: "\(error)")
        }
        guard magic.elementsEqual("OggS".utf8) else {
            throw AudioError(.notOpus, "the file does not start with an Ogg page; this is not an Ogg Opus archive",
                             path: path)
        }
        while true {
            switch sync.next() {
            case .page(let page):
                guard page.isBeginning else {
                    throw AudioError(.notOpus, "the first Ogg page does not begin a stream", path: path)
                }
                stream = try OggStreamReader(serialNumber: page.serial)
                serialNumber = page.serial
                guard stream.add(page) else {
                    throw AudioError(.corruptStream, "libogg refused the first page", path: path)
                }
                pages = 1
                return
            case .skipped:
                throw AudioError(.corruptStream, "the first Ogg page is damaged (bad CRC); restore the archive from a replica",
                                 path: path)
            case .needMore:
                if eof {
                    throw AudioError(.truncated, "the archive ends inside its first page", path: path)
                }
                if sync.bytesFed > 65_536 + 282 {
                    throw AudioError(.corruptStream, "no valid Ogg page at the start of the archive", path: path)
                }
                eof = try sync.feed(from: source, path: path) == 0
            }
        }
    }

    /// Repositions the source after another reader (the tail scan) moved it.
    func resume() throws(AudioError) {
        do {
            try source.seek(to: sync.bytesFed)
        } catch {
            throw AudioError(.readFailed, "cannot seek back in the archive", path: path, underlying: "\(error)")
        }
    }

    /// The next packet, or nil at the end of the source.
    func next() throws(AudioError) -> Packet? {
        while true {
            switch stream.next() {
            case .packet(let bytes, let end):
                return Packet(bytes: bytes, endOfStream: end)
            case .gap:
                throw AudioError(.corruptStream, "a page is missing after page \(pages) (sequence gap); "
                    + "restore the archive from a replica", path: path)
            case .needPage:
                guard try nextPage() else { return nil }
            }
        }
    }

    private func nextPage() throws(AudioError) -> Bool {
        while true {
            switch sync.next() {
            case .page(let page):
                guard page.serial == serialNumber else { continue }  // another multiplexed stream: not ours
                guard stream.add(page) else {
                    throw AudioError(.corruptStream, "libogg refused page \(pages + 1)", path: path)
                }
                pages += 1
                return true
            case .skipped(let count):
                throw AudioError(.corruptStream, "\(count) damaged bytes (bad CRC or garbage) after page \(pages); "
                    + "restore the archive from a replica", path: path)
            case .needMore:
                if eof { return false }
                eof = try sync.feed(from: source, path: path) == 0
            }
        }
    }
}

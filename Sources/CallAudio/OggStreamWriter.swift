import COgg

/// Owns one libogg `ogg_stream_state` used to packetise an encoded stream into pages (libogg computes
/// lacing and CRC). Cleared and freed in `deinit`. Each finished page goes to `emit` as one byte buffer.
final class OggStreamWriter {
    private let state: UnsafeMutablePointer<ogg_stream_state>
    private var packetNumber: Int64 = 0
    private let emit: ([UInt8]) throws(AudioError) -> Void
    private(set) var pages = 0
    private(set) var bytes: Int64 = 0
    /// Granule position of the last emitted page that completed a packet.
    private(set) var lastPageGranule: Int64 = 0

    init(serialNumber: Int32, emit: @escaping ([UInt8]) throws(AudioError) -> Void) throws(AudioError) {
        state = .allocate(capacity: 1)
        guard ogg_stream_init(state, serialNumber) == 0 else {
            state.deallocate()
            throw AudioError(.encodeFailed, "libogg could not initialise a stream (out of memory?)")
        }
        self.emit = emit
    }

    deinit {
        ogg_stream_clear(state)
        state.deallocate()
    }

    /// Adds one packet. Returns after emitting any page libogg considers full.
    func add(_ data: [UInt8], granule: Int64, endOfStream: Bool = false) throws(AudioError) {
        let rc = data.withUnsafeBufferPointer { bytes in
            var packet = ogg_packet()
            packet.packet = UnsafeMutablePointer(mutating: bytes.baseAddress)
            packet.bytes = bytes.count
            packet.b_o_s = packetNumber == 0 ? 1 : 0
            packet.e_o_s = endOfStream ? 1 : 0
            packet.granulepos = granule
            packet.packetno = packetNumber
            return ogg_stream_packetin(state, &packet)
        }
        guard rc == 0 else { throw AudioError(.encodeFailed, "libogg refused packet \(packetNumber)") }
        packetNumber += 1
    }

    /// Emits the pages libogg has filled (about 4 KB each). Returns how many.
    @discardableResult
    func pageOut() throws(AudioError) -> Int {
        try drain { ogg_stream_pageout(state, $0) }
    }

    /// Emits every buffered packet, ending the current page. Returns how many pages.
    @discardableResult
    func flush() throws(AudioError) -> Int {
        try drain { ogg_stream_flush(state, $0) }
    }

    private func drain(_ next: (UnsafeMutablePointer<ogg_page>) -> Int32) throws(AudioError) -> Int {
        var count = 0
        var page = ogg_page()
        while next(&page) != 0 {
            var bytes = [UInt8]()
            bytes.reserveCapacity(page.header_len + page.body_len)
            bytes.append(contentsOf: UnsafeBufferPointer(start: page.header, count: page.header_len))
            bytes.append(contentsOf: UnsafeBufferPointer(start: page.body, count: page.body_len))
            try emit(bytes)
            count += 1
            pages += 1
            self.bytes += Int64(bytes.count)
            let granule = ogg_page_granulepos(&page)
            if granule >= 0 { lastPageGranule = granule }
        }
        return count
    }
}

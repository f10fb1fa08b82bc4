import COgg

/// Owns one libogg `ogg_stream_state` that reassembles packets from the pages of one logical stream.
/// Cleared and freed in `deinit`.
final class OggStreamReader {
    let serialNumber: Int32
    private let state: UnsafeMutablePointer<ogg_stream_state>

    init(serialNumber: Int32) throws(AudioError) {
        state = .allocate(capacity: 1)
        guard ogg_stream_init(state, serialNumber) == 0 else {
            state.deallocate()
            throw AudioError(.readFailed, "libogg could not initialise a stream (out of memory?)")
        }
        self.serialNumber = serialNumber
    }

    deinit {
        ogg_stream_clear(state)
        state.deallocate()
    }

    /// Adds a page of this stream; false when libogg refuses it (wrong serial, bad version).
    func add(_ page: ogg_page) -> Bool {
        var copy = page
        return ogg_stream_pagein(state, &copy) == 0
    }

    enum Next {
        case packet([UInt8], endOfStream: Bool)
        /// A page is missing before this packet (libogg saw a gap in page sequence numbers).
        case gap
        case needPage
    }

    func next() -> Next {
        var packet = ogg_packet()
        switch ogg_stream_packetout(state, &packet) {
        case 1:
            let bytes = packet.bytes > 0 ? Array(UnsafeBufferPointer(start: packet.packet, count: packet.bytes)) : []
            return .packet(bytes, endOfStream: packet.e_o_s != 0)
        case 0:
            return .needPage
        default:
            return .gap
        }
    }
}

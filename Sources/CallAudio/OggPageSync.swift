import COgg

/// Owns one libogg `ogg_sync_state`: finds pages (and checks their CRC) in bytes pulled from a source.
/// Cleared and freed in `deinit`.
final class OggPageSync {
    enum Next {
        /// A page whose CRC checked. Its bytes stay valid until the next call.
        case page(ogg_page)
        /// Bytes that are not a valid page were skipped (bad CRC, garbage, or the middle of a page).
        case skipped(Int)
        /// More bytes are needed.
        case needMore
    }

    private let state: UnsafeMutablePointer<ogg_sync_state>
    /// Total bytes handed to libogg.
    private(set) var bytesFed: Int64 = 0
    /// Bytes libogg has returned as pages or skipped.
    private(set) var bytesConsumed: Int64 = 0

    init() {
        state = .allocate(capacity: 1)
        ogg_sync_init(state)
    }

    deinit {
        ogg_sync_clear(state)
        state.deallocate()
    }

    /// Reads up to `count` bytes from `source` into libogg's buffer; returns the count (0 at the end).
    func feed(from source: any ArchiveByteSource, count: Int = 16384, path: String?) throws(AudioError) -> Int {
        guard let buffer = ogg_sync_buffer(state, count) else {
            throw AudioError(.readFailed, "libogg could not allocate a read buffer", path: path)
        }
        let n: Int
        do {
            n = try source.read(into: UnsafeMutableRawBufferPointer(start: buffer, count: count))
        } catch let error as AudioError {
            throw error.at(path)
        } catch {
            throw AudioError(.readFailed, "reading the archive failed", path: path, underlying: "\(error)")
        }
        guard n >= 0, n <= count, ogg_sync_wrote(state, n) == 0 else {
            throw AudioError(.readFailed, "the byte source returned an impossible count (\(n))", path: path)
        }
        bytesFed += Int64(n)
        return n
    }

    func next() -> Next {
        var page = ogg_page()
        let n = ogg_sync_pageseek(state, &page)
        if n > 0 {
            bytesConsumed += Int64(n)
            return .page(page)
        }
        if n < 0 {
            bytesConsumed += Int64(-n)
            return .skipped(-n)
        }
        return .needMore
    }
}

extension ogg_page {
    var serial: Int32 { withUnsafePointer(to: self) { ogg_page_serialno($0) } }
    var granule: Int64 { withUnsafePointer(to: self) { ogg_page_granulepos($0) } }
    var isBeginning: Bool { withUnsafePointer(to: self) { ogg_page_bos($0) != 0 } }
    var isEnd: Bool { withUnsafePointer(to: self) { ogg_page_eos($0) != 0 } }
    var length: Int { header_len + body_len }
}

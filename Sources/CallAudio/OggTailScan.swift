/// Finds the last page of a logical stream by reading only the end of the source
/// (the largest Ogg page is 65,307 bytes), the way players find an Ogg file's duration.
struct OggTailScan {
    struct Result {
        var granule: Int64
        var endOfStream: Bool
    }

    static let window: Int64 = 65_536 + 27 + 255

    /// Throws `.truncated` when the stream does not end with a complete end-of-stream page,
    /// `.corruptStream` when the tail holds damaged pages.
    static func run(_ source: any ArchiveByteSource, serial: Int32, path: String?) throws(AudioError) -> Result {
        let size = source.size
        let start = max(0, size - window)
        do {
            try source.seek(to: start)
        } catch let error as AudioError {
            throw error.at(path)
        } catch {
            throw AudioError(.readFailed, "seeking to the end of the archive failed", path: path, underlying: "\(error)")
        }
        let sync = OggPageSync()
        var last: Result?
        var lastEnd: Int64 = 0
        var skippedAfterFirstPage = false
        var eof = false
        while true {
            switch sync.next() {
            case .page(let page):
                guard page.serial == serial else { continue }
                last = Result(granule: page.granule, endOfStream: page.isEnd)
                lastEnd = start + sync.bytesConsumed
            case .skipped:
                if last != nil { skippedAfterFirstPage = true }
            case .needMore:
                if eof { return try verdict(last, lastEnd: lastEnd, size: size, damaged: skippedAfterFirstPage, path: path) }
                eof = try sync.feed(from: source, path: path) == 0
            }
        }
    }

    private static func verdict(_ last: Result?, lastEnd: Int64, size: Int64, damaged: Bool,
                                path: String?) throws(AudioError) -> Result {
        guard let last else {
            throw AudioError(.corruptStream, "no valid Ogg page of the stream in the last \(window) bytes; "
                + "the archive is damaged: restore it from a replica", path: path)
        }
        if damaged {
            throw AudioError(.corruptStream, "damaged Ogg pages (bad CRC) near the end of the archive; "
                + "restore it from a replica", path: path)
        }
        if lastEnd < size || !last.endOfStream {
            throw AudioError(.truncated, "the archive has no end-of-stream page: it was cut short after \(lastEnd) "
                + "valid bytes of \(size); restore it from a replica", path: path)
        }
        return last
    }
}

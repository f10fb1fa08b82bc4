import Testing
@testable import CallAudio

/// What the reader reports for archives damaged after they were written.
@Suite struct OpusArchiveDamageTests {
    let archive: [UInt8]
    let frames = 8000 * 6 + 11

    init() throws {
        let source = Signal.interleave([Signal.speechLike(frames: frames, rate: 8000, seed: 91),
                                        Signal.speechLike(frames: frames, rate: 8000, seed: 92)])
        archive = try encodeOpus(source, rate: 8000, channels: 2).bytes
    }

    /// Opens and fully decodes; returns the code of the error raised, nil when the archive reads cleanly.
    func failure(_ bytes: [UInt8]) -> AudioError.Code? {
        do {
            _ = try decodeOpus(bytes)
            return nil
        } catch let error as AudioError {
            return error.code
        } catch {
            Issue.record("unexpected error \(error)")
            return nil
        }
    }

    @Test func intactArchiveReadsCleanly() {
        #expect(failure(archive) == nil)
    }

    @Test func bitFlipInTheMiddleIsCorrupt() {
        let pages = oggPages(archive)
        var damaged = archive
        damaged[pages[4].offset + pages[4].length / 2] ^= 0x10
        #expect(failure(damaged) == .corruptStream)
    }

    @Test func bitFlipInTheLastPageIsCorrupt() {
        let last = oggPages(archive).last!
        var damaged = archive
        damaged[last.offset + last.length - 3] ^= 0x01
        #expect(failure(damaged) == .corruptStream)
    }

    @Test func bitFlipInOpusHeadIsCorrupt() {
        var damaged = archive
        damaged[30] ^= 0x04
        #expect(failure(damaged) == .corruptStream)
    }

    @Test func missingPageIsCorrupt() {
        let page = oggPages(archive)[3]
        var damaged = archive
        damaged.removeSubrange(page.offset..<(page.offset + page.length))
        #expect(failure(damaged) == .corruptStream)
    }

    @Test func cutInsideAPageIsTruncated() {
        #expect(failure(Array(archive.prefix(archive.count * 2 / 3))) == .truncated)
    }

    @Test func cutAtAPageBoundaryIsTruncated() {
        let pages = oggPages(archive)
        let boundary = pages[pages.count - 2].offset + pages[pages.count - 2].length
        #expect(failure(Array(archive.prefix(boundary))) == .truncated)
    }

    @Test func cutAfterTheOpusHeadPageIsTruncated() {
        #expect(failure(Array(archive.prefix(oggPages(archive)[0].length))) == .truncated)
    }

    @Test func cutInsideTheFirstPageIsTruncated() {
        #expect(failure(Array(archive.prefix(20))) == .truncated)
    }

    @Test func notOggIsNotOpus() throws {
        #expect(failure(WAVBytes(pcm: WAVBytes.pcm16(Signal.noise(frames: 800, seed: 93))).bytes) == .notOpus)
        #expect(failure([]) == .notOpus)
    }

    @Test func oggWithoutOpusHeadIsNotOpus() throws {
        var bytes: [UInt8] = []
        let ogg = try OggStreamWriter(serialNumber: 5) { (page: [UInt8]) throws(AudioError) in bytes += page }
        try ogg.add(Array("\u{1}vorbis".utf8) + [UInt8](repeating: 0, count: 23), granule: 0)
        try ogg.add([1, 2, 3], granule: 0, endOfStream: true)
        try ogg.flush()
        #expect(failure(bytes) == .notOpus)
    }

    @Test func appendedGarbageIsCorrupt() {
        #expect(failure(archive + [UInt8](repeating: 0x55, count: 100)) == .corruptStream)
    }
}

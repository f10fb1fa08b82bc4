import Foundation
import Testing
@testable import CallAudio

/// Every way a recording must be refused, with files crafted byte by byte.
@Suite struct SndFileRejectionTests {
    let tone = WAVBytes.pcm16(Signal.sine(frequency: 440, rate: 8000, frames: 8000))

    /// Opens (and fully reads) `path`; returns the error code it fails with, nil if it passes.
    func failure(_ path: String) -> AudioError.Code? {
        do {
            _ = try readAll(path)
            return nil
        } catch let error as AudioError {
            #expect(error.path == path, "errors name the file")
            return error.code
        } catch {
            Issue.record("unexpected error type \(error)")
            return nil
        }
    }

    func crafted(_ wav: WAVBytes, _ dir: TempDir, _ name: String = "x.wav") throws -> String {
        let path = dir.path(name)
        try wav.write(to: path)
        return path
    }

    @Test func zeroLengthFileIsEmpty() throws {
        let dir = try TempDir()
        let path = dir.path("zero.wav")
        try put([], at: path)
        #expect(failure(path) == .empty)
    }

    @Test func headerWithoutFramesIsEmpty() throws {
        let dir = try TempDir()
        #expect(failure(try crafted(WAVBytes(pcm: []), dir)) == .empty)
    }

    @Test func dataSizeLargerThanFileIsHeaderMismatch() throws {
        let dir = try TempDir()
        var wav = WAVBytes(pcm: tone)
        wav.dataSizeOverride = UInt32(tone.count * 10)  // RIFF size stays true: the two contradict
        #expect(failure(try crafted(wav, dir)) == .headerMismatch)
    }

    @Test(arguments: [UInt32(0xFFFF_FFFF), 0x7FFF_FFFF])
    func placeholderDataSizeIsHeaderMismatch(_ size: UInt32) throws {
        let dir = try TempDir()
        var wav = WAVBytes(pcm: tone)
        wav.dataSizeOverride = size
        wav.riffSizeOverride = size
        #expect(failure(try crafted(wav, dir)) == .headerMismatch)
    }

    @Test(arguments: [UInt32(0), 36, 0xFFFF_FFFF])
    func riffSizeThatDoesNotCoverTheDataIsHeaderMismatch(_ size: UInt32) throws {
        let dir = try TempDir()
        var wav = WAVBytes(pcm: tone)
        wav.riffSizeOverride = size
        #expect(failure(try crafted(wav, dir)) == .headerMismatch)
    }

    @Test func riffSizeLargerThanFileIsTruncated() throws {
        let dir = try TempDir()
        var wav = WAVBytes(pcm: tone)
        wav.riffSizeOverride = UInt32(wav.bytes.count - 8 + 1000)  // a trailing chunk went missing
        #expect(failure(try crafted(wav, dir)) == .truncated)
    }

    @Test func zeroDataSizeWithAudioFollowingIsHeaderMismatch() throws {
        let dir = try TempDir()
        var wav = WAVBytes(pcm: tone)
        wav.dataSizeOverride = 0
        #expect(failure(try crafted(wav, dir)) == .headerMismatch)
    }

    @Test func trailingBytesAfterTheRIFFChunkAreAccepted() throws {
        let dir = try TempDir()
        let path = dir.path("trailing.wav")
        try put(WAVBytes(pcm: tone).bytes + [UInt8](repeating: 0, count: 100), at: path)
        #expect(failure(path) == nil)
        #expect(try SndFileReader(path: path).info.frames == 8000)
    }

    @Test func oddDataChunkWhosePadByteIsCountedButMissingIsAccepted() throws {
        let dir = try TempDir()
        var wav = WAVBytes(bitsPerSample: 8, pcm: (0..<801).map { UInt8(128 + ($0 % 64)) })
        wav.riffSizeOverride = UInt32(wav.bytes.count - 8 + 1)
        let path = try crafted(wav, dir)
        #expect(failure(path) == nil)
        #expect(try SndFileReader(path: path).info.frames == 801)
    }

    @Test(arguments: [SndFileWriter.Format.wavPCM16, .wavULaw, .wavGSM610, .wavIMAADPCM, .wavMSADPCM, .auULaw])
    func cutFileIsTruncated(_ format: SndFileWriter.Format) throws {
        let dir = try TempDir()
        let path = dir.path("whole")
        try writeFile(path, format, rate: 8000, channels: 1, Signal.noise(frames: 16000, seed: 7))
        let whole = try bytes(of: path)
        let cut = dir.path("cut")
        try put(Array(whole.prefix(whole.count * 2 / 3)), at: cut)
        #expect(failure(path) == nil)
        #expect(failure(cut) == .truncated)
    }

    @Test func fileCutInsideTheHeaderIsTruncated() throws {
        let dir = try TempDir()
        let path = dir.path("cut.wav")
        try put(Array(WAVBytes(pcm: tone).bytes.prefix(30)), at: path)
        #expect(failure(path) == .truncated)
    }

    @Test func cutFLACFailsWhileDecoding() throws {
        let dir = try TempDir()
        let path = dir.path("whole.flac")
        try writeFile(path, .flac, rate: 8000, channels: 2,
                      Signal.interleave([Signal.noise(frames: 24000, seed: 8), Signal.noise(frames: 24000, seed: 9)]))
        let whole = try bytes(of: path)
        let cut = dir.path("cut.flac")
        try put(Array(whole.prefix(whole.count / 2)), at: cut)
        let reader = try SndFileReader(path: cut)  // FLAC declares its length in STREAMINFO: opening succeeds
        #expect(reader.info.frames == 24000)
        let error = #expect(throws: AudioError.self) {
            while try !reader.readChunk(maxFrames: 4096).isEmpty {}
        }
        #expect(error?.code == .decodeFailed || error?.code == .truncated)
        #expect(reader.framesRead < 24000)
    }

    @Test func auDeclaringMoreDataThanItHoldsIsTruncated() throws {
        let dir = try TempDir()
        let path = dir.path("x.au")
        try writeFile(path, .auULaw, rate: 8000, channels: 1, Signal.noise(frames: 4000, seed: 10))
        var b = try bytes(of: path)
        b.replaceSubrange(8..<12, with: [0, 1, 0, 0])  // 65536 bytes declared, 4000 present
        try put(b, at: path)
        #expect(failure(path) == .truncated)
    }

    @Test func zeroChannelsIsInvalidFormat() throws {
        let dir = try TempDir()
        var wav = WAVBytes(pcm: tone)
        wav.channels = 0
        #expect(failure(try crafted(wav, dir)) == .invalidFormat)
    }

    @Test func nineChannelsIsInvalidFormat() throws {
        let dir = try TempDir()
        var wav = WAVBytes(pcm: Array(tone.prefix(18 * 400)))
        wav.channels = 9
        #expect(failure(try crafted(wav, dir)) == .invalidFormat)
    }

    @Test(arguments: [UInt32(0), 1000, 1_000_000])
    func sampleRateOutOfRangeIsInvalidFormat(_ rate: UInt32) throws {
        let dir = try TempDir()
        var wav = WAVBytes(pcm: tone)
        wav.sampleRate = rate
        #expect(failure(try crafted(wav, dir)) == .invalidFormat)
    }

    @Test func randomBytesAreUnsupported() throws {
        let dir = try TempDir()
        let path = dir.path("noise.bin")
        var rng = SeededRandom(seed: 11)
        try put((0..<2000).map { _ in UInt8.random(in: 0...255, using: &rng) }, at: path)
        #expect(failure(path) == .unsupportedEncoding)
    }

    @Test func unknownWAVEncodingIsRefused() throws {
        let dir = try TempDir()
        var wav = WAVBytes(pcm: tone)
        wav.formatTag = 0x1234
        let code = failure(try crafted(wav, dir))
        #expect(code == .unsupportedEncoding || code == .invalidFormat)
    }

    @Test func missingFileOrFolderCannotOpen() throws {
        let dir = try TempDir()
        #expect(failure(dir.path("nothing.wav")) == .cannotOpen)
        #expect(failure(dir.url.path) == .cannotOpen)
    }

    @Test func messagesSayWhatFailedWithoutAudio() throws {
        let dir = try TempDir()
        var wav = WAVBytes(pcm: tone)
        wav.dataSizeOverride = 0xFFFF_FFFF
        let path = try crafted(wav, dir)
        let error = #expect(throws: AudioError.self) { try SndFileReader(path: path) }
        #expect(error?.description.contains("placeholder") == true)
        #expect(error?.description.contains(path) == true)
    }

    @Test func logCheckFindsOversizedDeclarations() {
        let aiff = "FORM : 16046 (should be 10694)\n AIFF\n COMM : 18\n SSND : 16008 (should be 10656)\n"
        #expect(SndFileLogCheck(log: aiff).oversizedDeclaration == "FORM : 16046 (should be 10694)")
        let rf64 = "RF64\nds64 : 28\ndata : 0xFFFFFFFF\nEnd\n*** Calculated frame count 5316 does not match value from 'ds64' chunk of 8000.\n"
        #expect(SndFileLogCheck(log: rf64).oversizedDeclaration != nil)
        let fine = "File : a.w64\nLength : 16104\nriff : 16104\nwave\n fmt : 40\ndata : 16024\n"
        #expect(SndFileLogCheck(log: fine).oversizedDeclaration == nil)
        #expect(SndFileLogCheck(log: "riff : 100 (should be 16104)\n").oversizedDeclaration == nil)
        #expect(SndFileLogCheck(log: "FORM : 16047 (should be 16046)\n").oversizedDeclaration == nil, "pad byte")
    }
}

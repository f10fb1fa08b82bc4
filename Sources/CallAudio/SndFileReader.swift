import CSndFile
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Streams a recording as interleaved float frames through libsndfile, after strict validation
/// (see `RecordingHeaderCheck` for the size rule). Owns one `SNDFILE*`, closed in `deinit`.
///
/// Memory is bounded by the caller's chunk size: nothing is buffered beyond libsndfile's own state.
/// When the decoded frame count falls short of the header's, the read that reaches the end throws
/// `.truncated` instead of returning 0. When libsndfile logged a damaged ADPCM or GSM block while decoding
/// (it decodes such a block as noise and reports no error), the read that reaches the end throws `.decodeFailed`.
public final class SndFileReader {
    public let path: String
    public let info: AudioFormatInfo
    /// Frames per channel decoded so far.
    public private(set) var framesRead: Int64 = 0
    private let handle: OpaquePointer
    /// The opened source whose descriptor libsndfile reads (kept open as long as the reader lives); nil when opened by path.
    private let source: SourceFile?
    /// Whether the decoder log was checked for damaged blocks (once, at the end).
    private var checkedDecodeLog = false

    public convenience init(path: String) throws(AudioError) {
        try self.init(path: path, file: try FileByteSource(path: path), source: nil)
    }

    /// Validates and decodes an already opened source from its descriptor (libsndfile's `sf_open_fd`): the file is
    /// never looked up by name again.
    public convenience init(source: SourceFile) throws(AudioError) {
        try self.init(path: source.path, file: try FileByteSource(source: source), source: source)
    }

    private init(path: String, file: FileByteSource, source: SourceFile?) throws(AudioError) {
        guard file.size > 0 else {
            throw AudioError(.empty, "the file is empty (0 bytes); the recorder wrote nothing", path: path)
        }
        try RecordingHeaderCheck(path: path, fileSize: file.size).run(file)

        var sfInfo = SF_INFO()
        let opened: OpaquePointer?
        if let source {
            guard lseek(source.descriptor, 0, SEEK_SET) == 0 else {
                throw AudioError(.readFailed, "cannot rewind the opened file", path: path)
            }
            opened = sf_open_fd(source.descriptor, Int32(SFM_READ), &sfInfo, Int32(SF_FALSE))
        } else {
            opened = sf_open(path, Int32(SFM_READ), &sfInfo)
        }
        guard let handle = opened else {
            let code = sf_error(nil)
            let reason = String(cString: sf_strerror(nil))
            if code == Int32(SF_ERR_UNRECOGNISED_FORMAT) {
                throw AudioError(.unsupportedEncoding,
                                 "libsndfile does not recognise this format (\(reason)); convert it to WAV first",
                                 path: path)
            }
            throw AudioError(.invalidFormat, "libsndfile cannot open the recording: \(reason)", path: path)
        }
        self.handle = handle
        self.source = source
        self.path = path
        self.info = AudioFormatInfo(
            sampleRate: Int(sfInfo.samplerate), channels: Int(sfInfo.channels), frames: Int64(sfInfo.frames),
            container: SndFileNames.container(sfInfo.format), encoding: SndFileNames.encoding(sfInfo.format))
        try validate(format: sfInfo.format, fileSize: file.size)
    }

    deinit { sf_close(handle) }

    private func validate(format: Int32, fileSize: Int64) throws(AudioError) {
        guard SndFileLimits.containers.contains(info.container) else {
            throw AudioError(.unsupportedEncoding,
                             "libsndfile reads this file as \(info.container), not a container call recorders write "
                                 + "(\(SndFileLimits.containers.sorted().joined(separator: ", "))); convert it to WAV first",
                             path: path)
        }
        guard SndFileLimits.channels.contains(info.channels) else {
            throw AudioError(.invalidFormat,
                             "\(info.channels) channels is outside \(SndFileLimits.channels); not a call recording", path: path)
        }
        guard SndFileLimits.sampleRates.contains(info.sampleRate) else {
            throw AudioError(.invalidFormat,
                             "sample rate \(info.sampleRate) Hz is outside \(SndFileLimits.sampleRates) Hz; the header is damaged",
                             path: path)
        }
        guard info.frames > 0 else {
            throw AudioError(.empty, "the recording has a header but no audio frames", path: path)
        }
        guard info.frames < Int64(Int32.max) * 4096 else {
            throw AudioError(.invalidFormat, "the recording's length is unknown or absurd (\(info.frames) frames)", path: path)
        }
        let container = format & Int32(SF_FORMAT_TYPEMASK)
        let parsedByUs = container == Int32(SF_FORMAT_WAV) || container == Int32(SF_FORMAT_WAVEX)
            || container == Int32(SF_FORMAT_AU)
        if !parsedByUs, let line = SndFileLogCheck(log: logText()).oversizedDeclaration {
            throw AudioError(.headerMismatch,
                             "the header declares more data than the file holds (libsndfile: \"\(line)\"); "
                                 + "the file was cut short or its header is wrong", path: path)
        }
        if SndFileNames.isRawContainer(format), let bytes = SndFileNames.bytesPerSample(format) {
            let needed = info.frames * Int64(info.channels) * Int64(bytes)
            guard needed <= fileSize else {
                throw AudioError(.headerMismatch,
                                 "\(info.frames) frames of \(info.encoding) need \(needed) bytes but the file has \(fileSize)",
                                 path: path)
            }
        }
    }

    /// libsndfile's parser log for this file (never contains audio).
    public func logText() -> String {
        var buffer = [CChar](repeating: 0, count: 16384)
        let count = sf_command(handle, Int32(SFC_GET_LOG_INFO), &buffer, Int32(buffer.count))
        guard count > 0 else { return "" }
        return String(decoding: buffer.prefix(Int(count)).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// Reads up to `maxFrames` interleaved frames into `buffer` (which must hold `maxFrames × channels` floats).
    /// Returns the frames read; 0 at the end. Throws `.truncated` at the end if fewer frames decoded than declared,
    /// and `.decodeFailed` when libsndfile reports an error.
    public func read(into buffer: UnsafeMutableBufferPointer<Float>, maxFrames: Int) throws(AudioError) -> Int {
        guard maxFrames > 0, maxFrames * info.channels <= buffer.count, let base = buffer.baseAddress else {
            throw AudioError(.invalidArgument,
                             "a buffer of \(buffer.count) floats cannot hold \(maxFrames) frames of \(info.channels) channel(s)",
                             path: path)
        }
        let wanted = Int(min(Int64(maxFrames), max(0, info.frames - framesRead)))
        let got = wanted > 0 ? Int(sf_readf_float(handle, base, sf_count_t(wanted))) : 0
        let code = sf_error(handle)
        if code != 0 {
            let reason = String(cString: sf_strerror(handle))
            throw AudioError(.decodeFailed,
                             "decoding failed after \(framesRead + Int64(max(0, got))) of \(info.frames) frames: \(reason); "
                                 + "the file is damaged or cut short", path: path)
        }
        framesRead += Int64(got)
        if got == 0 && framesRead < info.frames {
            throw AudioError(.truncated,
                             "only \(framesRead) of the \(info.frames) frames the header declares could be decoded; "
                                 + "the recording was cut short", path: path)
        }
        if !checkedDecodeLog, got == 0 || framesRead >= info.frames {
            checkedDecodeLog = true
            if let line = SndFileLogCheck(log: logText()).damagedBlock {
                throw AudioError(.decodeFailed,
                                 "the \(info.encoding) data has damaged blocks (libsndfile: \"\(line)\"), decoded as noise; "
                                     + "the recording is corrupt: fetch it again from the recorder", path: path)
            }
        }
        return got
    }

    /// Reads up to `maxFrames` frames as a new interleaved array; empty at the end.
    public func readChunk(maxFrames: Int) throws(AudioError) -> [Float] {
        let capacity = max(0, maxFrames) * info.channels
        var failure: AudioError?
        let samples = [Float](unsafeUninitializedCapacity: capacity) { buffer, count in
            do throws(AudioError) {
                count = try read(into: buffer, maxFrames: maxFrames) * info.channels
            } catch {
                failure = error
                count = 0
            }
        }
        if let failure { throw failure }
        return samples
    }
}

import CSndFile

/// Writes interleaved float audio to a WAV, AU or FLAC file through libsndfile.
/// Owns one `SNDFILE*`: closed by `close()` or, if the caller forgot, in `deinit` (errors then are lost).
public final class SndFileWriter {
    /// The container + encoding pairs we write.
    public enum Format: String, Sendable, Codable, CaseIterable {
        case wavPCM16, wavPCM24, wavFloat, wavULaw, wavALaw, wavGSM610, wavIMAADPCM, wavMSADPCM, flac, auULaw

        var sfFormat: Int32 {
            let wav = Int32(SF_FORMAT_WAV)
            switch self {
            case .wavPCM16: return wav | Int32(SF_FORMAT_PCM_16)
            case .wavPCM24: return wav | Int32(SF_FORMAT_PCM_24)
            case .wavFloat: return wav | Int32(SF_FORMAT_FLOAT)
            case .wavULaw: return wav | Int32(SF_FORMAT_ULAW)
            case .wavALaw: return wav | Int32(SF_FORMAT_ALAW)
            case .wavGSM610: return wav | Int32(SF_FORMAT_GSM610)
            case .wavIMAADPCM: return wav | Int32(SF_FORMAT_IMA_ADPCM)
            case .wavMSADPCM: return wav | Int32(SF_FORMAT_MS_ADPCM)
            case .flac: return Int32(SF_FORMAT_FLAC) | Int32(SF_FORMAT_PCM_16)
            case .auULaw: return Int32(SF_FORMAT_AU) | Int32(SF_FORMAT_ULAW)
            }
        }
    }

    public let path: String
    public let format: Format
    public let sampleRate: Int
    public let channels: Int
    /// Frames written so far (per channel).
    public private(set) var framesWritten: Int64 = 0
    private var handle: OpaquePointer?

    /// Opens `path` for writing; with `descriptor`, writes to that open file instead (libsndfile's `sf_open_fd`, the
    /// descriptor stays the caller's to close) and `path` only names it in errors. A descriptor lets the caller
    /// create the file itself (exclusively, without following links) before any audio is written.
    public init(path: String, descriptor: Int32? = nil, format: Format, sampleRate: Int, channels: Int) throws(AudioError) {
        guard SndFileLimits.channels.contains(channels) else {
            throw AudioError(.invalidArgument,
                             "cannot write \(channels) channels; use 1...\(SndFileLimits.channels.upperBound)",
                             path: path)
        }
        guard SndFileLimits.sampleRates.contains(sampleRate) else {
            throw AudioError(.invalidArgument,
                             "cannot write sample rate \(sampleRate) Hz; use \(SndFileLimits.sampleRates)",
                             path: path)
        }
        var info = SF_INFO()
        info.samplerate = Int32(sampleRate)
        info.channels = Int32(channels)
        info.format = format.sfFormat
        guard sf_format_check(&info) != 0 else {
            throw AudioError(.invalidArgument,
                             "libsndfile cannot write \(format.rawValue) with \(channels) channel(s) at \(sampleRate) Hz; "
                                + "choose another format (GSM 6.10 is mono only)",
                             path: path)
        }
        let opened = descriptor.map { sf_open_fd($0, Int32(SFM_WRITE), &info, Int32(SF_FALSE)) } ?? sf_open(path, Int32(SFM_WRITE), &info)
        guard let h = opened else {
            let reason = String(cString: sf_strerror(nil))
            throw AudioError(.cannotOpen, "cannot create the output file: \(reason); check the folder exists and is writable",
                             path: path)
        }
        handle = h
        self.path = path
        self.format = format
        self.sampleRate = sampleRate
        self.channels = channels
        // Out-of-range floats clip instead of wrapping around in integer encodings.
        sf_command(h, Int32(SFC_SET_CLIPPING), nil, Int32(SF_TRUE))
    }

    deinit {
        if let handle { sf_close(handle) }
    }

    /// Writes `frames` interleaved frames (`frames × channels` floats in -1...1).
    public func write(interleaved: UnsafeBufferPointer<Float>, frames: Int) throws(AudioError) {
        guard let handle else {
            throw AudioError(.writeFailed, "the writer is already closed; open a new one", path: path)
        }
        guard frames >= 0, frames * channels <= interleaved.count else {
            throw AudioError(.invalidArgument,
                             "asked to write \(frames) frames of \(channels) channel(s) from a buffer of \(interleaved.count) samples",
                             path: path)
        }
        guard frames > 0, let base = interleaved.baseAddress else { return }
        let written = sf_writef_float(handle, base, sf_count_t(frames))
        framesWritten += Int64(max(0, written))
        guard written == frames else {
            let reason = String(cString: sf_strerror(handle))
            throw AudioError(.writeFailed,
                             "wrote \(written) of \(frames) frames: \(reason); check free disk space",
                             path: path)
        }
    }

    /// Writes interleaved samples; the count must be a multiple of `channels`.
    public func write(_ interleaved: [Float]) throws(AudioError) {
        guard interleaved.count % channels == 0 else {
            throw AudioError(.invalidArgument,
                             "\(interleaved.count) samples is not a whole number of \(channels)-channel frames",
                             path: path)
        }
        let result: Result<Void, AudioError> = interleaved.withUnsafeBufferPointer { buffer in
            Result { () throws(AudioError) in try write(interleaved: buffer, frames: buffer.count / channels) }
        }
        try result.get()
    }

    /// Finishes the header and closes the file. Calling it twice is harmless.
    public func close() throws(AudioError) {
        guard let h = handle else { return }
        handle = nil
        let rc = sf_close(h)
        guard rc == 0 else {
            let reason = String(cString: sf_error_number(rc))
            throw AudioError(.writeFailed, "closing the output failed: \(reason); the file may be incomplete", path: path)
        }
    }
}

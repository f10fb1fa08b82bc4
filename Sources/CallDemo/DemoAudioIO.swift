import CallAudio

/// The few CallAudio calls the generator makes, in one place.
enum DemoAudioIO {
    /// Decodes a file to mono floats (channel 0 of a multichannel file) and its sample rate.
    static func readMono(path: String) throws(DemoDataError) -> (samples: [Float], sampleRate: Int) {
        do {
            let reader = try SndFileReader(path: path)
            let channels = reader.info.channels
            var out: [Float] = []
            out.reserveCapacity(Int(reader.info.frames))
            while true {
                let chunk = try reader.readChunk(maxFrames: 65_536)
                if chunk.isEmpty { break }
                if channels == 1 {
                    out.append(contentsOf: chunk)
                } else {
                    out.append(contentsOf: stride(from: 0, to: chunk.count, by: channels).map { chunk[$0] })
                }
            }
            return (out, reader.info.sampleRate)
        } catch {
            throw .audio(error)
        }
    }

    /// Resamples mono audio and returns exactly `round(count × to / from)` samples.
    static func resample(_ samples: [Float], from: Int, to: Int) throws(DemoDataError) -> [Float] {
        guard from != to else { return samples }
        let expected = Int((Double(samples.count) * Double(to) / Double(from)).rounded())
        do {
            let resampler = try AudioResampler(fromRate: from, toRate: to, channels: 1)
            var out = try samples.withUnsafeBufferPointer { try resampler.process($0, frames: $0.count) }
            out += try resampler.flush()
            if out.count > expected { out.removeLast(out.count - expected) }
            if out.count < expected { out += [Float](repeating: 0, count: expected - out.count) }
            return out
        } catch let error as AudioError {
            throw .audio(error)
        } catch {
            throw .io(path: "(resampler)", reason: "\(error)")
        }
    }

    /// Writes one file from one or two channel buffers of equal length.
    static func write(path: String, channels: [[Float]], sampleRate: Int,
                      encoding: DemoEncoding) throws(DemoDataError) {
        do {
            let writer = try SndFileWriter(path: path, format: encoding.writerFormat, sampleRate: sampleRate,
                                           channels: channels.count)
            if channels.count == 1 {
                try writer.write(channels[0])
            } else {
                try writer.write(interleave(channels))
            }
            try writer.close()
        } catch {
            throw .audio(error)
        }
    }

    static func interleave(_ channels: [[Float]]) -> [Float] {
        let n = channels.count
        let frames = channels[0].count
        var out = [Float](repeating: 0, count: frames * n)
        out.withUnsafeMutableBufferPointer { dst in
            for (c, channel) in channels.enumerated() {
                channel.withUnsafeBufferPointer { src in
                    var j = c
                    for i in 0..<frames {
                        dst[j] = src[i]
                        j += n
                    }
                }
            }
        }
        return out
    }
}

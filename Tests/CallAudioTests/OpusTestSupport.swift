import Foundation
@testable import CallAudio

/// Encodes interleaved audio in chunks of `chunk` frames; returns the archive bytes and the summary.
func encodeOpus(_ samples: [Float], rate: Int, channels: Int, settings: OpusEncodingSettings = OpusEncodingSettings(),
                comments: [(String, String)] = [("ENCODER", "nokchwi test")], serial: Int32 = 1234,
                inputRate: Int? = nil, chunk: Int = 4096) throws -> (bytes: [UInt8], summary: OpusArchiveSummary) {
    var out: [UInt8] = []
    let writer = try OpusArchiveWriter(sampleRate: rate, channels: channels, settings: settings, serialNumber: serial,
                                       comments: comments, inputSampleRate: inputRate) { out.append(contentsOf: $0) }
    let frames = samples.count / channels
    var offset = 0
    try samples.withUnsafeBufferPointer { all in
        while offset < frames {
            let n = min(chunk, frames - offset)
            let part = UnsafeBufferPointer(rebasing: all[(offset * channels)..<((offset + n) * channels)])
            try writer.write(interleaved: part, frames: n)
            offset += n
        }
    }
    let summary = try writer.finish()
    return (out, summary)
}

/// Decodes a whole archive from memory.
func decodeOpus(_ bytes: [UInt8], chunk: Int = 4096) throws -> (reader: OpusArchiveReader, samples: [Float]) {
    let reader = try OpusArchiveReader(source: MemoryByteSource(bytes))
    var all: [Float] = []
    while true {
        let part = try reader.read(maxFrames: chunk)
        if part.isEmpty { break }
        all += part
    }
    return (reader, all)
}

/// Ogg pages of a byte stream: (offset, length, granule, flags).
func oggPages(_ bytes: [UInt8]) -> [(offset: Int, length: Int, granule: Int64, flags: UInt8)] {
    var pages: [(Int, Int, Int64, UInt8)] = []
    var at = 0
    while at + 27 <= bytes.count, bytes[at..<(at + 4)].elementsEqual("OggS".utf8) {
        let segments = Int(bytes[at + 26])
        let body = bytes[(at + 27)..<(at + 27 + segments)].reduce(0) { $0 + Int($1) }
        var granule: Int64 = 0
        for i in 0..<8 { granule |= Int64(bytes[at + 6 + i]) << (8 * Int64(i)) }
        let length = 27 + segments + body
        pages.append((at, length, granule, bytes[at + 5]))
        at += length
    }
    return pages
}

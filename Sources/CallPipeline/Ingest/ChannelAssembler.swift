import CallAudio

/// Where one source file's channels go in the archive.
struct ChannelSource {
    let reader: SndFileReader
    /// Source channel index for each archive channel this source feeds, in archive-channel order.
    let picks: [(source: Int, archive: Int)]
    /// Converts the picked channels to the archive rate when the source rate differs.
    let resampler: AudioResampler?
}

/// Decodes every source of a call in bounded chunks and yields interleaved blocks in archive channel order,
/// at the archive rate. Memory is a few chunks whatever the call length. Sources that end early are padded
/// with silence so the parties stay aligned.
final class ChannelAssembler {
    private let sources: [ChannelSource]
    private let channels: Int
    private let chunkFrames: Int
    private var fifos: [[Float]]
    private var exhausted: [Bool]
    /// Frames each archive channel received from its source (before padding).
    private(set) var channelFrames: [Int64]

    init(sources: [ChannelSource], archiveChannels: Int, chunkFrames: Int) {
        self.sources = sources
        self.channels = archiveChannels
        self.chunkFrames = chunkFrames
        fifos = Array(repeating: [], count: archiveChannels)
        exhausted = Array(repeating: false, count: sources.count)
        channelFrames = Array(repeating: 0, count: archiveChannels)
        for i in fifos.indices { fifos[i].reserveCapacity(chunkFrames * 4) }
    }

    /// The next interleaved block, or nil when every source is finished and drained.
    func next() throws -> [Float]? {
        if sources.count == 1 && sources[0].resampler == nil { return try nextDirect() }
        // Fill the channels of live sources up to one chunk; a finished source's channels are padded instead.
        for index in sources.indices where !exhausted[index] {
            while !exhausted[index] && sources[index].picks.contains(where: { fifos[$0.archive].count < chunkFrames }) {
                try pull(from: index)
            }
        }
        let liveCounts = sources.indices.filter { !exhausted[$0] }.flatMap { sources[$0].picks.map { fifos[$0.archive].count } }
        let available = liveCounts.min() ?? (fifos.map(\.count).max() ?? 0)
        let n = min(available, chunkFrames)
        guard n > 0 else { return nil }
        var block = [Float](repeating: 0, count: n * channels)
        let width = channels
        block.withUnsafeMutableBufferPointer { out in
            for c in 0..<width {
                let have = min(n, fifos[c].count)
                fifos[c].withUnsafeBufferPointer { fifo in
                    for f in 0..<have { out[f * width + c] = fifo[f] }
                }
                fifos[c].removeFirst(have)
            }
        }
        return block
    }

    /// One source at the archive rate (the common case: a stereo or mono file): its chunks are the blocks,
    /// with the channels picked and reordered in place; no intermediate queues.
    private func nextDirect() throws -> [Float]? {
        let source = sources[0]
        let raw = try source.reader.readChunk(maxFrames: chunkFrames)
        let sourceChannels = source.reader.info.channels
        let frames = raw.count / max(sourceChannels, 1)
        guard frames > 0 else { return nil }
        for pick in source.picks { channelFrames[pick.archive] += Int64(frames) }
        if sourceChannels == channels && source.picks.allSatisfy({ $0.source == $0.archive }) { return raw }
        var block = [Float](repeating: 0, count: frames * channels)
        let width = channels
        block.withUnsafeMutableBufferPointer { out in
            raw.withUnsafeBufferPointer { input in
                for pick in source.picks {
                    for f in 0..<frames { out[f * width + pick.archive] = input[f * sourceChannels + pick.source] }
                }
            }
        }
        return block
    }

    private func pull(from index: Int) throws {
        let source = sources[index]
        let raw = try source.reader.readChunk(maxFrames: chunkFrames)
        let sourceChannels = source.reader.info.channels
        let frames = raw.count / max(sourceChannels, 1)
        let width = source.picks.count
        var picked: [Float]
        if frames == 0 {
            exhausted[index] = true
            picked = try source.resampler?.flush() ?? []
        } else {
            picked = [Float](repeating: 0, count: frames * width)
            picked.withUnsafeMutableBufferPointer { out in
                raw.withUnsafeBufferPointer { input in
                    for (k, pick) in source.picks.enumerated() {
                        for f in 0..<frames { out[f * width + k] = input[f * sourceChannels + pick.source] }
                    }
                }
            }
            if let resampler = source.resampler {
                picked = try picked.withUnsafeBufferPointer { try resampler.process($0, frames: frames) }
            }
        }
        let outFrames = picked.count / width
        var column = [Float](repeating: 0, count: outFrames)
        for (k, pick) in source.picks.enumerated() {
            column.withUnsafeMutableBufferPointer { out in
                picked.withUnsafeBufferPointer { input in
                    for f in 0..<outFrames { out[f] = input[f * width + k] }
                }
            }
            fifos[pick.archive].append(contentsOf: column)
            channelFrames[pick.archive] += Int64(outFrames)
        }
    }
}

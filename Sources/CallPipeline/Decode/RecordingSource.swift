import CallAudio
import CallModel
import Foundation

/// A call's recording files decoded as the archive keeps them: channels in archive order (agent first when known)
/// and at the archive's Opus rate, in blocks of `chunkFrames` (memory stays a few blocks, whatever the length).
public final class RecordingSource: AudioBlockSource {
    let plan: ArchivePlan
    private let assembler: ChannelAssembler
    public var sampleRate: Int { plan.archiveRate }
    public var channels: Int { plan.archiveChannels }
    /// Frames each archive channel received from its source so far (before padding).
    public var channelFrames: [Int64] { assembler.channelFrames }

    init(plan: ArchivePlan, chunkFrames: Int) {
        self.plan = plan
        assembler = ChannelAssembler(sources: plan.sources, archiveChannels: plan.archiveChannels, chunkFrames: chunkFrames)
    }

    /// Opens the recording of `candidate` (paths relative to `folder`) as the pipeline would archive it.
    public convenience init(_ candidate: CallCandidate, in folder: URL, chunkFrames: Int = 4096) throws {
        let readers = try candidate.layout.files.map { try SndFileReader(path: folder.appendingPathComponent($0).path) }
        try self.init(plan: ArchivePlan(candidate: candidate, readers: readers, chunkFrames: chunkFrames), chunkFrames: chunkFrames)
    }

    public func next() throws -> [Float]? {
        try assembler.next()
    }
}

import CallAudio
import CallModel

/// How a call's sources map onto the archive: channel order (agent first when known), rate, flags.
struct ArchivePlan {
    let archiveChannels: Int
    let archiveRate: Int
    /// The sources' own rate (the highest of the legs'), which the archive's header records as the original rate.
    let sourceRate: Int
    let sources: [ChannelSource]
    /// Archive channel of the agent (0 when known), nil when unknown or mono.
    let agentArchiveChannel: Int?
    let layoutKind: Call.LayoutKind
    let legParties: [Party?]
    let flags: [CallFlag]

    init(candidate: CallCandidate, readers: [SndFileReader], chunkFrames: Int) throws {
        let rates = readers.map(\.info.sampleRate)
        sourceRate = rates.max() ?? 8000
        let rate = OpusRate.nativeRate(for: sourceRate)
        archiveRate = rate
        var flags: [CallFlag] = []
        if rates.contains(where: { $0 != rate }) { flags.append(.resampled) }
        // picks[i] = (source channel, archive channel) for reader i
        let picks: [[(source: Int, archive: Int)]]
        switch candidate.layout {
        case .mono:
            picks = [[(0, 0)]]
            agentArchiveChannel = nil
            layoutKind = .mono
            legParties = [nil]
            flags.append(.mono)
        case .stereo(_, let layoutAgent):
            if readers[0].info.channels == 1 {
                picks = [[(0, 0)]]
                agentArchiveChannel = nil
                layoutKind = .mono
                flags.append(.mono)
            } else {
                let agent = layoutAgent ?? candidate.metadata.agentChannel
                if let agent, agent == 0 || agent == 1 {
                    picks = [[(agent, 0), (1 - agent, 1)]]
                    agentArchiveChannel = 0
                } else {
                    picks = [[(0, 0), (1, 1)]]
                    agentArchiveChannel = nil
                    flags.append(.agentUnknown)
                }
                layoutKind = .stereo
            }
            legParties = [nil]
        case .legs:
            picks = [[(0, 0)], [(0, 1)]]
            agentArchiveChannel = 0
            layoutKind = .legs
            legParties = [.agent, .caller]
        case .unassignedLegs:
            picks = [[(0, 0)], [(0, 1)]]
            agentArchiveChannel = nil
            layoutKind = .unassignedLegs
            legParties = [nil, nil]
            flags.append(.agentUnknown)
        }
        archiveChannels = picks.flatMap { $0 }.count
        sources = try zip(readers, picks).map { reader, picks in
            let resampler = reader.info.sampleRate == rate ? nil
                : try AudioResampler(fromRate: reader.info.sampleRate, toRate: rate, channels: picks.count)
            return ChannelSource(reader: reader, picks: picks, resampler: resampler)
        }
        self.flags = flags
    }
}

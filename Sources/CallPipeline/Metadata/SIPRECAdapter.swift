import CallModel
import Foundation

/// SIPREC recording metadata (RFC 7865) beside its recording: `BASE.xml` + `BASE.wav` (stereo, channel i =
/// i-th `<stream>` in document order) or `BASE-LABEL.wav` per stream.
///
/// Agent: the one participant whose AOR matches `metadata.siprec_agent_aor_pattern`; its stream is the first
/// stream it sends that no other participant sends, and the caller's stream the first one another participant
/// sends. When this cannot be told (no or several matching participants, no stream associations, a mixed
/// stream sent by both) the agent channel stays nil with a warning, and the pipeline flags the call
/// agent-unknown. Snapshot requests and partial updates that carry no stream, or streams alone (no session, time or
/// participant), are rejected: they describe no call.
public struct SIPRECAdapter: MetadataAdapter {
    public var format: MetadataFormat { .siprec }

    public init() {}

    public func canRead(relativePath: String, prefix: Data) -> Bool {
        MetaText.ext(relativePath) == "xml"
    }

    public func parse(data: Data, relativePath: String, settings: MetadataSettings) throws(MetadataError)
        -> MetadataParseResult
    {
        func unsupported(_ reason: String) -> MetadataError { MetadataError(.unsupported, reason, path: relativePath) }
        let doc = try SIPRECDocument.parse(data, relativePath: relativePath)
        if doc.root == "requestsnapshot" {
            throw unsupported("is a snapshot request (<requestsnapshot>, sent by a recording server to ask the "
                + "client for metadata), not recording metadata: nothing to archive")
        }
        guard doc.root == "recording", doc.rootNamespace.map({ $0.isEmpty || SIPRECDocument.namespaces.contains($0) }) ?? true
        else {
            throw unsupported("has root element <\(doc.root)>, not SIPREC <recording> in namespace "
                + "urn:ietf:params:xml:ns:recording:1; not a metadata format nokchwi reads")
        }
        let mode = doc.dataMode ?? "complete"
        guard !doc.streams.isEmpty else {
            if mode == "partial" {
                throw unsupported("is not a complete recording metadata snapshot (datamode partial, no <stream>): "
                    + "a partial update refers to an earlier snapshot, so there is nothing to archive from it; "
                    + "keep the complete snapshot beside the recording")
            }
            throw unsupported("describes no <stream>, so no recording channel can be matched: nothing to archive")
        }
        // A partial update may re-send a <stream> (hold and resume with a mixing SRC, RFC 8068 section 3.3.2) and
        // still say nothing of the call: no session (no id, no time) and no participant named by an AOR. Like the
        // updates without streams, it only refers to an earlier snapshot.
        if mode == "partial", doc.sessions.isEmpty, doc.firstAssociateTime == nil,
           !doc.participants.contains(where: { !$0.aors.isEmpty || !$0.names.isEmpty }) {
            throw unsupported("is not a complete recording metadata snapshot (datamode partial, only <stream> and "
                + "stream associations: no session, time or participant): a partial update refers to an earlier "
                + "snapshot, so there is nothing to archive from it; keep the complete snapshot beside the recording")
        }
        var m = CallMetadata(format: .siprec)
        if doc.dataMode == nil { m.warnings.append("no <datamode>: read as a complete snapshot") }
        if mode == "partial" {
            m.warnings.append("partial snapshot (datamode partial): participants and streams from earlier "
                + "snapshots are unknown")
        }
        m.externalID = doc.sessions.first?.id.flatMap { MetaText.trimmed($0) }
        if doc.sessions.count > 1 {
            m.warnings.append("\(doc.sessions.count) <session> elements in one recording; times from the first")
        }
        let session = doc.sessions.first
        if let start = session?.startTime {
            m.startTime = time(start, "start-time", settings, &m.warnings)
        } else {
            m.startTime = time(doc.firstAssociateTime, "associate-time", settings, &m.warnings)
        }
        m.endTime = time(session?.stopTime, "stop-time", settings, &m.warnings)

        let roles = Self.roles(doc, settings: settings, warnings: &m.warnings)
        m.agentChannel = roles.agentStream
        if let agent = roles.agent {
            m.agentID = Self.userPart(of: doc.participants[agent].aors.first)
        }
        if let caller = roles.caller {
            m.callerNumber = Self.userPart(of: doc.participants[caller].aors.first)
        }
        let labels = doc.streams.map { $0.label.flatMap { AsteriskCDRRow.isSafeFileStem($0) ? $0 : nil } }
        var legs: [LegNaming] = []
        if let a = roles.agentStream, let c = roles.callerStream, let la = labels[a], let lc = labels[c] {
            legs.append(LegNaming(agent: "-" + la, caller: "-" + lc))
        } else if labels.count >= 2, let l0 = labels[0], let l1 = labels[1] {
            legs.append(LegNaming(unassigned: "-" + l0, "-" + l1))
        }
        let audio = AudioReference.stem(MetaText.stem(relativePath), legs: legs, scope: .besideMetadata)
        return MetadataParseResult(records: [MetadataRecord(metadata: m, audio: audio, callerChannel: roles.callerStream)])
    }

    private func time(_ text: String?, _ element: String, _ settings: MetadataSettings,
                      _ warnings: inout [String]) -> Date? {
        guard let text = MetaText.trimmed(text) else { return nil }
        let date: Date
        switch MetadataTime.iso8601(text, zone: settings.zone) {
        case .zoned(let d)?:
            date = d
        case .local(let d)?:
            warnings.append("<\(element)> has no time zone; read as \(settings.timezone)")
            date = d
        case nil:
            warnings.append("<\(element)> is not an ISO 8601 time; ignored")
            return nil
        }
        if MetadataTime.isUnsetClock(date) {
            warnings.append("<\(element)> is in 1970 (the recorder's clock was not set); time unknown")
            return nil
        }
        return date
    }

    /// Indices of the agent and caller participants and of their streams (in `doc.streams`).
    struct Roles: Equatable {
        var agent: Int?
        var caller: Int?
        var agentStream: Int?
        var callerStream: Int?
    }

    static func roles(_ doc: SIPRECDocument, settings: MetadataSettings, warnings: inout [String]) -> Roles {
        var roles = Roles()
        guard let regex = settings.agentAORRegex else {
            warnings.append("metadata.siprec_agent_aor_pattern does not compile; agent unknown")
            return roles
        }
        let matching = doc.participants.indices.filter { i in
            doc.participants[i].aors.contains { (try? regex.firstMatch(in: $0)) != nil }
        }
        guard matching.count == 1, let agent = matching.first else {
            warnings.append(matching.isEmpty
                ? "no participant's AOR matches metadata.siprec_agent_aor_pattern; agent unknown"
                : "participants \(matching.map { String($0 + 1) }.joined(separator: ", ")) all match "
                    + "metadata.siprec_agent_aor_pattern; agent unknown")
            return roles
        }
        roles.agent = agent
        let sentBy = { (stream: String) in doc.participants.indices.filter { doc.participants[$0].sends.contains(stream) } }
        let order = doc.streams.indices.compactMap { i in doc.streams[i].id.map { (i, $0) } }
        if doc.participants[agent].sends.isEmpty {
            warnings.append("participant \(agent + 1) (the agent) sends no stream: no participantstreamassoc "
                + "says which stream is theirs; agent channel unknown")
        } else if let own = order.first(where: { sentBy($0.1) == [agent] }) {
            roles.agentStream = own.0
        } else {
            warnings.append("the agent's stream is also sent by another participant (a mixed stream); "
                + "agent channel unknown")
        }
        if let other = order.first(where: { s in let by = sentBy(s.1); return !by.isEmpty && !by.contains(agent) }) {
            roles.callerStream = other.0
            roles.caller = sentBy(other.1).first
        } else {
            roles.caller = doc.participants.indices.first { $0 != agent && !doc.participants[$0].aors.isEmpty }
        }
        if roles.agentStream == nil { roles.callerStream = nil }
        return roles
    }

    /// `sip:8007@pbx;user=phone` -> `8007`; nil when there is no user part.
    static func userPart(of aor: String?) -> String? {
        guard var text = MetaText.trimmed(aor) else { return nil }
        for scheme in ["sips:", "sip:", "tel:"] where text.lowercased().hasPrefix(scheme) {
            text = String(text.dropFirst(scheme.count))
        }
        let user = text.split(separator: "@", maxSplits: 1).first.map(String.init) ?? text
        return MetaText.trimmed(user.split(separator: ";").first.map(String.init))
    }
}

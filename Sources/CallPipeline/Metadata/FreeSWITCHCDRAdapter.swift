import CallModel
import Foundation

/// FreeSWITCH mod_json_cdr: a JSON object whose `variables` object (all values strings) holds `uuid`,
/// `*_epoch` / `*_uepoch` / `*_stamp` times, `hold_events`, `hold_accum_seconds`, caller and callee ids.
///
/// Agent: `cc_agent` (mod_callcenter, `1000@default` -> `1000`); otherwise the callee (`dialed_user`,
/// `callee_id_number`, `last_sent_callee_id_number`) of an inbound call, or the caller of an outbound one
/// (direction from `call_direction`, else `direction`). The agent's channel of a stereo recording comes from
/// `metadata.freeswitch_agent_channel`. Hold intervals are placed on the recording's time line, taken to start
/// at `answer_uepoch` (FreeSWITCH names no recording start). Team, department, category and tags come from the
/// channel variables of those names (set by the dialplan); `cc_queue` stands in for a missing team.
public struct FreeSWITCHCDRAdapter: MetadataAdapter {
    public var format: MetadataFormat { .freeswitchCDR }

    public init() {}

    public func canRead(relativePath: String, prefix: Data) -> Bool {
        guard MetaText.ext(relativePath) == "json",
              prefix.range(of: Data(#""variables""#.utf8)) != nil,
              let object = try? JSONSerialization.jsonObject(with: prefix) as? [String: Any]
        else { return false }
        return object["variables"] is [String: Any]
    }

    public func parse(data: Data, relativePath: String, settings: MetadataSettings) throws(MetadataError)
        -> MetadataParseResult
    {
        func fail(_ reason: String) -> MetadataError { MetadataError(.malformed, reason, path: relativePath) }
        guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw fail("is not a JSON object; check it with `python3 -m json.tool`")
        }
        guard let raw = object["variables"] as? [String: Any] else {
            throw fail("has no `variables` object: not a mod_json_cdr CDR")
        }
        var v: [String: String] = [:]
        for (key, value) in raw {
            if let s = value as? String { v[key] = s } else if let n = value as? NSNumber { v[key] = n.stringValue }
        }
        guard let uuid = MetaText.trimmed(v["uuid"]) else { throw fail("`variables.uuid` is missing or empty") }

        var m = CallMetadata(externalID: uuid, agentChannel: settings.freeswitchAgentChannel, format: .freeswitchCDR)
        func time(_ name: String) -> Double? {
            if let us = MetadataTime.epochSeconds(v[name + "_uepoch"]), us > 0 { return us / 1_000_000 }
            if let s = MetadataTime.epochSeconds(v[name + "_epoch"]), s > 0 { return s }
            guard let stamp = MetaText.trimmed(v[name + "_stamp"]),
                  let d = MetadataTime.local(stamp, zone: settings.zone) else { return nil }
            return d.timeIntervalSince1970
        }
        let (start, answer, end) = (time("start"), time("answer"), time("end"))
        m.startTime = start.map(Date.init(timeIntervalSince1970:))
        m.endTime = end.map(Date.init(timeIntervalSince1970:))

        let directionText = (MetaText.trimmed(v["call_direction"]) ?? MetaText.trimmed(v["direction"]))?.lowercased()
        switch directionText {
        case "inbound": m.direction = .inbound
        case "outbound": m.direction = .outbound
        case "local", "internal": m.direction = .internal
        default: m.direction = .unknown
        }
        let profile = ((object["callflow"] as? [[String: Any]])?.first?["caller_profile"]) as? [String: Any]
        let callerID = MetaText.trimmed(v["caller_id_number"]) ?? MetaText.trimmed(profile?["caller_id_number"] as? String)
        let callee = ["dialed_user", "callee_id_number", "last_sent_callee_id_number"].lazy
            .compactMap { MetaText.trimmed(v[$0]) }.first
        if let agent = MetaText.trimmed(v["cc_agent"]) {
            m.agentID = agent.split(separator: "@").first.map(String.init)
            m.callerNumber = callerID
        } else if m.direction == .outbound {
            m.agentID = callerID
            m.callerNumber = callee ?? MetaText.trimmed(profile?["destination_number"] as? String)
        } else {
            m.agentID = callee
            m.callerNumber = callerID
            if callee != nil { m.warnings.append("agent taken from the callee (no cc_agent variable)") }
        }

        // Call-center fields set by the dialplan as channel variables (`set` team=..., department=..., ...);
        // mod_callcenter's queue stands in for the team when no team is set.
        m.team = MetaText.trimmed(v["team"]) ?? MetaText.trimmed(v["cc_queue"]).map { String($0.split(separator: "@").first ?? "") }
        m.department = MetaText.trimmed(v["department"])
        m.category = MetaText.trimmed(v["category"])
        m.tags = (MetaText.trimmed(v["tags"]) ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }

        let origin = answer ?? start
        if answer == nil { m.warnings.append("the call has no answer time; hold times counted from its start") }
        m.events = Self.holdEvents(v["hold_events"], origin: origin, warnings: &m.warnings)
        if let s = Double(v["hold_accum_seconds"] ?? "") {
            m.reportedHoldSeconds = s
        } else if let us = Double(v["hold_accum_usec"] ?? "") {
            m.reportedHoldSeconds = us / 1_000_000
        }

        var references: [AudioReference] = []
        if AsteriskCDRRow.isSafeFileStem(uuid) { references.append(.stem(uuid, legs: [], scope: .anywhere)) }
        for name in Self.recordingFileNames(v) where !references.contains(.basename(name)) {
            references.append(.basename(name))
        }
        guard !references.isEmpty else {
            throw fail("`variables.uuid` is not usable as a file name and no recording file variable is set")
        }
        // An unanswered call has no recording: its CDR is not an error when no audio matches.
        let record = MetadataRecord(metadata: m, audio: .anyOf(references), audioRequired: answer != nil)
        return MetadataParseResult(records: [record])
    }

    /// `{{start_us,end_us},{start_us,end_us}}` (epoch microseconds) as hold events in seconds from `origin`.
    static func holdEvents(_ text: String?, origin: Double?, warnings: inout [String]) -> [CallEvent] {
        guard let text = MetaText.trimmed(text) else { return [] }
        guard let origin else {
            warnings.append("hold_events ignored: the call has no start or answer time")
            return []
        }
        var events: [CallEvent] = []
        for match in text.matches(of: /\{\s*(\d+)\s*,\s*(\d*)\s*\}/) {
            guard let startUS = Double(match.output.1), startUS.isFinite, startUS < 1e17 else { continue }
            let endUS = Double(match.output.2).flatMap { $0 > 0 && $0 < 1e17 ? $0 : nil }
            var start = startUS / 1_000_000 - origin
            var end = endUS.map { $0 / 1_000_000 - origin }
            if let e = end, e < start {
                warnings.append("a hold interval ends before it starts; ignored")
                continue
            }
            if start < 0 {
                warnings.append("a hold began before the answer; counted from the answer")
                start = 0
                end = end.map { max($0, 0) }
            }
            events.append(CallEvent(kind: .hold, start: start, end: end))
        }
        if events.isEmpty { warnings.append("hold_events is not of the form {{start_us,end_us},...}; ignored") }
        return events
    }

    /// Basenames of variables that name the recording (`record_file_path`, `recording_file`, `record_path`, ...):
    /// any variable whose name contains "record" and whose value ends in an audio extension.
    static func recordingFileNames(_ v: [String: String]) -> [String] {
        let preferred = ["record_file_path", "recording_file", "record_path", "record_file", "record_file_name"]
        let keys = v.keys.filter { $0.lowercased().contains("record") }
            .sorted { (preferred.firstIndex(of: $0) ?? 99, $0) < (preferred.firstIndex(of: $1) ?? 99, $1) }
        return keys.compactMap { key in
            guard let value = MetaText.trimmed(v[key]) else { return nil }
            let name = value.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last.map(String.init) ?? value
            guard AudioFileTypes.isAudio(name), name != ".", name != ".." else { return nil }
            return name
        }
    }
}

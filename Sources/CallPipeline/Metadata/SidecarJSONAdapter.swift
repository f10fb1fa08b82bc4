import CallModel
import Foundation

/// Sidecar JSON (`BASE.json` beside `BASE.wav`): nokchwi's own format, written by dialplans and exporters.
public struct SidecarJSONAdapter: MetadataAdapter {
    public var format: MetadataFormat { .sidecarJSON }

    public init() {}

    public func canRead(relativePath: String, prefix: Data) -> Bool {
        MetaText.ext(relativePath) == "json"
    }

    public func parse(data: Data, relativePath: String, settings: MetadataSettings) throws(MetadataError)
        -> MetadataParseResult
    {
        func fail(_ reason: String) -> MetadataError { MetadataError(.malformed, reason, path: relativePath) }
        let doc: SidecarDocument
        do {
            doc = try JSONDecoder().decode(SidecarDocument.self, from: data)
        } catch let error as DecodingError {
            throw fail(Self.explain(error))
        } catch {
            throw fail("is not valid JSON; check it with `python3 -m json.tool`")
        }
        let metadata = try Self.metadata(from: doc, settings: settings, fail: fail)
        let audio: AudioReference
        switch (MetaText.trimmed(doc.audio), doc.legs) {
        case (.some, .some):
            throw fail("gives both `audio` and `legs`; keep `audio` for one file or `legs` for one file per party")
        case (.some(let file), nil):
            audio = .file(file)
        case (nil, .some(let legs)):
            guard let agent = MetaText.trimmed(legs.agent), let caller = MetaText.trimmed(legs.caller) else {
                throw fail("`legs.agent` and `legs.caller` must both name a file")
            }
            audio = .legs(agent: agent, caller: caller)
        case (nil, nil):
            audio = .stem(MetaText.stem(relativePath), legs: [.agentCaller], scope: .besideMetadata)
        }
        return MetadataParseResult(records: [MetadataRecord(metadata: metadata, audio: audio)])
    }

    static func metadata(
        from doc: SidecarDocument, settings: MetadataSettings, fail: (String) -> MetadataError
    ) throws(MetadataError) -> CallMetadata {
        var m = CallMetadata(format: .sidecarJSON)
        m.externalID = MetaText.trimmed(doc.callID)
        m.agentID = MetaText.trimmed(doc.agentID)
        m.team = MetaText.trimmed(doc.team)
        m.department = MetaText.trimmed(doc.department)
        m.category = MetaText.trimmed(doc.category)
        m.tags = (doc.tags ?? []).compactMap { MetaText.trimmed($0) }
        m.callerNumber = MetaText.trimmed(doc.callerNumber)
        if let text = MetaText.trimmed(doc.direction) {
            guard let direction = CallDirection(rawValue: text.lowercased()) else {
                throw fail("`direction` must be one of inbound, outbound, internal, unknown")
            }
            m.direction = direction
        }
        if let channel = doc.agentChannel {
            guard channel >= 0 else { throw fail("`agent_channel` must be 0 or more (0 is the first channel)") }
            m.agentChannel = channel
        }
        for (key, text) in [("start_time", doc.startTime), ("end_time", doc.endTime)] {
            guard let text = MetaText.trimmed(text) else { continue }
            switch MetadataTime.iso8601(text, zone: settings.zone) {
            case .zoned(let date)?:
                if key == "start_time" { m.startTime = date } else { m.endTime = date }
            case .local(let date)?:
                if key == "start_time" { m.startTime = date } else { m.endTime = date }
                m.warnings.append("`\(key)` has no time zone; read as \(settings.timezone)")
            case nil:
                throw fail("`\(key)` is not an ISO 8601 time such as 2026-11-23T09:14:05+09:00")
            }
        }
        for (i, e) in (doc.events ?? []).enumerated() {
            guard let kind = CallEvent.Kind(rawValue: e.type.lowercased()) else {
                throw fail("`events[\(i)].type` must be one of hold, transfer, conference, note")
            }
            guard e.start.isFinite, e.start >= 0 else {
                throw fail("`events[\(i)].start` must be seconds from the recording's start (0 or more)")
            }
            if let end = e.end, !(end.isFinite && end >= e.start) {
                throw fail("`events[\(i)].end` must not come before its start")
            }
            m.events.append(CallEvent(kind: kind, start: e.start, end: e.end, detail: MetaText.trimmed(e.detail)))
        }
        return m
    }

    /// A sidecar for `metadata` (the inverse of `parse`, for exporters and demo data). Times are written with
    /// the offset of `settings.timezone`.
    public static func encode(
        _ metadata: CallMetadata, audio: String? = nil, legs: SidecarDocument.Legs? = nil,
        settings: MetadataSettings = MetadataSettings()
    ) throws -> Data {
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = settings.zone
        func text(_ date: Date?) -> String? {
            guard let date else { return nil }
            formatter.formatOptions = date.timeIntervalSince1970.rounded() == date.timeIntervalSince1970
                ? [.withInternetDateTime] : [.withInternetDateTime, .withFractionalSeconds]
            return formatter.string(from: date)
        }
        let doc = SidecarDocument(
            callID: metadata.externalID, startTime: text(metadata.startTime), endTime: text(metadata.endTime),
            agentID: metadata.agentID, team: metadata.team, department: metadata.department,
            category: metadata.category, tags: metadata.tags.isEmpty ? nil : metadata.tags,
            direction: metadata.direction == .unknown ? nil : metadata.direction.rawValue,
            callerNumber: metadata.callerNumber, agentChannel: metadata.agentChannel, audio: audio, legs: legs,
            events: metadata.events.isEmpty ? nil : metadata.events.map {
                SidecarDocument.Event(type: $0.kind.rawValue, start: $0.start, end: $0.end, detail: $0.detail)
            })
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(doc)
    }

    /// Names the key and the expected type; never quotes the value (it may be personal data).
    static func explain(_ error: DecodingError) -> String {
        func key(_ path: [any CodingKey]) -> String {
            var out = ""
            for k in path {
                if let i = k.intValue { out += "[\(i)]" } else { out += (out.isEmpty ? "" : ".") + k.stringValue }
            }
            return out.isEmpty ? "the document" : "`\(out)`"
        }
        switch error {
        case .typeMismatch(let type, let context):
            return "\(key(context.codingPath)) has the wrong type: expected \(Self.typeName(type))"
        case .valueNotFound(let type, let context):
            return "\(key(context.codingPath)) is null: expected \(Self.typeName(type))"
        case .keyNotFound(let missing, let context):
            return "\(key(context.codingPath + [missing])) is missing"
        case .dataCorrupted(let context) where context.codingPath.isEmpty:
            return "is not valid JSON; check it with `python3 -m json.tool`"
        case .dataCorrupted(let context):
            return "\(key(context.codingPath)) has an invalid value"
        @unknown default:
            return "does not match the sidecar schema"
        }
    }

    static func typeName(_ type: Any.Type) -> String {
        if type == String.self { return "a string" }
        if type == Int.self { return "an integer" }
        if type == Double.self { return "a number" }
        if type == Bool.self { return "true or false" }
        return String(describing: type).hasPrefix("Array") ? "an array" : "a JSON object"
    }
}

import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// The parts of a SIPREC metadata document (RFC 7865) that nokchwi uses, read leniently: elements are matched by
/// local name in either recording namespace (`urn:ietf:params:xml:ns:recording:1` or the pre-RFC
/// `urn:ietf:params:xml:ns:recording`), with any prefix, in any order; extension elements in other namespaces
/// are skipped with everything inside them. Acme's pre-RFC form (`id` / `session` attributes, `<send>` directly
/// under `<participant>`) and `dataMode` spelled in camel case are accepted.
public struct SIPRECDocument: Sendable, Equatable {
    public struct Session: Sendable, Equatable {
        public var id: String?
        /// Whitespace inside the value (wrapped lines) removed.
        public var sipSessionIDs: [String] = []
        public var startTime: String?
        public var stopTime: String?
    }

    public struct Participant: Sendable, Equatable {
        public var id: String?
        public var aors: [String] = []
        public var names: [String] = []
        /// Streams sent, from `participantstreamassoc` or (Acme) `<send>` under the participant.
        public var sends: [String] = []
        public var receives: [String] = []
    }

    public struct Stream: Sendable, Equatable {
        public var id: String?
        public var label: String?
        public var sessionID: String?
    }

    public static let namespaces: Set<String> = ["urn:ietf:params:xml:ns:recording:1", "urn:ietf:params:xml:ns:recording"]

    /// Local name of the root element (`recording`, `requestsnapshot`, ...) and its namespace.
    public var root = ""
    public var rootNamespace: String?
    /// `complete`, `partial` (lower-cased), nil when absent.
    public var dataMode: String?
    public var sessions: [Session] = []
    /// In document order; a participant that is only referenced by an association is added after them.
    public var participants: [Participant] = []
    /// In document order: channel i of a stereo recording is stream i.
    public var streams: [Stream] = []
    /// The first `associate-time` anywhere (a fallback when no session gives a start time).
    public var firstAssociateTime: String?

    /// Parses a document. Ignores a UTF-8 byte order mark and whitespace before the XML declaration; rejects
    /// DOCTYPE and ENTITY declarations before the parser sees them (Foundation's parser substitutes entities)
    /// and never resolves external entities. Only UTF-8 is read: Foundation's parser traps on element names
    /// that are not valid UTF-8, so invalid bytes are rejected first. Elements nested more than
    /// `SIPRECXMLReader.maxDepth` levels stop the parse (`.malformed`), so hostile nesting costs little.
    public static func parse(_ data: Data, relativePath: String) throws(MetadataError) -> SIPRECDocument {
        var body = data
        if body.starts(with: [0xEF, 0xBB, 0xBF]) { body = body.dropFirst(3) }
        body = Data(body.drop { [0x20, 0x09, 0x0A, 0x0D].contains($0) })
        guard let text = String(validating: body, as: UTF8.self), !body.contains(0) else {
            throw MetadataError(.unreadable, "is not UTF-8 text (or contains NUL bytes); SIPREC metadata is UTF-8",
                                path: relativePath)
        }
        if let declaration = text.prefixMatch(of: /<\?xml[^>]*?encoding\s*=\s*["']([^"']*)["']/),
           !["utf-8", "utf8", "us-ascii", "ascii"].contains(declaration.output.1.lowercased()) {
            throw MetadataError(.unsupported, "declares an encoding other than UTF-8; convert it to UTF-8",
                                path: relativePath)
        }
        for marker in ["<!DOCTYPE", "<!ENTITY"] where body.range(of: Data(marker.utf8)) != nil
            || body.range(of: Data(marker.lowercased().utf8)) != nil {
            throw MetadataError(.entityDeclaration,
                "contains a \(marker) declaration, which SIPREC metadata never needs and which can expand "
                + "entities or read other files; the file was not parsed. Ask the SRC vendor to remove it",
                path: relativePath)
        }
        // Foundation's parser also traps on a processing instruction without data (`<?pi?>`): none is accepted.
        let afterDeclaration = text.prefixMatch(of: /<\?xml\s[^>]*\?>/).map { text[$0.range.upperBound...] } ?? text[...]
        if afterDeclaration.contains("<?") {
            throw MetadataError(.unsupported, "contains a processing instruction (<?...?>), which SIPREC metadata "
                + "never carries; the file was not parsed", path: relativePath)
        }
        let reader = SIPRECXMLReader()
        let parser = XMLParser(data: body)
        parser.shouldProcessNamespaces = true
        parser.shouldReportNamespacePrefixes = false
        parser.shouldResolveExternalEntities = false
        parser.delegate = reader
        let parsed = parser.parse()
        if reader.tooDeep {
            throw MetadataError(.malformed, "nests elements more than \(SIPRECXMLReader.maxDepth) levels deep; SIPREC "
                + "metadata is a few levels deep, so this is not recording metadata (the file was not read further)",
                path: relativePath)
        }
        guard parsed, !reader.failed else {
            throw MetadataError(.malformed,
                "is not well-formed XML (stopped at line \(parser.lineNumber), column \(parser.columnNumber))",
                path: relativePath)
        }
        guard !reader.document.root.isEmpty else {
            throw MetadataError(.malformed, "contains no XML element", path: relativePath)
        }
        guard reader.isBalanced else {
            throw MetadataError(.malformed, "ends before its elements are closed (truncated file?)", path: relativePath)
        }
        return reader.document
    }

    /// The participant index with this id, adding a participant known only by reference.
    mutating func participantIndex(_ id: String) -> Int {
        if let i = participants.firstIndex(where: { $0.id == id }) { return i }
        participants.append(Participant(id: id))
        return participants.count - 1
    }
}

/// SAX delegate filling a `SIPRECDocument`; keeps a stack of local names (nil for foreign elements).
final class SIPRECXMLReader: NSObject, XMLParserDelegate {
    var document = SIPRECDocument()
    private var stack: [String?] = []
    /// How many entries of `stack` are foreign (nil): kept so each element costs O(1), not O(depth).
    private var foreignDepth = 0
    /// Deeper documents are refused: RFC 7865 metadata nests 4 levels, vendor extensions a few more.
    static let maxDepth = 100
    private(set) var tooDeep = false
    private var ended = false
    /// Foundation's parser runs libxml2 in recovery mode: any error it reports, or a second root element,
    /// makes the document malformed.
    private(set) var failed = false

    /// True once the root element has been closed.
    var isBalanced: Bool { ended && stack.isEmpty }
    private var text = ""
    private var assocParticipant: Int?
    private var currentParticipant: Int?

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        text = ""
        guard stack.count < Self.maxDepth else {
            tooDeep = true
            failed = true
            parser.abortParsing()
            return
        }
        let ours = foreignDepth == 0 && (namespaceURI.map { $0.isEmpty || SIPRECDocument.namespaces.contains($0) } ?? true)
        if stack.isEmpty {
            if ended { failed = true }  // a second root element
            document.root = ended ? document.root : name
            document.rootNamespace = ended ? document.rootNamespace : namespaceURI
        }
        let parent = stack.last ?? nil
        let depth = stack.count
        stack.append(ours ? name : nil)
        if !ours { foreignDepth += 1 }
        guard ours else { return }
        switch (depth, parent, name) {
        case (1, _, "session"):
            document.sessions.append(.init(id: attributes["session_id"] ?? attributes["id"]))
        case (1, _, "participant"):
            if let id = attributes["participant_id"] ?? attributes["id"] {
                currentParticipant = document.participantIndex(id)
            } else {
                document.participants.append(.init(id: nil))
                currentParticipant = document.participants.count - 1
            }
        case (1, _, "stream"):
            document.streams.append(.init(id: attributes["stream_id"] ?? attributes["id"],
                                          sessionID: attributes["session_id"] ?? attributes["session"]))
        case (1, _, "participantstreamassoc"):
            assocParticipant = (attributes["participant_id"] ?? attributes["id"]).map { document.participantIndex($0) }
        case (_, "participant"?, "nameID"):
            if let aor = MetaText.trimmed(attributes["aor"]), let i = currentParticipant {
                document.participants[i].aors.append(aor)
            }
        default:
            break
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) { text += string }

    func parser(_ parser: XMLParser, parseErrorOccurred parseError: any Error) {
        failed = true
    }

    func parser(_ parser: XMLParser, foundCDATA block: Data) { text += String(decoding: block, as: UTF8.self) }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        guard !tooDeep else { return }
        let popped = stack.popLast()
        if case .some(.none) = popped { foreignDepth -= 1 }
        let current = popped ?? nil
        if stack.isEmpty { ended = true }
        let parent = stack.last ?? nil
        let value = MetaText.trimmed(text)
        text = ""
        guard let current else { return }
        let d = stack.count
        switch (parent, current) {
        case (_, let element) where d == 1 && element.lowercased() == "datamode":
            document.dataMode = value?.lowercased()
        case ("session"?, "sipSessionID"):
            if let value, !document.sessions.isEmpty {
                document.sessions[document.sessions.count - 1].sipSessionIDs.append(value.filter { !$0.isWhitespace })
            }
        case ("session"?, "start-time"):
            if !document.sessions.isEmpty { document.sessions[document.sessions.count - 1].startTime = value }
        case ("session"?, "stop-time"):
            if !document.sessions.isEmpty { document.sessions[document.sessions.count - 1].stopTime = value }
        case (_, "associate-time"):
            if document.firstAssociateTime == nil { document.firstAssociateTime = value }
        case ("nameID"?, "name"):
            if let value, let i = currentParticipant { document.participants[i].names.append(value) }
        case ("participant"?, "send") where d == 2:
            if let value, let i = currentParticipant { document.participants[i].sends.append(value) }
        case ("stream"?, "label") where d == 2:
            if !document.streams.isEmpty { document.streams[document.streams.count - 1].label = value }
        case ("participantstreamassoc"?, "send") where d == 2:
            if let value, let i = assocParticipant { document.participants[i].sends.append(value) }
        case ("participantstreamassoc"?, "recv") where d == 2:
            if let value, let i = assocParticipant { document.participants[i].receives.append(value) }
        case (_, "participantstreamassoc") where d == 1:
            assocParticipant = nil
        case (_, "participant") where d == 1:
            currentParticipant = nil
        default:
            break
        }
    }
}

import CallModel
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import CallPipeline

@Suite struct MetadataSIPRECTests {
    enum Outcome: Equatable {
        /// Parsed: number of streams, and the agent channel the default settings find.
        case parsed(streams: Int, agentChannel: Int?)
        case rejected(MetadataError.Code, mentioning: String)
    }

    /// Every real file under shared/real-metadata/siprec and what the adapter must make of it (default settings:
    /// none of these captures comes from a center whose agents match the default AOR pattern unambiguously).
    static let expected: [String: Outcome] = [
        "rfc7865-1.xml": .rejected(.unsupported, mentioning: "snapshot request"),
        "rfc7865-2.xml": .parsed(streams: 4, agentChannel: nil),
        "rfc7865-3.xml": .rejected(.unsupported, mentioning: "datamode partial"),
        "rfc8068-3.2.1-1.xml": .parsed(streams: 4, agentChannel: nil),
        "rfc8068-3.2.2-1.xml": .rejected(.unsupported, mentioning: "datamode partial"),
        "rfc8068-3.2.2-2.xml": .rejected(.unsupported, mentioning: "datamode partial"),
        "rfc8068-3.2.3-1.xml": .rejected(.unsupported, mentioning: "datamode partial"),
        "rfc8068-3.2.3-2.xml": .rejected(.unsupported, mentioning: "datamode partial"),
        "rfc8068-3.2.3-3.xml": .parsed(streams: 4, agentChannel: nil),
        "rfc8068-3.2.4-1.xml": .rejected(.unsupported, mentioning: "datamode partial"),
        "rfc8068-3.3.1-1.xml": .parsed(streams: 1, agentChannel: nil),
        "rfc8068-3.3.2-1.xml": .rejected(.unsupported, mentioning: "datamode partial"),
        "rfc8068-3.3.2-2.xml": .rejected(.unsupported, mentioning: "datamode partial"),
        "rfc8068-3.3.3-1.xml": .rejected(.unsupported, mentioning: "datamode partial"),
        "rfc8068-3.3.3-2.xml": .rejected(.unsupported, mentioning: "datamode partial"),
        "rfc8068-3.4.1-1.xml": .rejected(.unsupported, mentioning: "datamode partial"),
        "rfc8068-3.5-1.xml": .parsed(streams: 1, agentChannel: nil),
        "vendor/drachtio-acme-siprec-offer.xml": .parsed(streams: 2, agentChannel: nil),
        "vendor/drachtio-broadworks-offer-2.xml": .parsed(streams: 2, agentChannel: nil),
        "vendor/drachtio-cisco-siprec-offer.xml": .parsed(streams: 2, agentChannel: nil),
        "vendor/drachtio-connectel-offer.xml": .parsed(streams: 2, agentChannel: nil),
        "vendor/drachtio-inactive-sdp-offer.xml": .parsed(streams: 2, agentChannel: nil),
        "vendor/drachtio-procomm-siprec-offer.xml": .parsed(streams: 2, agentChannel: nil),
        "vendor/drachtio-sonus-siprec-offer.xml": .parsed(streams: 2, agentChannel: nil),
    ]

    static func parse(_ relative: String, settings: MetadataSettings = MetadataSettings()) throws
        -> Result<MetadataParseResult, MetadataError>
    {
        let data = try MetadataTestFiles.real("siprec/" + relative)
        do throws(MetadataError) {
            return .success(try SIPRECAdapter().parse(data: data, relativePath: relative, settings: settings))
        } catch {
            return .failure(error)
        }
    }

    @Test(.enabled(if: MetadataTestFiles.haveRealMetadata, MetadataTestFiles.skipReason))
    func everyRealFileIsInTheTable() throws {
        let folder = MetadataTestFiles.realMetadata.appendingPathComponent("siprec")
        let found = try FileManager.default.subpathsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".xml") }
        #expect(Set(found) == Set(Self.expected.keys))
    }

    @Test(.enabled(if: MetadataTestFiles.haveRealMetadata, MetadataTestFiles.skipReason), arguments: expected.keys.sorted())
    func realFileParsesOrIsRejectedWithAReason(_ file: String) throws {
        let result = try Self.parse(file)
        let want = try #require(Self.expected[file])
        let doc = try SIPRECDocument.parse(try MetadataTestFiles.real("siprec/" + file), relativePath: file)
        let personal = doc.participants.flatMap { $0.aors + $0.names }
        switch (want, result) {
        case (.parsed(let streams, let agentChannel), .success(let parsed)):
            #expect(doc.streams.count == streams)
            #expect(parsed.records.count == 1)
            let m = try #require(parsed.records.first).metadata
            #expect(m.format == .siprec)
            #expect(m.agentChannel == agentChannel)
            if agentChannel == nil { #expect(m.warnings.contains { $0.contains("agent") }) }
            for text in m.warnings { for p in personal { #expect(!text.contains(p), "warning quotes personal data") } }
        case (.rejected(let code, let mentioning), .failure(let error)):
            #expect(error.code == code)
            #expect(error.reason.contains(mentioning), "\(error.reason)")
            for p in personal { #expect(!error.description.contains(p)) }
        default:
            Issue.record("\(file): expected \(want), got \(result)")
        }
    }

    @Test(.enabled(if: MetadataTestFiles.haveRealMetadata, MetadataTestFiles.skipReason))
    func rfc7865Example2HasTwoParticipantsAndFourStreams() throws {
        let data = try MetadataTestFiles.real("siprec/rfc7865-2.xml")
        let doc = try SIPRECDocument.parse(data, relativePath: "rfc7865-2.xml")
        #expect(doc.root == "recording")
        #expect(doc.dataMode == "complete")
        #expect(doc.participants.count == 2)
        #expect(doc.streams.map(\.label) == ["96", "97", "98", "99"])
        #expect(doc.participants[0].sends == ["i1Pz3to5hGk8fuXl+PbwCw==", "UAAMm5GRQKSCMVvLyl4rFw=="])
        #expect(doc.participants[1].receives.count == 2)
        // The wrapped sipSessionID is joined; extension elements (<mydata>) leave nothing behind.
        #expect(doc.sessions.first?.sipSessionIDs == ["ab30317f1a784dc48ff824d0d3715d86;remote=47755a9de7794ba387653f2099600ef2"])

        // With a pattern naming Bob as the agent: his first own stream in document order is stream 0 (label 96),
        // Paul's is stream 2 (label 98).
        var settings = MetadataSettings()
        settings.siprecAgentAORPattern = "^sip:bob@"
        let record = try #require(try SIPRECAdapter().parse(data: data, relativePath: "calls/r2.xml", settings: settings).records.first)
        #expect(record.metadata.agentChannel == 0)
        #expect(record.metadata.agentID == "bob")
        #expect(record.metadata.callerNumber == "Paul")
        #expect(record.metadata.externalID == "hVpd7YQgRW2nD22h7q60JQ==")
        #expect(record.audio == .stem("r2", legs: [LegNaming(agent: "-96", caller: "-98")], scope: .besideMetadata))
    }

    @Test(.enabled(if: MetadataTestFiles.haveRealMetadata, MetadataTestFiles.skipReason))
    func holdAndResumeSnapshots() throws {
        // Hold and resume re-INVITEs without streams only change associations: nothing to archive.
        for file in ["rfc8068-3.2.2-1.xml", "rfc8068-3.2.2-2.xml"] {
            guard case .failure(let error) = try Self.parse(file) else {
                Issue.record("\(file) should be rejected")
                continue
            }
            #expect(error.code == .unsupported)
            #expect(error.reason.contains("not a complete recording metadata snapshot"))
        }
        // Hold and resume with mixing re-send the stream but nothing else of the call (no session, no time, no
        // participant): also nothing to archive, whatever the agent pattern.
        var settings = MetadataSettings()
        settings.siprecAgentAORPattern = "^sip:alice@"
        for file in ["rfc8068-3.3.2-1.xml", "rfc8068-3.3.2-2.xml"] {
            guard case .failure(let error) = try Self.parse(file, settings: settings) else {
                Issue.record("\(file) should be rejected")
                continue
            }
            #expect(error.code == .unsupported)
            #expect(error.reason.contains("not a complete recording metadata snapshot"), "\(error.reason)")
        }
    }

    /// A partial snapshot that re-sends streams and names its participants still describes a call: it is read,
    /// with the warning that earlier snapshots are unknown.
    @Test func partialSnapshotWithParticipantsIsRead() throws {
        let xml = """
            <recording xmlns='urn:ietf:params:xml:ns:recording:1'><datamode>partial</datamode>
              <participant participant_id="p1"><nameID aor="sip:8007@pbx.example"/></participant>
              <participant participant_id="p2"><nameID aor="sip:caller@example.org"/></participant>
              <stream stream_id="s1"><label>1</label></stream><stream stream_id="s2"><label>2</label></stream>
              <participantstreamassoc participant_id="p1"><send>s1</send></participantstreamassoc>
              <participantstreamassoc participant_id="p2"><send>s2</send></participantstreamassoc>
            </recording>
            """
        let result = try SIPRECAdapter().parse(data: Data(xml.utf8), relativePath: "p.xml", settings: MetadataSettings())
        let record = try #require(result.records.first)
        #expect(record.metadata.agentChannel == 0)
        #expect(record.metadata.warnings.contains { $0.contains("partial snapshot") })
        // The same document with its participants' names left out is a bare re-sent stream: rejected.
        let bare = xml.replacingOccurrences(of: #"<nameID aor="sip:8007@pbx.example"/>"#, with: "")
            .replacingOccurrences(of: #"<nameID aor="sip:caller@example.org"/>"#, with: "")
        #expect(throws: MetadataError.self) {
            _ = try SIPRECAdapter().parse(data: Data(bare.utf8), relativePath: "p.xml", settings: MetadataSettings())
        }
    }

    @Test(.enabled(if: MetadataTestFiles.haveRealMetadata, MetadataTestFiles.skipReason))
    func vendorQuirksWithAnAgentPattern() throws {
        func record(_ file: String, _ pattern: String) throws -> MetadataRecord {
            var settings = MetadataSettings()
            settings.siprecAgentAORPattern = pattern
            return try #require(try Self.parse(file, settings: settings).get().records.first)
        }
        // Acme: pre-RFC namespace, `id` attributes, <send> under <participant>, times without a zone.
        let acme = try record("vendor/drachtio-acme-siprec-offer.xml", "^sip:9000@")
        #expect(acme.metadata.agentChannel == 0)
        #expect(acme.metadata.agentID == "9000")
        #expect(acme.metadata.startTime == Date(timeIntervalSince1970: 1552117820))  // 2019-03-09 16:50:20 KST
        #expect(acme.metadata.warnings.contains { $0.contains("no time zone") })
        #expect(acme.audio == .stem("drachtio-acme-siprec-offer",
                                    legs: [LegNaming(agent: "-16777227", caller: "-16777228")], scope: .besideMetadata))
        // Sonus: `tns:` prefixes, pre-RFC namespace, AOR without scheme, 1970 clock.
        let sonus = try record("vendor/drachtio-sonus-siprec-offer.xml", "^2249888500@")
        #expect(sonus.metadata.agentChannel == 1)
        #expect(sonus.metadata.startTime == nil)
        #expect(sonus.metadata.warnings.contains { $0.contains("1970") })
        // BroadWorks/Avaya: camel-case <dataMode>, streams declared after their associations.
        let avaya = try record("vendor/drachtio-broadworks-offer-2.xml", "^sip:ASBCE@")
        #expect(avaya.metadata.agentChannel == 1)
        #expect(!avaya.metadata.warnings.contains { $0.contains("datamode") })
        // Cisco: millisecond timestamps, interleaved elements.
        let cisco = try record("vendor/drachtio-cisco-siprec-offer.xml", "^sip:7300@")
        #expect(cisco.metadata.agentChannel == 1)
        let ciscoStart = try #require(cisco.metadata.startTime).timeIntervalSince1970
        #expect(abs(ciscoStart - 1498220166.040) < 0.0005)
        // Connectel (no associations) and the inactive offer (empty associations): agent known, stream not.
        for (file, pattern) in [("vendor/drachtio-connectel-offer.xml", "^sip:0771"),
                                ("vendor/drachtio-inactive-sdp-offer.xml", "^sip:0733")] {
            let r = try record(file, pattern)
            #expect(r.metadata.agentChannel == nil)
            #expect(r.metadata.warnings.contains { $0.contains("sends no stream") })
        }
        // A mixed stream sent by both parties cannot be split.
        let mixed = try record("rfc8068-3.3.1-1.xml", "^sip:alice@")
        #expect(mixed.metadata.agentChannel == nil)
        #expect(mixed.metadata.warnings.contains { $0.contains("mixed stream") })
        // Turret: two sessions.
        let turret = try record("rfc8068-3.5-1.xml", "^sip:alice@")
        #expect(turret.metadata.warnings.contains { $0.contains("2 <session> elements") })
    }

    /// RFC 7865's normative schema (`siprec/rfc7865-schema.xsd`) against what the adapter reads: every element the
    /// reader matches is declared there, and every file the adapter accepts (the rejected ones too) uses only
    /// declared elements in the recording namespaces, except the pre-RFC vendors' own, named here. Extension
    /// elements in other namespaces are what the schema's `xs:any` allows and the reader skips.
    @Test(.enabled(if: MetadataTestFiles.haveRealMetadata, MetadataTestFiles.skipReason))
    func filesUseOnlyElementsTheSchemaDeclares() throws {
        let declared = try ElementNames.collect(try MetadataTestFiles.real("siprec/rfc7865-schema.xsd"), schema: true)
        #expect(declared.count == 24, "\(declared.sorted())")
        let read: Set<String> = ["recording", "requestsnapshot", "datamode", "session", "sipSessionID", "start-time",
                                 "stop-time", "associate-time", "participant", "nameID", "name", "stream", "label",
                                 "participantstreamassoc", "send", "recv"]
        #expect(read.subtracting(declared).isEmpty, "\(read.subtracting(declared))")
        let outside: [String: Set<String>] = [
            "vendor/drachtio-acme-siprec-offer.xml": ["mode", "extensiondata"],  // the pre-RFC draft's own
            "vendor/drachtio-broadworks-offer-2.xml": ["dataMode"],  // camel case, read as datamode
        ]
        var accepted = 0
        for file in Self.expected.keys.sorted() {
            let names = try ElementNames.collect(try MetadataTestFiles.real("siprec/" + file), schema: false)
            #expect(names.contains("recording") || names.contains("requestsnapshot"), "\(file)")
            #expect(names.subtracting(declared) == outside[file, default: []], "\(file): \(names.subtracting(declared).sorted())")
            if case .success = try Self.parse(file) { accepted += 1 }
        }
        #expect(accepted == Self.expected.values.filter { if case .parsed = $0 { true } else { false } }.count)
    }

    @Test func fixtureFindsTheAgentWithTheDefaultPattern() throws {
        let data = try MetadataTestFiles.fixture("siprec-recording.xml")
        let result = try SIPRECAdapter().parse(data: data, relativePath: "siprec-recording.xml", settings: MetadataSettings())
        let record = try #require(result.records.first)
        #expect(record.metadata.agentChannel == 1)
        #expect(record.metadata.agentID == "8007")
        #expect(record.metadata.callerNumber == "0212345678")
        #expect(record.metadata.startTime == Date(timeIntervalSince1970: 1795396200))
        #expect(record.metadata.endTime == Date(timeIntervalSince1970: 1795396470))
        #expect(record.metadata.warnings.isEmpty)
        #expect(record.audio == .stem("siprec-recording", legs: [LegNaming(agent: "-2", caller: "-1")], scope: .besideMetadata))
    }

    @Test(arguments: [
        #"<?xml version="1.0"?><!DOCTYPE recording [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]><recording xmlns="urn:ietf:params:xml:ns:recording:1">&b;</recording>"#,
        #"<?xml version="1.0"?><!DOCTYPE r SYSTEM "file:///etc/passwd"><recording xmlns="urn:ietf:params:xml:ns:recording:1"/>"#,
        #"  <recording xmlns="urn:ietf:params:xml:ns:recording:1"><!ENTITY x SYSTEM "file:///etc/hostname"></recording>"#,
    ])
    func entityDeclarationsAreRejectedUnparsed(_ xml: String) {
        #expect(throws: MetadataError.self) {
            do throws(MetadataError) {
                _ = try SIPRECAdapter().parse(data: Data(xml.utf8), relativePath: "evil.xml", settings: MetadataSettings())
            } catch {
                #expect(error.code == .entityDeclaration)
                throw error
            }
        }
    }

    @Test func malformedAndForeignDocuments() {
        func code(_ xml: String) -> MetadataError.Code? {
            do throws(MetadataError) {
                _ = try SIPRECAdapter().parse(data: Data(xml.utf8), relativePath: "x.xml", settings: MetadataSettings())
                return nil
            } catch { return error.code }
        }
        #expect(code("<recording xmlns='urn:ietf:params:xml:ns:recording:1'><stream>") == .malformed)
        #expect(code("<cdr core-uuid='x'><variables/></cdr>") == .unsupported)
        #expect(code("<recording xmlns='urn:example:other'><stream stream_id='s'/></recording>") == .unsupported)
        #expect(code("") == .malformed)
        let ok = "<recording xmlns='urn:ietf:params:xml:ns:recording:1'><stream stream_id='s'/></recording>"
        #expect(code(ok) == nil)
        #expect(code(ok + "<recording/>") == .malformed)  // a second root
        // Foundation's XMLParser traps on a processing instruction without data and on element names that are
        // not UTF-8: both are refused before parsing.
        #expect(code("<?xml version='1.0'?><?x?>" + ok) == .unsupported)
        #expect(code("<?xml-stylesheet?>" + ok) == .unsupported)
        var bad = Data("<recording xmlns='urn:ietf:params:xml:ns:recording:1'><str".utf8)
        bad.append(contentsOf: [0xE1, 0x69])
        bad.append(contentsOf: Data("/></recording>".utf8))
        do throws(MetadataError) {
            _ = try SIPRECAdapter().parse(data: bad, relativePath: "x.xml", settings: MetadataSettings())
            Issue.record("invalid UTF-8 accepted")
        } catch {
            #expect(error.code == .unreadable)
        }
        #expect(code("<?xml version='1.0' encoding='ISO-8859-1'?>" + ok) == .unsupported)
        #expect(code("\u{FEFF}  \n<?xml version='1.0' encoding='utf-8'?>" + ok) == nil)
    }
}

/// Local names of the elements of a SIPREC document in the recording namespaces, or (`schema`) the names an XSD
/// declares with `<xs:element name=...>`.
private final class ElementNames: NSObject, XMLParserDelegate {
    private let schema: Bool
    private(set) var names: Set<String> = []

    private init(schema: Bool) { self.schema = schema }

    static func collect(_ data: Data, schema: Bool) throws -> Set<String> {
        let collector = ElementNames(schema: schema)
        let parser = XMLParser(data: Data(data.drop { [0x20, 0x09, 0x0A, 0x0D].contains($0) }))
        parser.shouldProcessNamespaces = true
        parser.delegate = collector
        guard parser.parse() else { throw CocoaError(.fileReadCorruptFile) }
        return collector.names
    }

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        if schema {
            if namespaceURI == "http://www.w3.org/2001/XMLSchema", name == "element", let declared = attributes["name"] {
                names.insert(declared)
            }
        } else if SIPRECDocument.namespaces.contains(namespaceURI ?? "") {
            names.insert(name)
        }
    }
}

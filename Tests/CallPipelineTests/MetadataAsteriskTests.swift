import CallModel
import Foundation
import Testing
@testable import CallPipeline

@Suite struct MetadataAsteriskTests {
    static func parse(_ text: String, settings: MetadataSettings = MetadataSettings()) throws -> MetadataParseResult {
        try AsteriskCDRAdapter().parse(data: Data(text.utf8), relativePath: "cdr/Master.csv", settings: settings)
    }

    /// `YYYY-MM-DD HH:MM:SS` in Seoul.
    static func seoul(_ text: String) -> Date? {
        MetadataTime.local(text, zone: TimeZone(identifier: "Asia/Seoul")!)
    }

    @Test(.enabled(if: MetadataTestFiles.haveRealMetadata, MetadataTestFiles.skipReason))
    func realDocsLinesWithBrokenQuotingAreRejectedNotMisassigned() throws {
        let data = try MetadataTestFiles.real("asterisk/cdr-csv-asterisk-docs-cel-design-goals.csv")
        let result = try AsteriskCDRAdapter().parse(data: data, relativePath: "cel.csv", settings: MetadataSettings())
        #expect(result.records.isEmpty)
        #expect(result.rejectedLines.map(\.line) == [1, 2])
        for error in result.rejectedLines {
            #expect(error.code == .malformed)
            #expect(error.reason.contains("has 17 fields"))
            #expect(error.reason.contains("double quotes are unbalanced"))
            #expect(error.reason.contains("Asterisk 1.4 column order"))
            #expect(!error.reason.contains("152"))  // no caller id or number from the line
        }
    }

    /// The official docs' queue_log line (`epoch|callid|queue|agent|EVENT|data`). Queue statistics are a later
    /// issue; until then a queue_log that lands in a drop folder must not pass for call metadata: the scanner
    /// ignores it under its real names, and each adapter, made to read it, rejects it with a reason or finds no call.
    @Test(.enabled(if: MetadataTestFiles.haveRealMetadata, MetadataTestFiles.skipReason))
    func realQueueLogIsNeverTakenForCallMetadata() throws {
        let data = try MetadataTestFiles.real("asterisk/queue_log-asterisk-docs.txt")
        let fields = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            .split(separator: "|", omittingEmptySubsequences: false)
        #expect(fields.count == 6 && fields[4] == "RINGNOANSWER", "the documented line: \(fields.count) fields")

        let folder = try MetadataTempFolder()
        for name in ["queue_log", "queue_log.txt"] { try folder.write("logs/" + name, String(decoding: data, as: UTF8.self)) }
        let scan = try DropFolderScanner(root: folder.url, settings: MetadataSettings(), channelCount: { _ in 2 }).scan()
        #expect(scan.candidates.isEmpty && scan.rejections.isEmpty)
        #expect(scan.ignored == ["logs/queue_log", "logs/queue_log.txt"])

        let adapters: [(any MetadataAdapter, String)] = [(SidecarJSONAdapter(), "queue_log.json"),
                                                          (FreeSWITCHCDRAdapter(), "queue_log.json"),
                                                          (SIPRECAdapter(), "queue_log.xml"),
                                                          (AsteriskCDRAdapter(), "queue_log.csv")]
        for (adapter, path) in adapters {
            #expect(!adapter.canRead(relativePath: "queue_log", prefix: data), "\(adapter.format)")
            do throws(MetadataError) {
                let result = try adapter.parse(data: data, relativePath: path, settings: MetadataSettings())
                #expect(result.records.isEmpty, "\(adapter.format) took a queue_log line for a call")
                #expect(result.rejectedLines.map(\.line) == [1], "\(adapter.format)")
            } catch {
                #expect([.malformed, .unsupported].contains(error.code), "\(adapter.format): \(error.code)")
                #expect(!error.description.contains("8007"), "no agent or number from the line")
            }
        }
    }

    @Test func fixtureMasterCSV() throws {
        let result = try AsteriskCDRAdapter().parse(
            data: try MetadataTestFiles.fixture("Master.csv"), relativePath: "Master.csv", settings: MetadataSettings())
        #expect(result.rejectedLines.isEmpty)
        #expect(result.records.count == 2)  // the NO ANSWER line has no recording
        let inbound = try #require(result.records.first)
        #expect(inbound.line == 1)
        #expect(inbound.audioRequired == false)
        #expect(inbound.audio == .stem("1795392840.26", legs: [LegNaming(agent: "-out", caller: "-in")], scope: .anywhere))
        let m = inbound.metadata
        #expect(m.format == .asteriskCDR)
        #expect(m.externalID == "1795392840.26")
        #expect(m.direction == .inbound)
        #expect(m.agentID == "A017")  // userfield wins over the dstchannel peer
        #expect(m.callerNumber == "0212345678")
        #expect((m.team, m.department, m.category) == ("team-2", "water", "water-bill"))
        #expect(m.tags == ["complaint", "repeat-caller"])
        #expect(m.startTime == Self.seoul("2026-11-23 09:14:00"))
        #expect(m.endTime == Self.seoul("2026-11-23 09:19:41"))
        #expect(m.agentChannel == 1)
        #expect(m.warnings.isEmpty)

        let outbound = try #require(result.records.last)  // 21 columns: linkedid, peeraccount, sequence
        #expect(outbound.line == 3)
        #expect(outbound.metadata.direction == .outbound)
        #expect(outbound.metadata.agentID == "8012")
        #expect(outbound.metadata.callerNumber == "01000000000")
        #expect(outbound.metadata.department == "passports")
    }

    @Test func settingsChooseTheAgentLegAndChannel() throws {
        var settings = MetadataSettings()
        settings.asteriskAgentLeg = .in
        settings.asteriskAgentChannel = 0
        let line = #""","0212345678","1500","incoming","","SIP/trunk-00000001","SIP/8007-00000002","Dial","SIP/8007","2026-11-23 09:00:00","2026-11-23 09:00:04","2026-11-23 09:01:04","64","60","ANSWERED","DOCUMENTATION","1795392000.1","""#
        let record = try #require(try Self.parse(line, settings: settings).records.first)
        #expect(record.audio == .stem("1795392000.1", legs: [LegNaming(agent: "-in", caller: "-out")], scope: .anywhere))
        #expect(record.metadata.agentChannel == 0)
        #expect(record.metadata.agentID == "8007")  // from dstchannel, inbound context "incoming"
    }

    @Test func badLinesAreRejectedWithTheirNumberAndTheOthersUsed() throws {
        let good = #""","100","200","from-pstn","","SIP/trunk-00000001","SIP/8007-00000002","Dial","","2026-11-23 09:00:00","2026-11-23 09:00:04","2026-11-23 09:01:04","64","60","ANSWERED","DOCUMENTATION","1795392000.1","""#
        let lines = [
            good,
            good.replacingOccurrences(of: "2026-11-23 09:01:04", with: "2026-11-23 9:01"),  // bad end
            good.replacingOccurrences(of: #""64""#, with: #""sixty""#),  // bad duration
            good.replacingOccurrences(of: "1795392000.1", with: "../../etc/passwd"),  // unsafe uniqueid
            good.replacingOccurrences(of: "ANSWERED", with: "ANSWERD"),
            #""","100","200","from-pstn","""#,  // 5 fields
            good.replacingOccurrences(of: "2026-11-23 09:00:04", with: ""),  // ANSWERED without answer time
            "",
            good.replacingOccurrences(of: "ANSWERED", with: "NO ANSWER").replacingOccurrences(of: "2026-11-23 09:00:04", with: ""),
        ]
        let result = try Self.parse(lines.joined(separator: "\r\n"))
        #expect(result.records.count == 1)
        #expect(result.records.first?.line == 1)
        try #require(result.rejectedLines.map(\.line) == [2, 3, 4, 5, 6, 7])
        #expect(result.rejectedLines[0].reason.contains("`end` is not a time"))
        #expect(result.rejectedLines[1].reason.contains("`duration`"))
        #expect(result.rejectedLines[2].reason.contains("`uniqueid`"))
        #expect(result.rejectedLines[3].reason.contains("disposition"))
        #expect(result.rejectedLines[4].reason.contains("has 5 fields"))
        #expect(result.rejectedLines[5].reason.contains("`answer` is empty"))
        #expect(result.rejectedLines.allSatisfy { $0.description.hasPrefix("cdr/Master.csv:") })
    }

    @Test func oldColumnOrderIsNamedAndAHeaderRowMapsColumns() throws {
        // A well-quoted Asterisk 1.4 line (clid first, accountcode late): rejected with the reason.
        let old = #""""fxs.52"" <152>","152","h","extension","Zap/52-1","Zap/51-1","NoOp","x","2007-05-09 17:35:56","2007-05-09 17:36:20","2007-05-09 17:36:36","40","16","ANSWERED","DOCUMENTATION","","1178753756.0","""#
        let rejected = try Self.parse(old)
        #expect(rejected.records.isEmpty)
        #expect(rejected.rejectedLines.first?.reason.contains("Asterisk 1.4 column order") == true)
        // The same line under a header naming its columns is read by name.
        let header = "clid,src,dst,dcontext,channel,dstchannel,lastapp,lastdata,start,answer,end,duration,billsec,"
            + "disposition,amaflags,accountcode,uniqueid,userfield"
        let named = try Self.parse(header + "\n" + old)
        #expect(named.rejectedLines.isEmpty)
        #expect(named.records.first?.metadata.externalID == "1178753756.0")
        #expect(named.records.first?.metadata.startTime == Self.seoul("2007-05-09 17:35:56"))
    }

    @Test func aFileOfGarbageIsSummedUpNotListedLineByLine() throws {
        let result = try Self.parse(Array(repeating: "name,phone,memo", count: 150).joined(separator: "\n"))
        #expect(result.records.isEmpty)
        #expect(result.rejectedLines.count == 101)
        #expect(result.rejectedLines.last?.line == 101)
        #expect(result.rejectedLines.last?.reason.contains("49 more were rejected too") == true)
    }

    @Test func notUTF8IsUnreadable() {
        #expect(throws: MetadataError.self) {
            _ = try AsteriskCDRAdapter().parse(data: Data([0x22, 0xB1, 0xE8, 0x22, 0x0A]), relativePath: "x.csv",
                                               settings: MetadataSettings())
        }
    }

    /// The official CDR specification's scenario tables, turned into CSV with a header row, as an oracle.
    @Test(.enabled(if: MetadataTestFiles.haveRealMetadata, MetadataTestFiles.skipReason))
    func cdrSpecificationScenarios() throws {
        let data = try MetadataTestFiles.real("asterisk/cdr-specification-scenarios.md")
        let tables = Self.markdownTables(String(decoding: data, as: UTF8.self))
        var settings = MetadataSettings()
        settings.asteriskInboundContexts = ["default"]
        var (answeredRows, rejected, records) = (0, [MetadataError](), [String: MetadataRecord]())
        for (title, table) in tables {
            let csv = table.map { $0.map { "\"" + $0.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }.joined(separator: ",") }
            answeredRows += table.dropFirst().filter { $0.contains("ANSWERED") }.count
            let result = try Self.parse(csv.joined(separator: "\n"), settings: settings)
            rejected += result.rejectedLines
            for r in result.records { records[title + "/" + (r.metadata.externalID ?? "")] = r }
        }
        #expect(answeredRows == 45)
        // Two printed rows have typos in their times (end `2013-04-13:12:08`, answer `2013-03-4 13:03:20`):
        // the only lines rejected.
        #expect(rejected.map(\.reason) == [
            "`end` is not a time of the form YYYY-MM-DD HH:MM:SS",
            "`answer` is not a time of the form YYYY-MM-DD HH:MM:SS",
        ])
        // Queue example 1: BUSY for Bob, ANSWERED by Charlie: one call, Charlie's.
        let queue = try #require(records["Call Queue - Example 1/Asterisk-01-1362424276.2"])
        #expect(queue.metadata.agentID == "charlie")
        #expect(queue.metadata.callerNumber == "100")
        #expect(queue.metadata.startTime == Self.seoul("2013-03-04 13:11:18"))
        // Blind transfer: two ANSWERED rows for Alice's channel: one call with a transfer to Charlie 25 s in.
        let blind = try #require(records["Blind Transfer/Asterisk-01-1362424276.2"])
        #expect(blind.metadata.agentID == "bob")
        #expect(blind.metadata.events == [CallEvent(kind: .transfer, start: 25, detail: "agent:charlie")])
        #expect(blind.metadata.endTime == Self.seoul("2013-03-04 13:12:53"))
    }

    /// Markdown tables under their nearest `#` heading: header row first, cells trimmed, `\_` unescaped.
    static func markdownTables(_ text: String) -> [(String, [[String]])] {
        var tables: [(String, [[String]])] = []
        var title = ""
        var current: [[String]] = []
        func flush() {
            if !current.isEmpty { tables.append((title, current)) }
            current = []
        }
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("#") {
                flush()
                title = line.drop { $0 == "#" || $0 == " " }.trimmingCharacters(in: .whitespaces)
            } else if line.hasPrefix("|") {
                let cells = line.split(separator: "|", omittingEmptySubsequences: false).dropFirst().dropLast()
                    .map { $0.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "\\_", with: "_") }
                if cells.allSatisfy({ $0.hasPrefix("---") }) { continue }
                current.append(cells)
            } else {
                flush()
            }
        }
        flush()
        return tables
    }
}

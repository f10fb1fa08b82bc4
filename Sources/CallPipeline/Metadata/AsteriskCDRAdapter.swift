import CSV
import CallModel
import Foundation

/// Asterisk cdr_csv (`Master.csv`): one line per call leg, 18 columns (optionally followed by linkedid,
/// peeraccount, sequence), header row optional. Each line is read on its own, so a line with broken quoting
/// is rejected with its line number instead of swallowing the lines after it. Only ANSWERED lines can have a
/// recording; other dispositions are skipped without error. ANSWERED lines sharing a uniqueid (transfers) are
/// one recording: the first line gives the parties, later ones add transfer events.
public struct AsteriskCDRAdapter: MetadataAdapter {
    public var format: MetadataFormat { .asteriskCDR }

    public init() {}

    public func canRead(relativePath: String, prefix: Data) -> Bool {
        MetaText.ext(relativePath) == "csv"
    }

    public func parse(data: Data, relativePath: String, settings: MetadataSettings) throws(MetadataError)
        -> MetadataParseResult
    {
        guard let text = MetaText.utf8(data) else {
            throw MetadataError(.unreadable, "is not UTF-8 text; convert it first (e.g. iconv -f CP949 -t UTF-8)",
                                path: relativePath)
        }
        var columns = Dictionary(uniqueKeysWithValues: AsteriskCDRRow.columns.enumerated().map { ($1, $0) })
        var expected = AsteriskCDRRow.columns.count
        var rows: [AsteriskCDRRow] = []
        var rejected: [MetadataError] = []
        var sawData = false
        var named = false  // columns mapped from a header row
        // "\r\n" is one Character in Swift: split on every line break form.
        let lines = text.split(omittingEmptySubsequences: false) { $0 == "\n" || $0 == "\r\n" || $0 == "\r" }
        for (index, raw) in lines.enumerated() {
            let lineNumber = index + 1
            let line = String(raw)
            guard MetaText.trimmed(line) != nil else { continue }
            func reject(_ reason: String) {
                rejected.append(MetadataError(.malformed, reason, path: relativePath, line: lineNumber))
            }
            let fields = Self.fields(of: line)
            if !sawData, let header = Self.header(fields) {
                guard AsteriskCDRRow.columns.allSatisfy({ header[$0] != nil }) else {
                    throw MetadataError(.unsupported, "the header row lacks some of Master.csv's 18 columns",
                                        path: relativePath, line: lineNumber)
                }
                (columns, expected, named) = (header, fields.count, true)
                sawData = true
                continue
            }
            sawData = true
            let unbalanced = line.utf8.filter { $0 == UInt8(ascii: "\"") }.count % 2 == 1
            guard (expected...(expected + AsteriskCDRRow.maxExtraColumns)).contains(fields.count) else {
                reject(Self.fieldCountReason(fields, expected: expected, unbalanced: unbalanced, named: named))
                continue
            }
            if unbalanced {
                reject("its double quotes are unbalanced (a quote inside a field must be doubled); fix the line")
                continue
            }
            do throws(AsteriskCDRRow.Problem) {
                let field = { (name: String) -> String in columns[name].map { fields[$0] } ?? "" }
                if let row = try AsteriskCDRRow.parse(field, line: lineNumber, zone: settings.zone) { rows.append(row) }
            } catch {
                let hint = !named && Self.looksLikeOldOrder(fields) ? "; " + Self.oldOrderHint : ""
                reject(error.reason + hint)
            }
        }
        if rejected.count > Self.maxListedRejections, let first = rejected.dropFirst(Self.maxListedRejections).first {
            let more = rejected.count - Self.maxListedRejections
            rejected = Array(rejected.prefix(Self.maxListedRejections))
            rejected.append(MetadataError(.malformed, "this line and \(more - 1) more were rejected too (not listed "
                + "one by one); is this file a Master.csv?", path: relativePath, line: first.line))
        }
        var order: [String] = []
        var byID: [String: [AsteriskCDRRow]] = [:]
        for row in rows {
            if byID[row.uniqueid] == nil { order.append(row.uniqueid) }
            byID[row.uniqueid, default: []].append(row)
        }
        let records = order.map { id in
            let group = byID[id] ?? []
            return MetadataRecord(
                metadata: Self.metadata(group, settings: settings),
                audio: .stem(id, legs: [Self.legNaming(settings)], scope: .anywhere),
                line: group.first?.line, audioRequired: false)
        }
        return MetadataParseResult(records: records, rejectedLines: rejected)
    }

    static func legNaming(_ settings: MetadataSettings) -> LegNaming {
        settings.asteriskAgentLeg == .out ? LegNaming(agent: "-out", caller: "-in") : LegNaming(agent: "-in", caller: "-out")
    }

    /// The fields of one physical line (CSV.swift does the unquoting).
    static func fields(of line: String) -> [String] {
        guard let reader = try? CSVReader(string: line, hasHeaderRow: false), let row = reader.next() else { return [] }
        return row
    }

    /// Column positions from a header row, if the line is one (it names uniqueid and disposition).
    static func header(_ fields: [String]) -> [String: Int]? {
        let names = fields.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        guard names.contains("uniqueid"), names.contains("disposition") else { return nil }
        var map: [String: Int] = [:]
        for (i, n) in names.enumerated() where map[n] == nil { map[n] = i }
        return map
    }

    /// Rejected lines listed one by one; the rest are summed up in one more rejection.
    static let maxListedRejections = 100

    static let oldOrderHint = "the line looks like the Asterisk 1.4 column order (clid first, no leading "
        + "accountcode), which is not supported: export Master.csv in the current order or add a header row"

    /// 1.4-era lines put the start time in column 9 (index 8) where Master.csv has lastdata.
    static func looksLikeOldOrder(_ fields: [String]) -> Bool {
        let firstDate = fields.firstIndex { MetadataTime.local($0, zone: MetadataTime.utc) != nil }
        return firstDate == 8
    }

    static func fieldCountReason(_ fields: [String], expected: Int, unbalanced: Bool, named: Bool) -> String {
        var reason = "has \(fields.count) fields; a Master.csv line has \(expected)"
            + " (optionally followed by linkedid, peeraccount, sequence)"
        if unbalanced { reason += "; its double quotes are unbalanced (a quote inside a field must be doubled)" }
        if !named, looksLikeOldOrder(fields) { reason += "; " + oldOrderHint }
        return reason + ". The line was not used"
    }

    /// One call from the ANSWERED lines sharing a uniqueid (first line first).
    static func metadata(_ rows: [AsteriskCDRRow], settings: MetadataSettings) -> CallMetadata {
        guard let first = rows.first else { return CallMetadata(format: .asteriskCDR) }
        var m = CallMetadata(externalID: first.uniqueid, startTime: first.start, endTime: rows.map(\.end).max(),
                             agentChannel: settings.asteriskAgentChannel, format: .asteriskCDR)
        let inbound = Set(settings.asteriskInboundContexts.map { $0.lowercased() })
        if inbound.contains(first.dcontext.lowercased()) {
            m.direction = .inbound
            m.agentID = AsteriskCDRRow.peer(of: first.dstchannel)
            m.callerNumber = MetaText.trimmed(first.src)
        } else if let agent = AsteriskCDRRow.peer(of: first.channel) {
            let dstDigits = first.dst.filter(\.isNumber)
            m.agentID = agent
            if dstDigits.count >= 7 {
                m.direction = .outbound
                m.callerNumber = MetaText.trimmed(first.dst)
            } else if MetaText.isDigits(first.dst), (2...6).contains(first.dst.count) {
                m.direction = .internal
            }
        }
        for row in rows {
            m.warnings += row.consistencyWarnings
            guard let pairs = AsteriskCDRRow.userfieldPairs(row.userfield) else {
                m.warnings.append("line \(row.line): userfield is not key=value pairs; ignored")
                continue
            }
            if let v = pairs["agent"], row == first { m.agentID = v }
            m.team = m.team ?? pairs["team"]
            m.department = m.department ?? pairs["department"]
            m.category = m.category ?? pairs["category"]
            for tag in (pairs["tags"] ?? "").split(separator: ",") {
                if let t = MetaText.trimmed(String(tag)), !m.tags.contains(t) { m.tags.append(t) }
            }
        }
        if m.agentID == nil { m.warnings.append("line \(first.line): no agent in dstchannel, channel or userfield") }
        // Later lines of the same uniqueid: the call went on with another party (blind or attended transfer).
        // The recording is taken to start when the first line was answered.
        for row in rows.dropFirst() {
            let to = AsteriskCDRRow.peer(of: m.direction == .inbound ? row.dstchannel : row.channel)
            let detail = to.flatMap { $0.filter(\.isNumber).count >= 7 ? nil : "agent:\($0)" }
            m.events.append(CallEvent(kind: .transfer, start: max(0, row.answer.timeIntervalSince(first.answer)),
                                      detail: detail))
        }
        return m
    }
}

import CallModel
import Foundation

/// One validated ANSWERED line of an Asterisk Master.csv.
struct AsteriskCDRRow: Equatable {
    /// Master.csv's columns, in cdr_csv's order. cdr_csv may append linkedid, peeraccount and sequence.
    static let columns = [
        "accountcode", "src", "dst", "dcontext", "clid", "channel", "dstchannel", "lastapp", "lastdata",
        "start", "answer", "end", "duration", "billsec", "disposition", "amaflags", "uniqueid", "userfield",
    ]
    static let maxExtraColumns = 3
    static let dispositions: Set<String> = ["ANSWERED", "NO ANSWER", "BUSY", "FAILED", "CONGESTION"]

    var line: Int
    var src: String
    var dst: String
    var dcontext: String
    var channel: String
    var dstchannel: String
    var start: Date
    var answer: Date
    var end: Date
    var duration: Int
    var billsec: Int
    var uniqueid: String
    var userfield: String

    /// Why a line cannot be used (the text goes into a rejection; it never quotes field values).
    struct Problem: Error {
        var reason: String
        init(_ reason: String) { self.reason = reason }
    }

    /// Reads a line's fields by column name. Returns nil (no error) for a line that is not ANSWERED.
    static func parse(_ field: (String) -> String, line: Int, zone: TimeZone) throws(Problem) -> AsteriskCDRRow? {
        let disposition = field("disposition").uppercased()
        guard dispositions.contains(disposition) else {
            throw Problem("the disposition column holds no known disposition (ANSWERED, NO ANSWER, BUSY, FAILED, "
                + "CONGESTION): the columns are not in Master.csv order")
        }
        guard disposition == "ANSWERED" else { return nil }
        func date(_ name: String) throws(Problem) -> Date {
            let text = field(name)
            guard !text.isEmpty else { throw Problem("`\(name)` is empty on an ANSWERED line") }
            guard let d = MetadataTime.local(text, zone: zone) else {
                throw Problem("`\(name)` is not a time of the form YYYY-MM-DD HH:MM:SS")
            }
            return d
        }
        func int(_ name: String) throws(Problem) -> Int {
            guard let v = Int(field(name)), v >= 0 else {
                throw Problem("`\(name)` is not a whole number of seconds")
            }
            return v
        }
        let (start, answer, end) = (try date("start"), try date("answer"), try date("end"))
        guard start <= answer, answer <= end else {
            throw Problem("the times are out of order (start, answer and end must follow each other)")
        }
        let uniqueid = field("uniqueid")
        guard isSafeFileStem(uniqueid) else {
            throw Problem("`uniqueid` is empty or not usable as a file name (letters, digits, '.', '-', '_')")
        }
        return AsteriskCDRRow(
            line: line, src: field("src"), dst: field("dst"), dcontext: field("dcontext"), channel: field("channel"),
            dstchannel: field("dstchannel"), start: start, answer: answer, end: end,
            duration: try int("duration"), billsec: try int("billsec"), uniqueid: uniqueid,
            userfield: field("userfield"))
    }

    static func isSafeFileStem(_ text: String) -> Bool {
        !text.isEmpty && !text.hasPrefix(".") && text.utf8.count <= 200
            && text.unicodeScalars.allSatisfy {
                $0.isASCII && (CharacterSet.alphanumerics.contains($0) || "._-".unicodeScalars.contains($0))
            }
    }

    /// Warnings about figures that disagree (duration = end - start, billsec = end - answer).
    var consistencyWarnings: [String] {
        var w: [String] = []
        if abs(end.timeIntervalSince(start) - Double(duration)) > 1.5 {
            w.append("line \(line): duration differs from end - start")
        }
        if abs(end.timeIntervalSince(answer) - Double(billsec)) > 1.5 {
            w.append("line \(line): billsec differs from end - answer")
        }
        return w
    }

    /// The peer of a channel name: `SIP/8007-00000001` -> `8007`, `PJSIP/8007-0000000a` -> `8007`,
    /// `Local/member1@default-00000001;1` -> `member1`, `Zap/52-1` -> `52`.
    static func peer(of channel: String) -> String? {
        guard let slash = channel.firstIndex(of: "/") else { return nil }
        var rest = channel[channel.index(after: slash)...]
        if let semi = rest.firstIndex(of: ";") { rest = rest[..<semi] }
        if let at = rest.firstIndex(of: "@") { rest = rest[..<at] }
        if let dash = rest.lastIndex(of: "-"), dash != rest.startIndex,
           rest[rest.index(after: dash)...].allSatisfy(\.isHexDigit) {
            rest = rest[..<dash]
        }
        return MetaText.trimmed(String(rest))
    }

    /// `key=value;key=value` pairs of the userfield (keys lower-cased); nil if it is not in that form.
    static func userfieldPairs(_ text: String) -> [String: String]? {
        guard MetaText.trimmed(text) != nil else { return [:] }
        var pairs: [String: String] = [:]
        for part in text.split(separator: ";") {
            guard let eq = part.firstIndex(of: "="), let key = MetaText.trimmed(String(part[..<eq])) else {
                if MetaText.trimmed(String(part)) == nil { continue }
                return nil
            }
            pairs[key.lowercased()] = MetaText.trimmed(String(part[part.index(after: eq)...]))
        }
        return pairs
    }
}

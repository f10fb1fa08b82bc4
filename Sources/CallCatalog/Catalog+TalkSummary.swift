import CallModel
import Foundation
import GRDB

extension Catalog {
    /// A talk summary's rows of the local days `fromDay` ..< `toDay` (`yyyy-MM-dd`, Asia/Seoul: the summaries' zone,
    /// `talkSummaryOffsetSeconds`). Rows whose calls were all taken out (purge, deletion) are skipped. Team and
    /// department are the call's own; the reports fill the gaps from the agent directory.
    public func talkSummaryRows(fromDay: String, toDay: String, summary: TalkSummaryTable) throws -> [TalkSummaryRow] {
        let values = CatalogSchema.talkValues("", "").map(\.column)
        let columns = summary.keyColumns
        let keys = ["day", "hour", "agent_id", "team", "department", "category"].map { columns.contains($0) ? $0 : "NULL" }
        return try read { db in
            let cursor = try Row.fetchCursor(db, sql: """
                SELECT \((keys + values).joined(separator: ", ")), histogram FROM \(summary.rawValue)
                WHERE day >= ? AND day < ? AND calls > 0
                """, arguments: [fromDay, toDay])
            var rows: [TalkSummaryRow] = []
            let k = keys.count
            while let r = try cursor.next() {
                func text(_ i: Int) -> String? { let s: String? = r[i]; return s?.isEmpty == false ? s : nil }
                var tally = TalkTally()
                tally.calls = r[k]
                tally.handledS = r[k + 1]
                tally.handledSquares = r[k + 2]
                tally.stereoS = r[k + 3]
                tally.agentTalkS = r[k + 4]
                tally.callerTalkS = r[k + 5]
                tally.holdS = r[k + 6]
                tally.holdCount = r[k + 7]
                tally.nonTalkS = r[k + 8]
                tally.silenceEvents = r[k + 9]
                tally.deadAirCalls = r[k + 10]
                tally.deadAirS = r[k + 11]
                tally.overtalkS = r[k + 12]
                tally.agentInterruptions = r[k + 13]
                tally.callerInterruptions = r[k + 14]
                tally.histogram = Self.histogramCounts(r[k + 15])
                rows.append(TalkSummaryRow(day: r[0], hour: r[1], agent: text(2), team: text(3), department: text(4), category: text(5), tally: tally))
            }
            return rows
        }
    }

    /// Empties the talk summaries and fills them again from the stored calls (after a bulk load with the triggers
    /// off; the figures are the same as the triggers keep).
    public func rebuildTalkSummaries() throws {
        try write { db in try CatalogSchema.rebuildTalkSummaries(db) }
    }

    /// The fixed-width decimal counters of a stored histogram.
    static func histogramCounts(_ text: String) -> [Int] {
        var counts = [Int](repeating: 0, count: TalkTally.bucketCount)
        let width = CatalogSchema.histogramDigits
        var utf8 = text.utf8.makeIterator()
        var index = 0, digit = 0, value = 0, negative = false
        while let byte = utf8.next(), index < counts.count {
            if byte == UInt8(ascii: "-") { negative = true } else { value = value * 10 + Int(byte &- 48) }
            digit += 1
            if digit == width {
                counts[index] = negative ? -value : value
                index += 1
                digit = 0
                value = 0
                negative = false
            }
        }
        return counts
    }
}

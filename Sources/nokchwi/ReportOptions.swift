import ArgumentParser
import CallModel
import CallReports
import Foundation

/// Options the reports share: the date range (center's local days, both inclusive) and CSV output.
struct ReportOptions: ParsableArguments {
    @Option(help: "First day (yyyy-MM-dd, the center's time zone). Default: 30 days before --to.") var from: String?
    @Option(help: "Last day, inclusive (yyyy-MM-dd). Default: today.") var to: String?
    @Flag(help: "Print the table as CSV instead of text.") var csv = false

    var calendar: ReportCalendar { ReportCalendar(zone: DisplayTime.zone) }

    /// The range as query parameters for `--server`: the days this command resolved (its defaults included).
    func parameters(now: Date = Date()) throws -> [(String, String)] {
        let (start, end) = try range(now: now)
        return [("from", calendar.day(start)), ("to", calendar.day(end.addingTimeInterval(-1)))]
    }

    /// [start of --from, end of --to).
    func range(now: Date = Date()) throws -> (Date, Date) {
        let cal = calendar
        func day(_ text: String, _ name: String) throws -> Date {
            guard let date = cal.start(ofDay: text) else { throw CLIError("--\(name) \(text) is not a yyyy-MM-dd date") }
            return date
        }
        let lastDay = try to.map { try day($0, "to") } ?? cal.start(ofDay: cal.day(now))!
        let end = lastDay.addingTimeInterval(86_400)
        let start = try from.map { try day($0, "from") } ?? lastDay.addingTimeInterval(-29 * 86_400)
        guard start < end else { throw CLIError("--from must not be after --to") }
        return (start, end)
    }
}

extension ReportGrouping: ExpressibleByArgument {}

enum ReportOutput {
    static func csv(_ table: ReportTable) {
        FileHandle.standardOutput.write(Data(table.csv.utf8))
    }

    static func text(_ table: ReportTable) {
        Output.table(table.header.map { $0.uppercased() }, table.rows)
    }
}

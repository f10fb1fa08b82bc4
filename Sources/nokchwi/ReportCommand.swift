import ArgumentParser

/// `nokchwi report ...`: supervisor figures. Subcommands in files of their own (ReportTalkCommand.swift, ...).
struct ReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report", abstract: "Supervisor reports: talk time, queue statistics, the yearbook.",
        subcommands: [ReportTalkCommand.self, ReportQueueCommand.self, ReportYearbookCommand.self, QAReportCommand.self])
}

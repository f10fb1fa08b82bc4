import ArgumentParser

@main
struct Nokchwi: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "nokchwi",
        abstract: "Call-recording archive and QA pipeline (녹취).",
        version: "0.1.0",
        subcommands: [InitCommand.self, LoginCommand.self, LogoutCommand.self, UsersCommand.self, KeysCommand.self,
                      AuditCommand.self, IngestCommand.self, RetentionCommand.self, HoldsCommand.self, PurgeCommand.self,
                      ScrubCommand.self, StatusCommand.self, CallsCommand.self, AnalyzeCommand.self, ExportCommand.self, QuarantineCommand.self, DemoDataCommand.self, DemoAccuracyCommand.self,
                      RubricsCommand.self, QACommand.self])
}

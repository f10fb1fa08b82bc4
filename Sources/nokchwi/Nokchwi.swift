import ArgumentParser
import Foundation

@main
struct Nokchwi: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "nokchwi",
        abstract: "Call-recording archive and QA pipeline (녹취).",
        version: "0.1.0",
        subcommands: [InitCommand.self, LoginCommand.self, LogoutCommand.self, UsersCommand.self, KeysCommand.self,
                      AuditCommand.self, IngestCommand.self, RetentionCommand.self, HoldsCommand.self, PurgeCommand.self,
                      ScrubCommand.self, StatusCommand.self, CallsCommand.self, AnalyzeCommand.self, ExportCommand.self, QuarantineCommand.self, DemoDataCommand.self,
                      ReportCommand.self, ImportCommand.self, AgentsCommand.self, RubricsCommand.self, QACommand.self,
                      HoldAudioCommand.self, ServeCommand.self])

    /// ArgumentParser's `main`, with three differences: log lines follow `--verbose`/`--log-file` (`CLILog`); a
    /// mistyped subcommand is named as such (the parser would complain about the next option instead); and a
    /// `ValidationError` thrown by a command's `run()` is shown with that command's usage, as the parser shows its own.
    static func main() async {
        CLILog.bootstrap()
        let arguments = Array(CommandLine.arguments.dropFirst())
        if let unknown = CommandTree.unknownSubcommand(in: arguments, root: Nokchwi.self) {
            FileHandle.standardError.write(Data(unknown.message.utf8))
            Foundation.exit(ExitCode.validationFailure.rawValue)
        }
        let command: ParsableCommand
        do {
            command = try parseAsRoot(arguments)
        } catch {
            exit(withError: error)
        }
        do {
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                var command = command
                try command.run()
            }
        } catch let error as ValidationError {
            let type = Swift.type(of: command)
            let path = CommandTree.path(to: type, from: Nokchwi.self)
            let text = "Error: \(error.message)\nUsage: \(usageString(for: type))\n  See '\(path.joined(separator: " ")) --help' for more information.\n"
            FileHandle.standardError.write(Data(text.utf8))
            Foundation.exit(ExitCode.validationFailure.rawValue)
        } catch {
            exit(withError: error)
        }
    }
}

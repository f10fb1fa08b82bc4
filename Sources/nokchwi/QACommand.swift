import ArgumentParser

/// `nokchwi qa ...`: the QA half (docs/qa.md): sampling, the evaluators' queue, scoring, reports.
struct QACommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "qa", abstract: "QA: draw samples, claim and score calls, read QA reports.",
        subcommands: [QASampleCommand.self, QANextCommand.self, QAReleaseCommand.self, QAQueueCommand.self,
                      QATemplateCommand.self, QAScoreCommand.self, QAEvaluationsCommand.self,
                      QADisputeCommand.self, QAResolveCommand.self, QACalibrateCommand.self, QAAddCommand.self])
}

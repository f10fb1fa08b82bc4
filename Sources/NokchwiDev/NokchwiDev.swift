import ArgumentParser

/// Development tools kept out of the `nokchwi` users run: the accuracy harness and its diagnostics.
@main
struct NokchwiDev: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "nokchwi-dev",
        abstract: "Development tools of nokchwi: measure the call analysis against generated ground truth.",
        subcommands: [AccuracyCommand.self])
}

import ArgumentParser
import CallArchive
import CallCatalog
import Foundation
import Logging

/// Options every command shares.
struct GlobalOptions: ParsableArguments {
    @Option(name: .long, help: "Data home (catalog, archive). Default: $NOKCHWI_HOME, else ./nokchwi-data.")
    var home: String?

    @Flag(name: .long, help: "Print one JSON document on stdout instead of text.")
    var json = false

    @Flag(name: .long, help: "Log debug details to stderr.")
    var verbose = false

    @Option(name: .long, help: "Act as this user (else $NOKCHWI_USER); the password is asked on the terminal or read from $NOKCHWI_PASSWORD. Without --user, a token in $NOKCHWI_TOKEN (`nokchwi login`) is used.")
    var user: String?

    var resolvedHome: NokchwiHome { NokchwiHome.resolve(option: home) }

    /// Opens the catalog of the home (creating the home for commands that write).
    func openCatalog(create: Bool) throws -> Catalog {
        let home = resolvedHome
        if create {
            try home.prepare()
        } else if !FileManager.default.fileExists(atPath: home.catalogPath) {
            throw CLIError("no catalog at \(home.catalogPath): run `nokchwi init` first, or pass --home")
        }
        return try Catalog(path: home.catalogPath)
    }

    func logger(_ label: String) -> Logger {
        var logger = Logger(label: label) { StreamLogHandler.standardError(label: $0) }
        logger.logLevel = verbose ? .debug : .notice
        return logger
    }
}

/// A command-line usage error with a message that says what to do.
struct CLIError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

import CallFaults
import ArgumentParser
import CallArchive
import CallCatalog
import CallModel
import Foundation
import Logging

/// The fault-injection switch (`NOKCHWI_FAULT`, reliability tests only; `.none` when unset), read once per process.
/// A value that names no step stops the command before it does anything.
let processFaults: FaultInjection = {
    do {
        return try FaultInjection.fromEnvironment()
    } catch {
        FileHandle.standardError.write(Data("Error: \(error)\n".utf8))
        exit(2)
    }
}()

/// Options of every command that works on a data home: where it is, how results are printed, where log lines go.
struct HomeOptions: ParsableArguments {
    @Option(name: .long, help: "Data home (catalog, archive). Default: $NOKCHWI_HOME, else ./nokchwi-data.")
    var home: String?

    @Flag(name: .long, help: "Print one JSON document on stdout instead of text.")
    var json = false

    @Flag(name: .long, help: "Show log lines on stderr down to debug, the access and audit notices too (default: warnings, errors, ingest and purge notices).")
    var verbose = false

    @Option(name: .customLong("log-file"), help: ArgumentHelp("Append log lines (info and more, with UTC times; with --verbose, debug too) to this file (else $NOKCHWI_LOG_FILE).", valueName: "file"))
    var logFile: String?

    /// Parsing is where the log settings are known: the loggers the command makes from here on follow them.
    func validate() throws {
        try CLILog.configure(verbose: verbose, logFile: logFile ?? ProcessInfo.processInfo.environment["NOKCHWI_LOG_FILE"])
    }

    var resolvedHome: NokchwiHome { NokchwiHome.resolve(option: home) }

    /// Opens the catalog of the home (creating the home for commands that write).
    func openCatalog(create: Bool) throws -> Catalog {
        let home = resolvedHome
        let fm = FileManager.default
        if create {
            try home.preparePrivate()
        } else if !fm.fileExists(atPath: home.catalogPath) {
            // A `-wal` without its database is refused by `Catalog` with its own message; only a bare home needs init.
            if !fm.fileExists(atPath: home.catalogPath + "-wal") {
                throw CLIError("no catalog at \(home.catalogPath): run `nokchwi init` first, or pass --home")
            }
        } else if (try? fm.attributesOfItem(atPath: home.catalogPath)[.size] as? Int) == 0 {
            // SQLite would quietly start a new, empty catalog in a 0-byte file: a catalog cut to nothing must not
            // become an empty one.
            throw CLIError("the catalog \(home.catalogPath) is empty (0 bytes): it was truncated or its creation never finished; nokchwi will not start a new catalog over it: restore catalog.sqlite from backup (or, for a new home, remove the file and run `nokchwi init`)")
        }
        return try Catalog(path: home.catalogPath, commitHook: processFaults.catalogCommitHook)
    }

    /// A logger that follows --verbose and --log-file (`CLILog`).
    func logger(_ label: String) -> Logger { Logger(label: label) }
}

/// Options every command on recordings shares: the home options and who acts.
struct GlobalOptions: ParsableArguments {
    @OptionGroup var options: HomeOptions

    @Option(name: .long, help: "Act as this user (else $NOKCHWI_USER); the password is asked on the terminal or read from $NOKCHWI_PASSWORD. Without --user, a token in $NOKCHWI_TOKEN (`nokchwi login`) is used.")
    var user: String?

    var home: String? { options.home }
    var json: Bool { options.json }
    var verbose: Bool { options.verbose }
    var resolvedHome: NokchwiHome { options.resolvedHome }
    func openCatalog(create: Bool) throws -> Catalog { try options.openCatalog(create: create) }
    func logger(_ label: String) -> Logger { options.logger(label) }
}

/// A command-line usage error with a message that says what to do.
struct CLIError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

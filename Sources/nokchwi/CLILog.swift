import Foundation
import Logging

/// Where the command's log lines go. On a terminal by default: warnings and errors, and the notices of the work on
/// recordings (ingest removing an interrupted run's temporary files, a purge resuming); not the notices of the access
/// and audit machinery ("access refused", "login failed": the audit trail records them, and on stderr they came
/// before the error message that matters). `--verbose` shows everything down to debug on stderr; `--log-file FILE`
/// (or `$NOKCHWI_LOG_FILE`) appends info and more (debug with `--verbose`) to a file. Lines carry UTC times (`Z`).
enum CLILog {
    struct Settings: Sendable {
        var verbose = false
        var fileLevel: Logger.Level = .info
        var file: FileHandle?

        /// The least severe level shown on stderr for a logger's label.
        func stderrLevel(_ label: String) -> Logger.Level {
            if verbose { return .debug }
            return CLILog.quietLabels.contains { label.hasPrefix($0) } ? .warning : .notice
        }

        /// The most detailed level either destination takes.
        func level(_ label: String) -> Logger.Level { file == nil ? stderrLevel(label) : min(stderrLevel(label), fileLevel) }
    }

    /// The access and audit machinery: its notices stay off the terminal unless --verbose.
    static let quietLabels = ["nokchwi.access", "nokchwi.audit"]

    private static let lock = NSLock()
    nonisolated(unsafe) private static var current = Settings()

    static var settings: Settings { lock.withLock { current } }

    /// Called once at startup: every logger of the process (the targets' default ones too) writes through `CLILog`.
    static func bootstrap() {
        LoggingSystem.bootstrap { label in Handler(label: label) }
    }

    /// Applies `--verbose` and `--log-file`; loggers made afterwards follow them.
    static func configure(verbose: Bool, logFile: String?) throws {
        var settings = Settings()
        settings.verbose = verbose
        settings.fileLevel = verbose ? .debug : .info
        if let logFile, !logFile.isEmpty {
            let fm = FileManager.default
            if !fm.fileExists(atPath: logFile) {
                guard fm.createFile(atPath: logFile, contents: nil, attributes: [.posixPermissions: 0o640]) else {
                    throw CLIError("cannot create the log file \(logFile): check that its folder exists and is writable")
                }
            }
            guard let handle = FileHandle(forWritingAtPath: logFile) else {
                throw CLIError("cannot open the log file \(logFile) for writing: check its permissions")
            }
            handle.seekToEndOfFile()
            settings.file = handle
        }
        let previous: FileHandle? = lock.withLock {
            let previous = current.file
            current = settings
            return previous
        }
        if let previous { try? previous.close() }
    }

    static func write(_ text: String, label: String, level: Logger.Level) {
        let settings = self.settings
        let data = Data(text.utf8)
        if level >= settings.stderrLevel(label) { FileHandle.standardError.write(data) }
        if let file = settings.file, level >= settings.fileLevel { lock.withLock { file.write(data) } }
    }

    struct Handler: LogHandler {
        let label: String
        var metadata: Logger.Metadata = [:]
        var logLevel: Logger.Level

        init(label: String) {
            self.label = label
            logLevel = CLILog.settings.level(label)
        }

        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }

        func log(level: Logger.Level, message: Logger.Message, metadata explicit: Logger.Metadata?, source: String,
                 file: String, function: String, line: UInt) {
            let all = metadata.merging(explicit ?? [:]) { $1 }
            let fields = all.isEmpty ? "" : " " + all.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
            CLILog.write("\(CLILog.timestamp()) \(level) \(label): \(message)\(fields)\n", label: label, level: level)
        }
    }

    static func timestamp() -> String {
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        f.timeZone = TimeZone(identifier: "UTC")
        return f.string(from: Date())
    }
}

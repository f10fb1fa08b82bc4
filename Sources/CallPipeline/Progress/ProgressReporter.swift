import Foundation

/// Receives progress of a long run. Implementations draw a bar on a terminal, print plain lines otherwise,
/// or stay silent (`--json`: the only stdout output is the final JSON document).
public protocol ProgressReporter: Sendable {
    func start(total: Int, label: String)
    func advance(done: Int, total: Int, detail: String)
    func finish()
}

public struct SilentProgress: ProgressReporter {
    public init() {}
    public func start(total: Int, label: String) {}
    public func advance(done: Int, total: Int, detail: String) {}
    public func finish() {}
}

/// Chooses a bar on a terminal, plain lines otherwise (both on stderr, so stdout stays for results).
public enum ProgressReporters {
    public static func standardError() -> any ProgressReporter {
        isatty(STDERR_FILENO) == 1 ? TerminalProgressBar() : PlainProgressLines()
    }
}

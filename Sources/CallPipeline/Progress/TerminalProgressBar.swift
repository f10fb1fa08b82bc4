import Foundation

/// A one-line progress bar redrawn on stderr (a terminal).
public final class TerminalProgressBar: ProgressReporter, @unchecked Sendable {
    private let lock = NSLock()
    private var label = ""
    private var started = Date()
    private let width = 30

    public init() {}

    public func start(total: Int, label: String) {
        lock.withLock {
            self.label = label
            started = Date()
        }
        draw(done: 0, total: total, detail: "")
    }

    public func advance(done: Int, total: Int, detail: String) {
        draw(done: done, total: total, detail: detail)
    }

    public func finish() {
        lock.withLock { FileHandle.standardError.write(Data("\n".utf8)) }
    }

    private func draw(done: Int, total: Int, detail: String) {
        lock.withLock {
            let fraction = total > 0 ? Double(done) / Double(total) : 1
            let filled = Int(fraction * Double(width))
            let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
            let elapsed = Date().timeIntervalSince(started)
            let eta = done > 0 ? elapsed / Double(done) * Double(total - done) : 0
            let line = String(format: "\r\u{1B}[2K%@ %@ %d/%d %3.0f%%  eta %@  %@", label, bar, done, total, fraction * 100,
                              PlainProgressLines.clock(eta), String(detail.prefix(40)))
            FileHandle.standardError.write(Data(line.utf8))
        }
    }
}

import Foundation

/// Progress as plain lines on stderr (logs, CI), at most one line per 5% or per 10 seconds.
public final class PlainProgressLines: ProgressReporter, @unchecked Sendable {
    private let lock = NSLock()
    private var label = ""
    private var lastPercent = -100
    private var lastTime = Date.distantPast

    public init() {}

    public func start(total: Int, label: String) {
        lock.withLock {
            self.label = label
            emit("\(label): \(total) to do")
        }
    }

    public func advance(done: Int, total: Int, detail: String) {
        lock.withLock {
            let percent = total > 0 ? done * 100 / total : 100
            guard percent >= lastPercent + 5 || Date().timeIntervalSince(lastTime) >= 10 || done == total else { return }
            lastPercent = percent
            lastTime = Date()
            emit("\(label): \(done)/\(total) (\(percent)%)")
        }
    }

    public func finish() {}

    private func emit(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }

    static func clock(_ seconds: Double) -> String {
        let s = Int(seconds.rounded())
        return String(format: "%d:%02d", s / 60, s % 60)
    }
}

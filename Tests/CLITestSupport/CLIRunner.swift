import Foundation

/// Runs the built `nokchwi` binary (the CLI tests exercise the real executable).
public struct CLIRunner {
    public struct Result {
        public var status: Int32
        public var stdout: String
        public var stderr: String
        /// True when the process ended by SIGKILL (the fault switch kills this way).
        public var killed = false
        public var json: Any? { try? JSONSerialization.jsonObject(with: Data(stdout.utf8)) }

        public init(status: Int32, stdout: String, stderr: String, killed: Bool = false) {
            self.status = status
            self.stdout = stdout
            self.stderr = stderr
            self.killed = killed
        }
    }

    public static let binary: URL = {
        let here = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        let candidates = [here, here.deletingLastPathComponent(), Bundle.main.bundleURL, Bundle.main.bundleURL.deletingLastPathComponent()]
            .map { $0.appendingPathComponent("nokchwi") }
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) } ?? candidates[0]
    }()

    public static var soundsInstalled: Bool {
        FileManager.default.fileExists(atPath: "/usr/share/asterisk/sounds/en")
            && FileManager.default.fileExists(atPath: "/usr/share/asterisk/moh")
    }

    /// Starts the binary; the caller waits or kills it.
    public static func start(_ arguments: [String], environment: [String: String] = [:]) throws -> (Process, Pipe, Pipe) {
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        for (k, v) in environment { env[k] = v }
        process.environment = env
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        return (process, out, err)
    }

    @discardableResult
    public static func run(_ arguments: [String], environment: [String: String] = [:]) throws -> Result {
        let (process, out, err) = try start(arguments, environment: environment)
        // Drain stderr on another thread while stdout is read here, so a full pipe cannot block the child.
        let errBox = DataBox()
        let group = DispatchGroup()
        group.enter()
        DispatchQueue.global().async {
            errBox.data = err.fileHandleForReading.readDataToEndOfFile()
            group.leave()
        }
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
                      stderr: String(decoding: errBox.data, as: UTF8.self),
                      killed: process.terminationReason == .uncaughtSignal && process.terminationStatus == SIGKILL)
    }
}

private final class DataBox: @unchecked Sendable {
    var data = Data()
}

/// A temporary directory removed at the end of the test.
public final class TempDir {
    public let url: URL
    public init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("nokchwi-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }
    deinit { try? FileManager.default.removeItem(at: url) }
    public func path(_ relative: String) -> String { url.appendingPathComponent(relative).path }
}

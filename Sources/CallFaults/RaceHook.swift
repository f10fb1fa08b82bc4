import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The security tests' race switch: `NOKCHWI_RACE=<point>=<target>` makes the process itself do what an attacker
/// racing it would, at the named point between a check and the use of a path: it puts a symbolic link to `target`
/// where the path is (removing a regular file there first). The race is then deterministic, with no sleeping.
/// Read only by debug builds (tests); a release build always has `.none`.
public struct RaceHook: Sendable {
    public enum Point: String, Sendable, CaseIterable {
        /// `export`: after `--out` was checked and the user signed in, before the output is created.
        case exportBeforeCreate = "export-before-create"
        /// `ingest`: after the drop folder was scanned, before a source file is opened.
        case ingestBeforeOpen = "ingest-before-open"
    }

    public let point: Point?
    public let target: String

    public static let none = RaceHook(point: nil, target: "")

    public init(point: Point?, target: String) {
        self.point = point
        self.target = target
    }

    public static func fromEnvironment(_ environment: [String: String] = ProcessInfo.processInfo.environment) -> RaceHook {
        #if DEBUG
        guard let value = environment["NOKCHWI_RACE"], let eq = value.firstIndex(of: "="),
              let point = Point(rawValue: String(value[..<eq])) else { return .none }
        return RaceHook(point: point, target: String(value[value.index(after: eq)...]))
        #else
        return .none
        #endif
    }

    /// At `point`, swaps `path` for a symbolic link to the target (when armed for that point).
    public func reached(_ point: Point, path: String) {
        guard self.point == point else { return }
        var st = stat()
        if lstat(path, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG { unlink(path) }
        _ = symlink(target, path)
    }
}

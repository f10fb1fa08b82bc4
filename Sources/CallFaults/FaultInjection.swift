import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The fault-injection switch of the reliability tests (`Tests/NokchwiCLITests/FaultInjectionTests.swift`):
/// `NOKCHWI_FAULT=<step>` or `<step>:<n>` arms one step, which fires from its n-th hit on (n counts from 1 and
/// defaults to 1; hits are counted across the whole process). Unset, the switch is `.none`: every check is one
/// comparison and nothing else happens. The command line reads it once at start-up (`fromEnvironment`) and passes it
/// down to the code that owns each step; libraries default to `.none`. The value is immutable; only the hit counter,
/// which every copy shares (calls run in parallel), is a reference.
public struct FaultInjection: Sendable {
    public enum Step: String, Sendable, CaseIterable {
        // The process kills itself with SIGKILL when it reaches these:
        /// A call's audio fully decoded, encoded and sealed into its temporary file; the archive is not published.
        case afterDecode = "after-decode"
        /// The temporary archive file written and fsynced, not yet linked to its final name.
        case afterTempWrite = "after-temp-write"
        /// The archive published (linked, directory fsynced); the catalog transaction not begun.
        case afterRename = "after-rename"
        /// Inside the catalog transaction of a call, after its row is inserted, before COMMIT.
        case insideCommit = "inside-commit"
        /// The call's catalog transaction committed.
        case afterCommit = "after-commit"
        /// Between the steps of destroying a call in a purge: odd hits after its key is erased (plaintext: after its
        /// deletion is decided) and before its file is deleted; even hits after the file is deleted and before the
        /// tombstone records it. `during-purge:2` stops the first call after its file is gone.
        case duringPurge = "during-purge"

        // These make an operation fail instead, as a full or broken disk would:
        /// Writing an archive's temporary file fails with ENOSPC.
        case enospcArchive = "enospc-archive"
        /// The catalog transaction of a call fails (disk full) inside the transaction, which rolls back.
        case enospcCommit = "enospc-commit"
        /// The fsync of an archive's temporary file fails with EIO.
        case fsyncArchive = "fsync-archive"

        /// The errno a failing step reports; nil for the steps that kill.
        public var injectedErrno: Int32? {
            switch self {
            case .enospcArchive, .enospcCommit: ENOSPC
            case .fsyncArchive: EIO
            default: nil
            }
        }
    }

    /// The injected failure of a failing step (what `enospc-commit` throws inside the catalog transaction).
    public struct InjectedFailure: Error, CustomStringConvertible, Sendable {
        public let step: Step
        public var description: String {
            "\(String(cString: strerror(step.injectedErrno ?? EIO))) (fault injected by NOKCHWI_FAULT=\(step.rawValue))"
        }
    }

    /// An unusable `NOKCHWI_FAULT` value: refused rather than ignored, so a mistyped test cannot pass by accident.
    public struct InvalidSetting: Error, CustomStringConvertible, Sendable {
        public let value: String
        public var description: String {
            "NOKCHWI_FAULT=\(value) is not a fault step: use STEP or STEP:N (N ≥ 1) with STEP one of "
                + Step.allCases.map(\.rawValue).joined(separator: ", ") + "; unset it for normal operation"
        }
    }

    /// The armed step, nil when the switch is off.
    public let step: Step?
    /// The hit from which the step fires (1 = the first time it is reached).
    public let hit: Int
    private let counter: HitCounter?

    /// The switch off: nothing is ever injected.
    public static let none = FaultInjection(step: nil, hit: 1)

    public init(step: Step?, hit: Int = 1) {
        self.step = step
        self.hit = max(1, hit)
        counter = step == nil ? nil : HitCounter()
    }

    /// Reads `NOKCHWI_FAULT`: `.none` when it is unset or empty; throws `InvalidSetting` when it names no step.
    public static func fromEnvironment(_ environment: [String: String] = ProcessInfo.processInfo.environment) throws -> FaultInjection {
        guard let value = environment["NOKCHWI_FAULT"]?.trimmingCharacters(in: .whitespaces), !value.isEmpty else { return .none }
        let parts = value.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count <= 2, let step = Step(rawValue: String(parts[0])) else { throw InvalidSetting(value: value) }
        var hit = 1
        if parts.count == 2 {
            guard let n = Int(parts[1]), n >= 1 else { throw InvalidSetting(value: value) }
            hit = n
        }
        return FaultInjection(step: step, hit: hit)
    }

    /// Counts a hit of `step`; true when the switch is armed for it and this is the n-th hit or a later one.
    public func fires(_ step: Step) -> Bool {
        guard self.step == step, let counter else { return false }
        return counter.increment() >= hit
    }

    /// A point where the process may die: when `step` fires, the process sends itself SIGKILL (no cleanup, no
    /// buffered output, as an OOM kill or a power cut would leave things). Inlined: with the switch off, one comparison.
    @inlinable
    public func reached(_ step: Step) {
        if self.step == step, fires(step) { _ = raise(SIGKILL) }
    }

    /// Runs a system call, or fails it (returns -1 with `errno` set to the step's errno) when `step` fires.
    /// Inlined: with the switch off, one comparison before the call.
    @inlinable
    public func syscall<T: BinaryInteger>(_ step: Step, _ body: () -> T) -> T {
        guard self.step == step, fires(step) else { return body() }
        errno = step.injectedErrno ?? EIO
        return -1
    }

    /// The hook the catalog calls inside a call's commit transaction (after the call row is inserted): kills at
    /// `inside-commit`, throws `InjectedFailure` at `enospc-commit`; nil when neither is armed.
    public var catalogCommitHook: (@Sendable (_ callID: String) throws -> Void)? {
        switch step {
        case .insideCommit: { _ in reached(.insideCommit) }
        case .enospcCommit: { _ in if fires(.enospcCommit) { throw InjectedFailure(step: .enospcCommit) } }
        default: nil
        }
    }
}

/// Hits of the armed step, shared by every copy of the switch (calls run in parallel).
private final class HitCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var hits = 0

    func increment() -> Int {
        lock.lock()
        defer { lock.unlock() }
        hits += 1
        return hits
    }
}

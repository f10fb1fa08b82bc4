import CallCatalog
import Foundation

/// Slows password guessing: failed sign-ins are counted per account and per source address. From the
/// `freeFailures`-th failure on, the next attempt is refused (without checking the password) until a delay has
/// passed that doubles with each failure (`baseDelay`, at most `maximumDelay`); at `lockAfter` failures the account
/// or source is locked until an admin lifts it (`nokchwi users unlock`). A successful sign-in clears the counts
/// that are not locked. Time comes from the authenticator's clock, so tests move it instead of sleeping.
public struct LoginThrottle: Sendable, Equatable {
    public var freeFailures: Int
    public var baseDelay: TimeInterval
    public var maximumDelay: TimeInterval
    public var lockAfter: Int

    public init(freeFailures: Int = 5, baseDelay: TimeInterval = 2, maximumDelay: TimeInterval = 15 * 60, lockAfter: Int = 20) {
        self.freeFailures = freeFailures
        self.baseDelay = baseDelay
        self.maximumDelay = maximumDelay
        self.lockAfter = lockAfter
    }

    public static let standard = LoginThrottle()

    public static func accountKey(_ username: String) -> String { "account:" + username }
    /// A source's key, without what it merely claims (`ssh-claimed:`), which the caller could vary at will.
    public static func sourceKey(_ address: String) -> String {
        "source:" + address.split(separator: " ").filter { !$0.hasPrefix(SourceAddress.claimedPrefix) }.joined(separator: " ")
    }

    /// How long after the last failure the next attempt waits, for this many failures.
    public func delay(afterFailures failures: Int) -> TimeInterval {
        guard failures >= freeFailures else { return 0 }
        return min(maximumDelay, baseDelay * pow(2, Double(min(failures - freeFailures, 30))))
    }

    /// Why an attempt is refused now ("login-locked" or "login-throttled"), nil when it may go ahead.
    func refusal(_ state: ThrottleState, now: Date) -> String? {
        if state.locked { return "login-locked" }
        guard let last = state.lastFailure else { return nil }
        return now < last.addingTimeInterval(delay(afterFailures: state.failures)) ? "login-throttled" : nil
    }
}

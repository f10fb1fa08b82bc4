import Foundation

/// The time source, injected so tests (and fault tests) can control it.
public protocol WallClock: Sendable {
    func now() -> Date
}

public struct SystemWallClock: WallClock {
    public init() {}
    public func now() -> Date { Date() }
}

/// A clock that returns a fixed time (tests).
public struct FixedWallClock: WallClock {
    private let date: Date
    public init(_ date: Date) { self.date = date }
    public func now() -> Date { date }
}

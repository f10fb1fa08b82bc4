import CallModel
import Foundation
import Testing
@testable import CallAccess
@testable import CallCatalog

/// Issue #21, weak item "passwords": the most common passwords are refused, and guessing is throttled per account
/// and per source (a growing delay, then a lockout an admin lifts). The clock is moved, never slept on.
@Suite struct PasswordGuessingTests {
    final class Clock: WallClock, @unchecked Sendable {
        private let lock = NSLock()
        private var current = Date(timeIntervalSince1970: 1_795_400_000)
        func now() -> Date { lock.withLock { current } }
        func advance(_ seconds: TimeInterval) { lock.withLock { current += seconds } }
    }

    static let password = "a long and private passphrase"

    @Test func commonPasswordsAreRefused() throws {
        let hasher = try PasswordHasher(settings: .insecureFastForTests)
        for common in ["password1234", "Password1234!", "qwerty123456", "1q2w3e4r5t6y", "iloveyou1234", "123456789012",
                       "saranghae123", "qwertyuiopas", "abcdefghijkl"] {
            #expect(throws: AccessError.self, "\(common) was accepted") { try hasher.checkPolicy(common) }
        }
        #expect(throws: Never.self) { try hasher.checkPolicy(Self.password) }
    }

    struct Fixture {
        let catalog: Catalog
        let hasher: PasswordHasher
        let clock = Clock()
        let throttle = LoginThrottle(freeFailures: 3, baseDelay: 2, maximumDelay: 60, lockAfter: 6)
        init() throws {
            catalog = try Catalog()
            hasher = try PasswordHasher(settings: .insecureFastForTests)
            for (name, roles) in [("root", Set<Role>([.admin])), ("eva", [.evaluator])] {
                try catalog.addUser(UserAccount(username: name, roles: roles, createdAt: Date()),
                                    passwordHash: try hasher.hash(PasswordGuessingTests.password))
            }
        }
        var authenticator: Authenticator { Authenticator(catalog: catalog, hasher: hasher, clock: clock, throttle: throttle) }
        func attempt(_ user: String, _ password: String, from source: String = "ssh:192.0.2.66") -> String? {
            do {
                _ = try authenticator.login(username: user, password: password, sourceAddress: source)
                return nil
            } catch {
                return (try? catalog.auditHead())?.detail["cause"] ?? "?"
            }
        }
    }

    @Test func guessingIsSlowedThenLockedUntilAnAdminLiftsIt() throws {
        let f = try Fixture()
        for _ in 0..<3 { #expect(f.attempt("eva", "wrong guess number x") == "wrong-password") }
        // After 3 failures even the right password waits 2 s, then 4 s after the next failure...
        #expect(f.attempt("eva", Self.password) == "login-throttled")
        f.clock.advance(2)
        #expect(f.attempt("eva", "wrong guess number y") == "wrong-password")
        f.clock.advance(3)
        #expect(f.attempt("eva", Self.password) == "login-throttled", "the delay grows (4 s after 4 failures)")
        // ... from another source too: the account itself is throttled.
        #expect(f.attempt("eva", Self.password, from: "ssh:198.51.100.9") == "login-throttled")
        f.clock.advance(1)
        for _ in 0..<2 {
            #expect(f.attempt("eva", "wrong guess again z") == "wrong-password")
            f.clock.advance(120)
        }
        // 6 failures: locked, however long one waits.
        f.clock.advance(86_400)
        #expect(f.attempt("eva", Self.password, from: "ssh:198.51.100.9") == "login-locked")
        let root = try f.authenticator.login(username: "root", password: Self.password, sourceAddress: "local:uid=0")
        let admin = UserAdministration(catalog: f.catalog, hasher: f.hasher, clock: f.clock)
        #expect(try admin.unlockLogin(username: "eva", by: root))
        #expect(try admin.unlockLogin(sourceAddress: "ssh:192.0.2.66", by: root))
        #expect(f.attempt("eva", Self.password) == nil)
    }

    @Test func oneSourceGuessingManyAccountsIsThrottled() throws {
        let f = try Fixture()
        for name in ["ghost1", "ghost2", "root"] { #expect(f.attempt(name, "some guess or other") != nil) }
        #expect(f.attempt("eva", Self.password) == "login-throttled", "the source is throttled, whichever account it tries")
        #expect(f.attempt("eva", Self.password, from: "local:uid=1000") == nil, "other sources are not")
    }
}

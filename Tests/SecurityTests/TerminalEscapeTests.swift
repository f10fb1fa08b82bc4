import CLITestSupport
import Foundation
import Testing

/// Issue #21, weak item "output": a reason (or a name, or metadata) carrying terminal escapes or a newline must not
/// reach the terminal as such: text output escapes control characters.
@Suite(.serialized) struct TerminalEscapeTests {
    @Test func aReasonWithEscapesAndANewlineIsShownEscaped() throws {
        let home = try SecurityHome()
        let reason = "policy\u{1B}[2J\u{1B}]0;owned\u{07}\nFAKE #1 admin export-call call 20260101-0000000000"
        let applied = try CLIRunner.run(["retention", "apply", "--home", home.path, "--reason", reason], environment: home.archivist)
        #expect(applied.status == 0, "\(applied.stderr)")
        let list = try CLIRunner.run(["audit", "list", "--home", home.path], environment: home.archivist)
        #expect(list.status == 0, "\(list.stderr)")
        #expect(list.stdout.contains("policy"), "the entry with the reason is listed")
        #expect(!list.stdout.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x07 }, "a terminal escape reached the output")
        #expect(!list.stdout.split(separator: "\n").contains { $0.hasPrefix("FAKE") }, "the reason started a line of its own")
        // JSON keeps the value exactly (escaped by JSON itself).
        let json = try CLIRunner.run(["audit", "list", "--home", home.path, "--json"], environment: home.archivist)
        let entries = try #require(json.json as? [[String: Any]])
        #expect(entries.contains { $0["reason"] as? String == reason })
    }
}

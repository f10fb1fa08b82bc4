import Testing
@testable import CallAccess

@Suite struct CallAccessTargetTests {
    @Test func targetLinks() {
        #expect(String(describing: CallAccess.self) == "CallAccess")
    }
}

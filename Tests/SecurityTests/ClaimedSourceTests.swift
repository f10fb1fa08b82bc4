import Foundation
import Testing
@testable import CallAccess

/// Issue #21, weak item "source address": `SSH_CONNECTION` is whatever the caller set; it is recorded as claimed,
/// beside the local user id, and only when it is an IP address.
@Suite struct ClaimedSourceTests {
    @Test func theSSHAddressIsRecordedAsClaimedBesideTheUser() {
        #expect(SourceAddress.commandLine(environment: [:], uid: 1000) == "local:uid=1000")
        #expect(SourceAddress.commandLine(environment: ["SSH_CONNECTION": "203.0.113.5 50022 10.0.0.1 22"], uid: 1000)
            == "local:uid=1000 ssh-claimed:203.0.113.5")
        #expect(SourceAddress.commandLine(environment: ["SSH_CONNECTION": "2001:db8::7 50022 ::1 22"], uid: 7)
            == "local:uid=7 ssh-claimed:2001:db8::7")
        for forged in ["\u{1B}[2Jevil", "admin-console", "10.0.0.1\nnext line", ""] {
            #expect(SourceAddress.commandLine(environment: ["SSH_CONNECTION": forged], uid: 1000) == "local:uid=1000 ssh-claimed:invalid")
        }
        // The throttle counts the user id, not the claim (which the caller could vary at will).
        #expect(LoginThrottle.sourceKey("local:uid=1000 ssh-claimed:203.0.113.5") == LoginThrottle.sourceKey("local:uid=1000"))
    }
}

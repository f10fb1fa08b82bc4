import CallModel
import Foundation

/// An authenticated user, from where, and how: what every command that reads or changes recordings acts as.
public struct Session: Sendable, Equatable {
    public enum Method: String, Sendable, Codable {
        case password
        case token
    }

    public let user: UserAccount
    public let sourceAddress: String
    public let method: Method

    public init(user: UserAccount, sourceAddress: String, method: Method) {
        self.user = user
        self.sourceAddress = sourceAddress
        self.method = method
    }

    public var username: String { user.username }

    /// An audit draft for an action of this session.
    public func draft(_ action: AuditAction, at: Date, callID: CallID? = nil, reason: String? = nil,
                      detail: [String: String] = [:]) -> AuditDraft {
        AuditDraft(at: at, account: user.username, sourceAddress: sourceAddress, action: action, callID: callID,
                   reason: reason, detail: detail)
    }
}

/// The source address a command-line process records: the local user id the kernel vouches for, and beside it,
/// marked as claimed, the SSH client's address from `SSH_CONNECTION` (or `SSH_CLIENT`). Any local user can set that
/// variable, so it is never recorded as if it were the source: `local:uid=1000 ssh-claimed:203.0.113.5`; a value
/// that is not an IP address is recorded as `ssh-claimed:invalid`. (The HTTP server records the peer address itself.)
public enum SourceAddress {
    public static let claimedPrefix = "ssh-claimed:"

    public static func commandLine(environment: [String: String] = ProcessInfo.processInfo.environment,
                                   uid: UInt32 = UInt32(getuid())) -> String {
        let local = "local:uid=\(uid)"
        guard let ssh = environment["SSH_CONNECTION"] ?? environment["SSH_CLIENT"] else { return local }
        let address = ssh.split(separator: " ").first.map(String.init) ?? ""
        return local + " " + claimedPrefix + (isIPAddress(address) ? address : "invalid")
    }

    /// An IPv4 or IPv6 address (text form), nothing else: no spaces, control characters or names.
    static func isIPAddress(_ text: String) -> Bool {
        guard !text.isEmpty, text.utf8.count <= 45 else { return false }
        var v4 = in_addr(), v6 = in6_addr()
        return inet_pton(AF_INET, text, &v4) == 1 || inet_pton(AF_INET6, text, &v6) == 1
    }
}

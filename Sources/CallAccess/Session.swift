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

/// The source address a command-line process records: the SSH client's address when run over SSH, else the
/// local user id. (The HTTP server records the peer address itself.)
public enum SourceAddress {
    public static func commandLine(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let ssh = environment["SSH_CONNECTION"] ?? environment["SSH_CLIENT"],
           let address = ssh.split(separator: " ").first, !address.isEmpty {
            return "ssh:" + address
        }
        return "local:uid=\(getuid())"
    }
}

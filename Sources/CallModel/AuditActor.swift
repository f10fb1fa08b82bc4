import Foundation

/// Who acts and from where, for audit entries written by a job (an ingest run, a purge) on a user's behalf.
public struct AuditActor: Sendable, Equatable {
    public var account: String
    public var sourceAddress: String

    public init(account: String, sourceAddress: String) {
        self.account = account
        self.sourceAddress = sourceAddress
    }

    public func draft(_ action: AuditAction, at: Date, callID: CallID? = nil, reason: String? = nil,
                      detail: [String: String] = [:]) -> AuditDraft {
        AuditDraft(at: at, account: account, sourceAddress: sourceAddress, action: action, callID: callID,
                   reason: reason, detail: detail)
    }
}

import Foundation

/// An audit entry before the catalog gives it its place in the chain.
/// The catalog masks phone numbers in `reason` and `detail` values on the way in: the trail says whose data by
/// call id, never by number.
public struct AuditDraft: Codable, Sendable, Equatable {
    public var at: Date
    /// The account that acted (`system` for unattended jobs; the attempted username for a failed login).
    public var account: String
    /// Where the action came from: an IP address, `ssh:ADDR`, `local:uid=N`.
    public var sourceAddress: String
    public var action: AuditAction
    public var callID: CallID?
    public var reason: String?
    /// Small facts about the action (permission, counts, key id, ...); never personal data or key material.
    public var detail: [String: String]

    public init(at: Date, account: String, sourceAddress: String, action: AuditAction, callID: CallID? = nil,
                reason: String? = nil, detail: [String: String] = [:]) {
        self.at = at
        self.account = account
        self.sourceAddress = sourceAddress
        self.action = action
        self.callID = callID
        self.reason = reason
        self.detail = detail
    }

    enum CodingKeys: String, CodingKey {
        case at, account, sourceAddress = "source_address", action, callID = "call_id", reason, detail
    }
}

/// One link of the audit chain: an append-only record of who did what to which call, from where and why.
/// `hash` is SHA-256 over the entry's fields and `prevHash` (see `AuditChainHash` in CallCatalog).
public struct AuditEntry: Codable, Sendable, Equatable {
    /// 1, 2, 3, ... without gaps.
    public var seq: Int64
    /// Millisecond precision.
    public var at: Date
    public var account: String
    public var sourceAddress: String
    public var action: AuditAction
    public var callID: CallID?
    public var reason: String?
    public var detail: [String: String]
    /// The previous entry's hash; 64 zeros for the first entry.
    public var prevHash: String
    public var hash: String

    public init(seq: Int64, at: Date, account: String, sourceAddress: String, action: AuditAction, callID: CallID?,
                reason: String?, detail: [String: String], prevHash: String, hash: String) {
        self.seq = seq
        self.at = at
        self.account = account
        self.sourceAddress = sourceAddress
        self.action = action
        self.callID = callID
        self.reason = reason
        self.detail = detail
        self.prevHash = prevHash
        self.hash = hash
    }

    /// The prev hash of the first entry.
    public static let genesisHash = String(repeating: "0", count: 64)
    /// Audit entries are kept at least this long, whatever happens to the calls they mention (PIPA: access
    /// records of a large holder, 2 years). nokchwi itself never deletes them.
    public static let minimumRetentionDays = 731

    enum CodingKeys: String, CodingKey {
        case seq, at, account, sourceAddress = "source_address", action, callID = "call_id", reason, detail
        case prevHash = "prev_hash", hash
    }
}

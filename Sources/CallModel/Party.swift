/// Who speaks on a channel or leg of a call.
public enum Party: String, Codable, Sendable, CaseIterable {
    case agent
    case caller
}

/// Direction of a call as the PBX or recorder reports it.
public enum CallDirection: String, Codable, Sendable, CaseIterable {
    case inbound
    case outbound
    case `internal`
    case unknown
}

extension AgentDirectoryEntry {
    /// A recorder id as the directory compares it: without case and, for ACD interfaces, without the technology
    /// prefix (`SIP/8007` and `PJSIP/8007` name extension 8007). The catalog stores and looks rows up by it.
    public static func recorderKey(_ id: String) -> String {
        let lower = id.lowercased()
        if let slash = lower.lastIndex(of: "/"), ["sip", "pjsip", "iax2", "local", "agent"].contains(String(lower[..<slash])) {
            return String(lower[lower.index(after: slash)...].split(separator: "@").first ?? "")
        }
        return lower
    }
}

/// Conditions a reviewer should know about a call.
public enum CallFlag: String, Codable, Sendable, CaseIterable {
    /// No metadata was found for the recording: fields are unknown.
    case noMetadata = "no-metadata"
    /// Metadata was found but did not say which channel or leg is the agent.
    case agentUnknown = "agent-unknown"
    /// A single channel: no per-party analysis is possible.
    case mono = "mono"
    /// The legs of a split call had different lengths; the shorter was padded with silence.
    case legsPadded = "legs-padded"
    /// The source was resampled to an Opus rate.
    case resampled = "resampled"
    /// The metadata adapter reported warnings (see the metadata's warnings).
    case metadataWarnings = "metadata-warnings"
}

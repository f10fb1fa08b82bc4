import Foundation

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
    /// The metadata's start time is far (more than `CallFlag.startTimeTolerance`) from the recording file's own time
    /// (its end: modification time minus duration): a wrong clock or zone at the recorder, or a start time moved to
    /// make the call expire early. Retention still counts from the metadata; review the call.
    case startTimeMismatch = "start-time-mismatch"

    /// How far the metadata's start may be from the file's time before `startTimeMismatch` is set: 2 hours (a call
    /// stays in the drop folder a while; a wrong zone is 9 hours in Korea).
    public static let startTimeTolerance: Double = 2 * 3600

    /// Whether a call that the metadata says started at `start` and lasted `duration` seconds, recorded in a file
    /// last written at `fileTime`, deserves `startTimeMismatch`.
    public static func startTimeMismatches(start: Date?, duration: Double, fileTime: Date?) -> Bool {
        guard let start, let fileTime else { return false }
        return abs(fileTime.timeIntervalSince(start) - duration) > startTimeTolerance
    }
}

import CallModel
import Foundation

/// The summary of one ingest run, printed for people and as JSON (`--json`).
public struct IngestReport: Codable, Sendable {
    public struct Problem: Codable, Sendable {
        public var path: String
        public var code: String
        public var reason: String
    }

    public var runID: Int64?
    public var dropFolder: String
    public var pipeline: String
    public var jobs: Int
    public var candidates = 0
    public var archived = 0
    public var skipped = 0
    public var quarantined = 0
    /// Files quarantined by an earlier run and unchanged since (not recorded again).
    public var previouslyQuarantined = 0
    public var failed = 0
    public var audioSeconds = 0.0
    public var sourceBytes: Int64 = 0
    public var archiveBytes: Int64 = 0
    public var wallSeconds = 0.0
    public var quarantine: [Problem] = []
    public var failures: [Problem] = []

    /// Audio seconds archived per wall-clock second.
    public var realtimeFactor: Double { wallSeconds > 0 ? audioSeconds / wallSeconds : 0 }
    /// Archive megabytes per hour of audio.
    public var archiveMBPerHour: Double { audioSeconds > 0 ? Double(archiveBytes) / 1_000_000 / (audioSeconds / 3600) : 0 }
    /// Every input ended archived, skipped as known, or quarantined.
    public var succeeded: Bool { failed == 0 }

    enum CodingKeys: String, CodingKey {
        case runID = "run_id", dropFolder = "drop_folder", pipeline, jobs, candidates, archived, skipped, quarantined, previouslyQuarantined = "previously_quarantined", failed
        case audioSeconds = "audio_seconds", sourceBytes = "source_bytes", archiveBytes = "archive_bytes"
        case wallSeconds = "wall_seconds", quarantine, failures
        case realtimeFactor = "realtime_factor", archiveMBPerHour = "archive_mb_per_hour"
    }

    public init(dropFolder: String, pipeline: String, jobs: Int) {
        self.dropFolder = dropFolder
        self.pipeline = pipeline
        self.jobs = jobs
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(runID, forKey: .runID)
        try c.encode(dropFolder, forKey: .dropFolder)
        try c.encode(pipeline, forKey: .pipeline)
        try c.encode(jobs, forKey: .jobs)
        try c.encode(candidates, forKey: .candidates)
        try c.encode(archived, forKey: .archived)
        try c.encode(skipped, forKey: .skipped)
        try c.encode(quarantined, forKey: .quarantined)
        try c.encode(previouslyQuarantined, forKey: .previouslyQuarantined)
        try c.encode(failed, forKey: .failed)
        try c.encode(audioSeconds, forKey: .audioSeconds)
        try c.encode(sourceBytes, forKey: .sourceBytes)
        try c.encode(archiveBytes, forKey: .archiveBytes)
        try c.encode(wallSeconds, forKey: .wallSeconds)
        try c.encode(realtimeFactor, forKey: .realtimeFactor)
        try c.encode(archiveMBPerHour, forKey: .archiveMBPerHour)
        try c.encode(quarantine, forKey: .quarantine)
        try c.encode(failures, forKey: .failures)
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        runID = try c.decodeIfPresent(Int64.self, forKey: .runID)
        dropFolder = try c.decode(String.self, forKey: .dropFolder)
        pipeline = try c.decode(String.self, forKey: .pipeline)
        jobs = try c.decode(Int.self, forKey: .jobs)
        candidates = try c.decode(Int.self, forKey: .candidates)
        archived = try c.decode(Int.self, forKey: .archived)
        skipped = try c.decode(Int.self, forKey: .skipped)
        quarantined = try c.decode(Int.self, forKey: .quarantined)
        previouslyQuarantined = try c.decode(Int.self, forKey: .previouslyQuarantined)
        failed = try c.decode(Int.self, forKey: .failed)
        audioSeconds = try c.decode(Double.self, forKey: .audioSeconds)
        sourceBytes = try c.decode(Int64.self, forKey: .sourceBytes)
        archiveBytes = try c.decode(Int64.self, forKey: .archiveBytes)
        wallSeconds = try c.decode(Double.self, forKey: .wallSeconds)
        quarantine = try c.decode([Problem].self, forKey: .quarantine)
        failures = try c.decode([Problem].self, forKey: .failures)
    }
}

import Foundation

/// One execution of `nokchwi ingest`: what it ran with and what it did.
public struct PipelineRun: Codable, Sendable, Equatable {
    /// `running` while its process lives; `interrupted` when a later run found that it ended (killed, crashed)
    /// without recording its end.
    public enum Status: String, Codable, Sendable { case running, completed, failed, interrupted }

    public var id: Int64?
    public var startedAt: Date
    public var finishedAt: Date?
    public var pipelineName: String
    /// SHA-256 of the pipeline definition file as read.
    public var pipelineSHA256: String
    public var toolVersion: String
    public var sourceDirectory: String
    public var jobs: Int
    public var status: Status
    public var archived: Int
    public var skipped: Int
    public var quarantined: Int
    public var failed: Int
    public var audioSeconds: Double
    public var archiveBytes: Int64

    public init(id: Int64? = nil, startedAt: Date, finishedAt: Date? = nil, pipelineName: String,
                pipelineSHA256: String, toolVersion: String, sourceDirectory: String, jobs: Int,
                status: Status = .running, archived: Int = 0, skipped: Int = 0, quarantined: Int = 0,
                failed: Int = 0, audioSeconds: Double = 0, archiveBytes: Int64 = 0) {
        self.id = id
        self.startedAt = startedAt
        self.finishedAt = finishedAt
        self.pipelineName = pipelineName
        self.pipelineSHA256 = pipelineSHA256
        self.toolVersion = toolVersion
        self.sourceDirectory = sourceDirectory
        self.jobs = jobs
        self.status = status
        self.archived = archived
        self.skipped = skipped
        self.quarantined = quarantined
        self.failed = failed
        self.audioSeconds = audioSeconds
        self.archiveBytes = archiveBytes
    }
}

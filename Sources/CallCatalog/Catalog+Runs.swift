import CallModel
import Foundation
import GRDB

extension Catalog {
    /// Records the start of a pipeline run and returns its id. `lockName`: the run lock its process holds for
    /// the run's lifetime (`RunLock`), so that a later run can tell whether it still lives.
    public func beginRun(_ run: PipelineRun, lockName: String? = nil) throws -> Int64 {
        try write { db in
            try db.execute(sql: """
                INSERT INTO pipeline_run (started_at, pipeline_name, pipeline_sha256, tool_version, source_directory, jobs, status, lock_name)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [CatalogDates.string(run.startedAt), run.pipelineName, run.pipelineSHA256, run.toolVersion,
                                 run.sourceDirectory, run.jobs, PipelineRun.Status.running.rawValue, lockName])
            return db.lastInsertedRowID
        }
    }

    /// Runs recorded as `running`, with the name of the lock each one's process holds (nil for runs recorded
    /// before runs kept a lock).
    public func runningRuns() throws -> [(id: Int64, lockName: String?)] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT id, lock_name FROM pipeline_run WHERE status = ? ORDER BY id",
                             arguments: [PipelineRun.Status.running.rawValue]).map { ($0["id"], $0["lock_name"]) }
        }
    }

    /// Marks a run whose process ended without recording its end as `interrupted`. Only a run still `running`
    /// changes (one that recorded its end meanwhile keeps it); returns whether it changed.
    @discardableResult
    public func markRunInterrupted(id: Int64) throws -> Bool {
        try write { db in
            try db.execute(sql: "UPDATE pipeline_run SET status = ? WHERE id = ? AND status = ?",
                           arguments: [PipelineRun.Status.interrupted.rawValue, id, PipelineRun.Status.running.rawValue])
            return db.changesCount > 0
        }
    }

    /// Records how a run ended.
    public func finishRun(_ run: PipelineRun) throws {
        guard let id = run.id else { throw CatalogError(.notFound, "finishRun needs a run id") }
        try write { db in
            try db.execute(sql: """
                UPDATE pipeline_run SET finished_at = ?, status = ?, archived = ?, skipped = ?, quarantined = ?, failed = ?,
                    audio_seconds = ?, archive_bytes = ? WHERE id = ?
                """, arguments: [run.finishedAt.map(CatalogDates.string), run.status.rawValue, run.archived, run.skipped,
                                 run.quarantined, run.failed, run.audioSeconds, run.archiveBytes, id])
        }
    }

    public func run(id: Int64) throws -> PipelineRun? {
        try read { db in
            guard let r = try Row.fetchOne(db, sql: "SELECT * FROM pipeline_run WHERE id = ?", arguments: [id]) else { return nil }
            return PipelineRun(
                id: r["id"], startedAt: CatalogDates.date(r["started_at"]) ?? Date(timeIntervalSince1970: 0),
                finishedAt: CatalogDates.date(r["finished_at"]), pipelineName: r["pipeline_name"],
                pipelineSHA256: r["pipeline_sha256"], toolVersion: r["tool_version"],
                sourceDirectory: r["source_directory"], jobs: r["jobs"],
                status: PipelineRun.Status(rawValue: r["status"]) ?? .failed, archived: r["archived"],
                skipped: r["skipped"], quarantined: r["quarantined"], failed: r["failed"],
                audioSeconds: r["audio_seconds"], archiveBytes: r["archive_bytes"])
        }
    }
}

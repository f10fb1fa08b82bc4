import CallArchive
import CallCatalog
import CallModel
import Foundation

extension IngestRunner {
    /// Marks every `running` run whose process is gone as `interrupted`: its run lock (`RunLock`) can be taken,
    /// or it was recorded before runs kept a lock. Runs whose lock is held (a concurrent ingest) are left alone,
    /// and so is a run whose lock cannot be examined. Returns the ids marked.
    @discardableResult
    public func closeInterruptedRuns() throws -> [Int64] {
        var closed: [Int64] = []
        for run in try catalog.runningRuns() {
            let liveness = run.lockName.map { RunLock.probe(directory: home.runLocksPath, name: $0) } ?? .dead
            guard liveness == .dead else { continue }
            if try catalog.markRunInterrupted(id: run.id) { closed.append(run.id) }
        }
        return closed
    }
}

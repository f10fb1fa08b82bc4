import CallModel
import Foundation
import GRDB

/// The SQLite catalog of calls, legs, events, quarantine records and pipeline runs.
/// The only place in nokchwi that speaks SQL. WAL mode, `synchronous=FULL`, migrations on open.
public final class Catalog: Sendable {
    let writer: any DatabaseWriter
    public let path: String?
    /// Called inside a call's commit transaction, after all its rows are inserted and before COMMIT; throwing rolls the
    /// transaction back. Reliability tests only (`CallFaults` `FaultInjection.catalogCommitHook`: a kill or a disk-full error there).
    let commitHook: (@Sendable (_ callID: String) throws -> Void)?

    /// Opens (creating if absent) the catalog at `path`. Refuses a file that is not an SQLite catalog or is
    /// corrupt instead of silently starting an empty one over it.
    /// `busyPolling: true` waits for the write lock in short steps instead of SQLite's busy timeout;
    /// `benchmarkSynchronousNormal` commits without an fsync (never in a command: see docs/qa.md, "Speed"). Both exist
    /// for `qa-bench` to compare; neither met the claim target on the loaded test machine (Benchmarks/QA.md).
    public init(path: String, commitHook: (@Sendable (_ callID: String) throws -> Void)? = nil, busyPolling: Bool = false,
                benchmarkSynchronousNormal: Bool = false) throws {
        self.path = path
        self.commitHook = commitHook
        let fm = FileManager.default
        if fm.fileExists(atPath: path) {
            try Catalog.checkHeader(path: path)
        } else if fm.fileExists(atPath: path + "-wal") {
            throw CatalogError(.corrupt, "a write-ahead log exists without its database; restore catalog.sqlite from backup, or move the -wal file away if you are sure it is stale", path: path)
        }
        do {
            writer = try DatabasePool(path: path, configuration: Catalog.configuration(busyPolling: busyPolling,
                                                                                        synchronous: benchmarkSynchronousNormal ? "NORMAL" : "FULL"))
        } catch let error as DatabaseError where error.resultCode == .SQLITE_CORRUPT || error.resultCode == .SQLITE_NOTADB {
            // A truncated or damaged file: SQLite refuses it; say so rather than pointing at permissions.
            throw CatalogError(.corrupt, "the catalog file is damaged (\(Catalog.describe(error))); nokchwi will not overwrite it: restore catalog.sqlite from backup", path: path)
        } catch {
            throw CatalogError(.cannotOpen, "cannot open the catalog (\(Catalog.describe(error))); check the path and its permissions", path: path)
        }
        try migrate()
    }

    /// An in-memory catalog for tests.
    public init(inMemory: Void = ()) throws {
        path = nil
        commitHook = nil
        writer = try DatabaseQueue(configuration: Catalog.configuration())
        try migrate()
    }

    private func migrate() throws {
        do {
            try CatalogSchema.migrator.migrate(writer)
        } catch {
            throw CatalogError(.migrationFailed, "schema migration failed (\(Catalog.describe(error))); the catalog was left unchanged", path: path)
        }
    }

    /// How many waits a writer makes for the lock before SQLITE_BUSY (about 30 s).
    static let busyTries = 10_000

    /// With `busyPolling`, microseconds to wait before the next try for the write lock: 0.25 ms for the first three
    /// (most transactions take 1-2 ms), 1 ms up to the tenth, then 3 ms (Benchmarks/QA.md compares it with SQLite's).
    static func busyWait(_ tries: Int) -> UInt32 { tries < 3 ? 250 : tries < 10 ? 1_000 : 3_000 }

    private static func configuration(busyPolling: Bool = false, synchronous: String = "FULL") -> Configuration {
        var config = Configuration()
        config.foreignKeysEnabled = true
        // Another process holds the write lock (8 evaluators claiming, an ingest): SQLite's busy timeout (it sleeps 1, 2,
        // 5, 10 ... 100 ms between tries) for up to 30 s; `busyPolling` tries again after 0.25-3 ms instead.
        config.busyMode = busyPolling ? .callback { tries in
            guard tries < Catalog.busyTries else { return false }
            usleep(Catalog.busyWait(tries))
            return true
        } : .timeout(30)
        config.prepareDatabase { db in
            // Every commit that makes a call visible must be on disk before we say it is archived.
            try db.execute(sql: "PRAGMA synchronous = \(synchronous)")
            // Erased rows (wrapped data keys at purge, personal fields) are overwritten, not left in free pages.
            try db.execute(sql: "PRAGMA secure_delete = ON")
        }
        return config
    }

    private static func checkHeader(path: String) throws {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw CatalogError(.cannotOpen, "the catalog file cannot be read; check its permissions", path: path)
        }
        defer { try? handle.close() }
        let header = (try? handle.read(upToCount: 16)) ?? Data()
        if header.isEmpty { return }  // an empty file: SQLite initialises it
        guard header == Data("SQLite format 3\0".utf8) else {
            throw CatalogError(.notACatalog, "the file is not an SQLite database; nokchwi will not overwrite it: restore the catalog from backup or choose another --home", path: path)
        }
    }

    /// Runs SQLite's quick integrity check; returns the problems found (empty when sound).
    public func integrityProblems() throws -> [String] {
        try read { db in
            let rows = try String.fetchAll(db, sql: "PRAGMA quick_check")
            return rows == ["ok"] ? [] : rows
        }
    }

    func read<T>(_ body: (Database) throws -> T) throws -> T {
        do { return try writer.read(body) } catch let error as CatalogError { throw error } catch {
            throw CatalogError(.queryFailed, "reading the catalog failed (\(Catalog.describe(error)))", path: path)
        }
    }

    func write<T>(_ body: (Database) throws -> T) throws -> T {
        do { return try writer.write(body) } catch let error as CatalogError { throw error } catch {
            throw CatalogError(.queryFailed, "writing the catalog failed (\(Catalog.describe(error))); nothing of this change was stored", path: path)
        }
    }

    static func describe(_ error: any Error) -> String {
        if let db = error as? DatabaseError {
            return "SQLite \(db.resultCode): \(db.message ?? "no message")"
        }
        return String(describing: error)
    }
}

extension Catalog {
    /// TESTS ONLY (reachable through `@testable import`): runs raw SQL, to simulate an attacker who edits the
    /// database by hand (drops the audit triggers, deletes rows). Never call it from a command.
    func unsafeExecuteForTesting(sql: String) throws {
        try write { db in try db.execute(sql: sql) }
    }
}

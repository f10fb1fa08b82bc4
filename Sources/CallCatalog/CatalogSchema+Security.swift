import GRDB

extension CatalogSchema {
    /// "v8-security" (issue #21):
    /// - home_setting: settings chosen at `init` that a pipeline file may not loosen (the longest token lifetime,
    ///   the retention floor).
    /// - retention_request: a purge or hold release that `retention.two_person` holds until a second archivist
    ///   approves it; used once.
    /// - call.retention_policy_sha256 and retention_policy: which policy assigned each call's class, so a
    ///   destruction certificate records the class and policy actually applied, not the one passed to `purge`.
    static func registerSecurity(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v8-security") { db in
            try db.execute(sql: """
                CREATE TABLE home_setting (
                    key TEXT PRIMARY KEY NOT NULL,
                    value TEXT NOT NULL
                );
                CREATE TABLE retention_request (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    kind TEXT NOT NULL CHECK (kind IN ('purge', 'hold-release')),
                    target TEXT NOT NULL,
                    reason TEXT NOT NULL,
                    requested_by TEXT NOT NULL,
                    requested_at TEXT NOT NULL,
                    approved_by TEXT,
                    approved_at TEXT,
                    used_at TEXT,
                    CHECK (approved_by IS NULL OR approved_by <> requested_by)
                );
                CREATE TABLE retention_policy (
                    sha256 TEXT PRIMARY KEY NOT NULL,
                    policy_json TEXT NOT NULL,
                    first_applied_at TEXT NOT NULL
                );
                ALTER TABLE call ADD COLUMN retention_policy_sha256 TEXT;
                """)
        }
    }
}

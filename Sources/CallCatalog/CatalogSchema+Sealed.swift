import GRDB

extension CatalogSchema {
    /// Sealed personal fields (issue #21): the caller number, metadata warnings and event details sealed under the
    /// call's own data key (opaque bytes here), and the caller number's keyed hash, indexed, for lookups and repeat
    /// counts. Rows stored before keep their plain text until `nokchwi keys seal-personal` (or an ingest) seals them;
    /// two partial indexes hold only such rows, so finding them (every ingest and `status` do) costs nothing once sealed.
    static func registerSealedPersonal(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v9-sealed-personal") { db in
            try db.execute(sql: """
                ALTER TABLE call ADD COLUMN caller_sealed BLOB;
                ALTER TABLE call ADD COLUMN warnings_sealed BLOB;
                ALTER TABLE call ADD COLUMN caller_hash TEXT;
                CREATE INDEX call_caller_hash ON call(caller_hash) WHERE caller_hash IS NOT NULL;
                ALTER TABLE call_event ADD COLUMN detail_sealed BLOB;
                CREATE INDEX call_plaintext_personal ON call(id)
                    WHERE purged_at IS NULL AND (caller_number IS NOT NULL OR metadata_warnings <> '[]');
                CREATE INDEX call_event_plaintext_detail ON call_event(call_id) WHERE detail IS NOT NULL;
                """)
        }
    }
}
